/**
 * Cases in DynamoDB. One conditional PutItem per case decides, atomically, whether the
 * incoming state is newer (`updatedAt`), the same, or stale — no read before write, so
 * ingest runs at close to the speed of raw puts and concurrent deliveries cannot
 * interleave. A department's own write is pinned to its department in the same
 * condition, so it can never replace (or move) another department's case. Open cases
 * carry the sparse due-date index keys; completed ones do not.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '../domain/cases/case.js';
import { type BoardLevel, type CaseStanding, isWarned } from '../domain/cases/standing.js';
import type { CaseStore, OpenCase, PutCaseOptions, PutCaseOutcome, StoredCase } from '../domain/ports.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** Where an open case stands today (owned by the case domain); kept on the item for the sweeper and the board. */
export type { CaseStanding } from '../domain/cases/standing.js';

/** Far-future sort key for open cases with no further colour change. */
const NEVER = '9999-12-31';

/** The index keys that depend on where an open case stands. */
export function standingKeys(
  record: Pick<CaseRecord, 'caseId' | 'acceptedAt' | 'status'>,
  standing: CaseStanding,
) {
  if (record.status === 'completed') return {};
  return {
    ...keys.openByDue(record.caseId, standing.nextCheck ?? NEVER),
    ...(isWarned(standing.warning)
      ? keys.openByWarning(standing.warning, record.acceptedAt, record.caseId)
      : {}),
  };
}

/** The stored item for a case, with its index keys. */
export function caseItem(
  record: CaseRecord,
  extra: Record<string, unknown>,
  standing: CaseStanding,
): Record<string, unknown> {
  const content = { ...record, ...extra };
  // The hash covers what upstream sent and what follows from it, not today's colour.
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
  return {
    ...keys.case(record.caseId),
    ...keys.caseByDepartment(record.departmentId, record.acceptedAt, record.caseId),
    ...standingKeys(record, standing),
    type: 'case',
    v: 1,
    ...content,
    warning: standing.warning,
    updatedAtMs: record.updatedAt ? Date.parse(record.updatedAt) : undefined,
    contentHash: hash,
  };
}

export class DynamoCaseStore implements CaseStore {
  constructor(private readonly store: StoreClient) {}

  async putCase(
    record: CaseRecord,
    extra: Record<string, unknown>,
    standing: CaseStanding,
    options: PutCaseOptions = {},
  ): Promise<PutCaseOutcome> {
    const item = caseItem(record, extra, standing);
    const withVersion = typeof item.updatedAtMs === 'number';
    const pinned = options.storedIn !== undefined;
    const newer = withVersion ? 'attribute_not_exists(updatedAtMs) OR updatedAtMs < :u' : 'contentHash <> :h';
    // A pinned write replaces a case only while it sits in that department: the check is
    // part of the write, so no read can go stale between checking and writing.
    const replace = pinned ? `departmentId = :d AND (${newer})` : newer;
    try {
      const out = await this.store.doc.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: item,
          ConditionExpression: `attribute_not_exists(pk) OR (${replace})`,
          ExpressionAttributeValues: {
            ...(withVersion ? { ':u': item.updatedAtMs } : { ':h': item.contentHash }),
            ...(pinned ? { ':d': options.storedIn } : {}),
          },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const stored = {
        departmentId: record.departmentId,
        status: record.status,
        completedAt: record.completedAt,
      };
      return out.Attributes
        ? { status: 'updated', previousStatus: out.Attributes.status as CaseRecord['status'], stored }
        : { status: 'created', stored };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const old = (err.Item ?? {}) as Record<string, { N?: string; S?: string }>;
      if (pinned && old.departmentId?.S !== options.storedIn) return { status: 'foreign' };
      // Nothing was written: what stands is the stored case, never this request.
      const stored = {
        departmentId: old.departmentId?.S ?? record.departmentId,
        status: (old.status?.S ?? record.status) as CaseRecord['status'],
        completedAt: old.completedAt?.S,
      };
      if (!withVersion) return { status: 'unchanged', stored };
      const oldVersion = old.updatedAtMs?.N ? Number(old.updatedAtMs.N) : undefined;
      return { status: oldVersion === item.updatedAtMs ? 'unchanged' : 'stale', stored };
    }
  }

  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const out = await this.store.doc.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.case(caseId), ConsistentRead: true }),
    );
    return out.Item as StoredCase | undefined;
  }

  async recentCasesOfDepartment(departmentId: string, limit: number): Promise<StoredCase[]> {
    const { gsi1pk } = keys.caseByDepartment(departmentId, '', '');
    const { items } = await queryAll(
      this.store,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: false,
      },
      { limit, maxRequests: 1 },
    );
    return items as StoredCase[];
  }

  /**
   * Record the sweeper's view of an open case: its colour and next check date (and its
   * place on the warnings board). A no-op if the case changed meanwhile.
   */
  async setStanding(
    record: Pick<CaseRecord, 'caseId' | 'acceptedAt' | 'status'>,
    standing: CaseStanding,
    contentHash: string,
  ): Promise<boolean> {
    const k = standingKeys(record, standing) as Record<string, string>;
    const sets = Object.keys(k).map((name) => `${name} = :${name}`);
    const removes = ['gsi3pk', 'gsi3sk'].filter((name) => !(name in k));
    return conditionalWrite(
      this.store.doc.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.case(record.caseId),
          UpdateExpression: `SET ${['warning = :w', ...sets].join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'contentHash = :h',
          ExpressionAttributeValues: {
            ':w': standing.warning,
            ':h': contentHash,
            ...Object.fromEntries(Object.entries(k).map(([name, v]) => [`:${name}`, v])),
          },
        }),
      ),
    );
  }

  /**
   * Replace a case's whole state derived again from what is stored (the calendar
   * reload), conditional on the content hash read (`keys.case`); false when it changed.
   */
  async replaceUnchanged(
    record: CaseRecord,
    extra: Record<string, unknown>,
    standing: CaseStanding,
    contentHash: string,
  ): Promise<boolean> {
    return conditionalWrite(
      this.store.doc.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: caseItem(record, extra, standing),
          ConditionExpression: 'contentHash = :h',
          ExpressionAttributeValues: { ':h': contentHash },
        }),
      ),
    );
  }

  /**
   * Open cases of one colour (yellow, red, serious) from the board index, oldest first
   * (gsi3 `WARN#<level>`, `keys.openByWarning`): the warnings board.
   */
  async warnedCases(level: BoardLevel): Promise<OpenCase[]> {
    const { items } = await queryAll(this.store, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.openByWarning(level, '', '').gsi3pk },
      ProjectionExpression: OPEN_CASE_PROJECTION,
      ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
    });
    return items.filter((i) => i.type === 'case').map(openCaseOf);
  }

  /**
   * Every open case, green included, from the sparse open index (gsi2 `OPEN#<n>`,
   * `keys.openByDue`): the cost grows with open cases only, never with closed ones.
   */
  async openCases(): Promise<OpenCase[]> {
    const items = await this.openIndexCases({ ProjectionExpression: OPEN_CASE_PROJECTION });
    return items.map(openCaseOf);
  }

  /** Every open case in full, from the same index: to derive them again after a calendar reload. */
  async openCaseItems(): Promise<StoredCase[]> {
    return (await this.openIndexCases({})) as StoredCase[];
  }

  /** The case items of every partition of the open-and-due index (which also holds other types). */
  private async openIndexCases(projection: { ProjectionExpression?: string }) {
    const all: Record<string, unknown>[] = [];
    for (const partition of keys.openPartitions()) {
      const { items } = await queryAll(this.store, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        FilterExpression: '#type = :case',
        ExpressionAttributeValues: { ':pk': partition, ':case': 'case' },
        ...projection,
        ExpressionAttributeNames: projection.ProjectionExpression
          ? { '#status': 'status', '#type': 'type' }
          : { '#type': 'type' },
      });
      all.push(...items);
    }
    return all;
  }
}

/** The fields of an open case the board and the reports show (`status` and `type` are reserved words). */
const OPEN_CASE_PROJECTION = [
  'caseId',
  'serviceCode',
  'departmentId',
  'district',
  'windowId',
  'acceptedAt',
  'acceptedDate',
  'completedDate',
  'suspensions',
  'promisedDays',
  'statutoryDays',
  'dueDate',
  'statutoryDueDate',
  'warning',
  '#status',
  'provisional',
  '#type',
].join(', ');

/** An open case as the board reads it, from its projected item. */
function openCaseOf(item: Record<string, unknown>): OpenCase {
  const c = item as Partial<OpenCase>;
  return {
    caseId: String(c.caseId),
    serviceCode: String(c.serviceCode),
    departmentId: String(c.departmentId),
    district: c.district,
    windowId: c.windowId,
    acceptedAt: String(c.acceptedAt),
    acceptedDate: String(c.acceptedDate),
    completedDate: c.completedDate,
    suspensions: c.suspensions ?? [],
    promisedDays: Number(c.promisedDays),
    statutoryDays: Number(c.statutoryDays),
    dueDate: String(c.dueDate),
    statutoryDueDate: String(c.statutoryDueDate),
    status: c.status ?? 'open',
    provisional: Boolean(c.provisional),
    warning: c.warning,
  };
}
