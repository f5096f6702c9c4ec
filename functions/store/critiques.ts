/**
 * Critiques in DynamoDB. A critique is one item (by tracking code) carrying its index
 * keys: by status (gsi3, the office's queues), by assigned department (gsi1, the
 * department's inbox) and, while an answer is awaited, by reply deadline (gsi2, the
 * sweeper). While public it also fans out to board rows (see domain/critiques/board):
 * every change writes the critique, conditional on its revision, together with the
 * rows that changed, in one transaction — so the board never shows a state the
 * critique is not in, and two staff acting at once cannot overwrite each other.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { addCalendarDays } from '../domain/calendar/index.js';
import {
  type BoardFilter,
  type BoardRow,
  boardFilterKey,
  boardFilterKeysOf,
  boardRowOf,
} from '../domain/critiques/board.js';
import { AWAITING_ANSWER, type Critique, type CritiqueStatus } from '../domain/critiques/model.js';
import type { Page } from '../domain/ports.js';
import { conflict, invalid } from '../domain/refusal.js';
import { AGAIN, AGAIN_NOW, exponentialBackoff, retrying } from '../shared/retry.js';
import { batchGetAll } from './batch.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { type CursorShape, decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';
import { gsi1Between, queryAll } from './query-all.js';
import type { rateLimitUpdate } from './rate-limit.js';
import { itemAttributes } from './table-definition.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Sort key date for critiques already flagged overdue: parked, out of the sweeper's way. */
const PARKED = '9999-12-31';

const KEY_ATTRIBUTES = new Set<string>(itemAttributes);

function strip<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(k)) out[k] = v;
  return out as T;
}

/** The stored critique item with the index keys its state calls for. */
export function critiqueItem(c: Critique): Record<string, unknown> {
  const awaiting = AWAITING_ANSWER.includes(c.status) && c.replyDue;
  return {
    ...keys.critique(c.trackingCode),
    ...keys.critiqueByStatus(c.status, c.createdAt, c.trackingCode),
    ...(c.assignedDepartmentId
      ? keys.critiqueByDepartment(c.assignedDepartmentId, c.createdAt, c.trackingCode)
      : {}),
    // Due the day after the deadline: that is the first day the reply is late.
    ...(awaiting ? keys.openByDue(c.trackingCode, c.overdue ? PARKED : addCalendarDays(c.replyDue!, 1)) : {}),
    type: 'critique',
    v: 1,
    ...c,
  };
}

export function boardRowItem(filter: string, row: BoardRow): Record<string, unknown> {
  return {
    ...keys.critiqueBoard(filter, row.createdAt, row.trackingCode),
    type: 'critiqueRow',
    v: 1,
    filter,
    ...row,
  };
}

/** Where a row stands on every board it is on: its sort key (newest last in DynamoDB's order). */
export function boardPosition(row: Pick<BoardRow, 'createdAt' | 'trackingCode'>): string {
  return keys.critiqueBoard('', row.createdAt, row.trackingCode).sk;
}

/** The board writes a change needs: rows to put (new or changed) and rows to delete. */
export function boardWrites(prev: Critique | undefined, next: Critique, tableName: string): TransactItem[] {
  const before = new Set(prev ? boardFilterKeysOf(prev) : []);
  const after = boardFilterKeysOf(next);
  const row = boardRowOf(next);
  const unchanged = prev !== undefined && JSON.stringify(boardRowOf(prev)) === JSON.stringify(row);
  const out: TransactItem[] = [];
  for (const filter of after) {
    if (unchanged && before.has(filter)) continue;
    out.push({ Put: { TableName: tableName, Item: boardRowItem(filter, row) } });
  }
  const kept = new Set(after);
  for (const filter of before) {
    if (!kept.has(filter)) {
      out.push({
        Delete: {
          TableName: tableName,
          Key: keys.critiqueBoard(filter, prev!.createdAt, prev!.trackingCode),
        },
      });
    }
  }
  return out;
}

export type CreateOutcome =
  | { status: 'created'; trackingCode: string }
  | { status: 'collapsed'; trackingCode: string }
  | { status: 'collision' }
  | { status: 'rateLimited'; retryAfterSeconds: number };

/** What a new critique is written together with (see `DynamoCritiqueStore.create`). */
export interface CreateGuards {
  /** Identical text from one client within the window collapses into the first critique. */
  dedup?: { hash: string; expiresAt: number; nowSeconds: number } | undefined;
  /** Rate-limit counters to count in the same transaction, refused ones first in line. */
  limits?: ReturnType<typeof rateLimitUpdate>[] | undefined;
}

/** Tries of a submission's transaction when it keeps losing races (TransactionConflict). */
const CREATE_ATTEMPTS = 6;
const CREATE_BACKOFF = exponentialBackoff({ baseMs: 10, capMs: 400, jitterMs: 15 });

/** The tracking code of a dedup entry returned by a failed condition (wire or plain form). */
function trackingCodeOf(item: unknown): string | undefined {
  const v = (item as { trackingCode?: unknown } | undefined)?.trackingCode;
  if (typeof v === 'string') return v;
  const s = (v as { S?: unknown } | undefined)?.S;
  return typeof s === 'string' ? s : undefined;
}

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
  oldestFirst?: boolean;
}

export class DynamoCritiqueStore {
  constructor(private readonly store: StoreClient) {}

  private get table(): string {
    return this.store.tableName;
  }

  async get(trackingCode: string): Promise<Critique | undefined> {
    const out = await this.store.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.critique(trackingCode), ConsistentRead: true }),
    );
    return out.Item ? strip<Critique>(out.Item) : undefined;
  }

  /** Several critiques by code, in the order asked (missing ones left out). */
  async getMany(codes: readonly string[]): Promise<Critique[]> {
    const found = new Map<string, Critique>();
    const items = await batchGetAll(
      this.store,
      [...new Set(codes)].map((code) => keys.critique(code)),
    );
    for (const item of items) {
      const c = strip<Critique>(item);
      found.set(c.trackingCode, c);
    }
    return codes.map((code) => found.get(code)).filter((c): c is Critique => c !== undefined);
  }

  /**
   * Store a new critique, with its guards, in one TransactWriteItems: the rate-limit
   * counters (`rateLimitUpdate`, conditional ADDs), the dedup entry and the critique.
   * One round trip, and all or nothing — a refused, collapsed or crashed submission
   * leaves no counter, no entry and no critique behind, and a counter shared by two
   * instances is exact because DynamoDB checks every condition inside the transaction.
   * With a dedup key, the first submission within the window wins and later identical
   * ones get its tracking code back (`collapsed`; they have counted nothing, see
   * submit.ts); an entry whose critique is gone is taken over. A transaction that lost a
   * race for an item (TransactionConflict) is sent again after an exponential backoff.
   */
  async create(c: Critique, guards: CreateGuards = {}): Promise<CreateOutcome> {
    const { dedup, limits = [] } = guards;
    const critique: TransactItem = {
      Put: { TableName: this.table, Item: critiqueItem(c), ConditionExpression: 'attribute_not_exists(pk)' },
    };
    const dedupAt = limits.length;
    /** A dedup entry pointing at a critique that no longer exists, to take over. */
    let stale: string | undefined;
    const send = async (): Promise<CreateOutcome | typeof AGAIN | typeof AGAIN_NOW> => {
      const items: TransactItem[] = limits.map(({ Update }) => ({ Update }));
      if (dedup) items.push({ Put: this.dedupPut(c.trackingCode, dedup, stale) });
      items.push(critique);
      try {
        await this.store.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return { status: 'created', trackingCode: c.trackingCode };
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = err.CancellationReasons ?? [];
        const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
        const limit = limits.find((_, i) => failed(i));
        if (limit) return { status: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds };
        if (dedup && failed(dedupAt)) {
          const existing = trackingCodeOf(reasons[dedupAt]?.Item);
          if (!existing) return AGAIN;
          if (existing !== stale && (await this.get(existing)))
            return { status: 'collapsed', trackingCode: existing };
          stale = existing;
          return AGAIN_NOW;
        }
        if (failed(items.length - 1)) return { status: 'collision' };
        if (reasons.some((r) => r.Code === 'TransactionConflict')) return AGAIN;
        throw err;
      }
    };
    return retrying(send, {
      attempts: CREATE_ATTEMPTS,
      backoffMs: CREATE_BACKOFF,
      exhausted: () => {
        throw conflict('The submission met too many concurrent writes; please try again.');
      },
    });
  }

  /** The dedup entry's Put: new, expired, or (taking over) pointing at a critique that is gone. */
  private dedupPut(
    trackingCode: string,
    dedup: NonNullable<CreateGuards['dedup']>,
    stale: string | undefined,
  ): NonNullable<TransactItem['Put']> {
    return {
      TableName: this.table,
      Item: {
        ...keys.critiqueDedup(dedup.hash),
        type: 'critiqueDedup',
        v: 1,
        trackingCode,
        expiresAt: dedup.expiresAt,
        ttl: dedup.expiresAt,
      },
      ConditionExpression: `attribute_not_exists(pk) OR expiresAt < :now${stale ? ' OR trackingCode = :stale' : ''}`,
      ExpressionAttributeValues: { ':now': dedup.nowSeconds, ...(stale ? { ':stale': stale } : {}) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
  }

  /**
   * Add a nitpicker key hash to a critique that already has keys and fewer than `max`
   * (an identical resubmission collapsed into it gets a key of its own). The revision is
   * bumped, so a change read before this one fails its condition and re-reads instead
   * of writing the old key list back. False when the critique has no room or no keys.
   */
  addNitpickerKeyHash(trackingCode: string, hash: string, max: number): Promise<boolean> {
    return conditionalWrite(
      this.store.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.critique(trackingCode),
          UpdateExpression:
            'SET nitpickerKeyHashes = list_append(nitpickerKeyHashes, :hash), rev = rev + :one',
          ConditionExpression: 'attribute_exists(nitpickerKeyHashes) AND size(nitpickerKeyHashes) < :max',
          ExpressionAttributeValues: { ':hash': [hash], ':one': 1, ':max': max },
        }),
      ),
    );
  }

  /**
   * Write changed critiques (each conditional on the revision it was read at), their
   * board rows and any `extra` items in one transaction. `conflict` when anything
   * changed meanwhile: the caller re-reads and applies its transition again.
   */
  async save(
    changes: { prev: Critique | undefined; next: Critique }[],
    extra: TransactItem[] = [],
  ): Promise<'saved' | 'conflict'> {
    const items: TransactItem[] = [];
    for (const { prev, next } of changes) {
      items.push({
        Put: {
          TableName: this.table,
          Item: critiqueItem(next),
          ...(prev
            ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': prev.rev } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      });
      items.push(...boardWrites(prev, next, this.table));
    }
    items.push(...extra);
    if (items.length > 100)
      throw new Error(`A critique change needs ${items.length} writes, more than one transaction.`);
    try {
      await this.store.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 'saved';
    } catch (err) {
      if (err instanceof TransactionCanceledException) {
        const reasons = err.CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
          return 'conflict';
        }
      }
      throw err;
    }
  }

  /** One page of a list (one request of at most `limit` items), resumed from a client's cursor. */
  private async page<T>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit' | 'ScanIndexForward'>,
    options: ListOptions,
    list: CursorShape,
    map: (item: Record<string, unknown>) => T,
  ): Promise<Page<T> & { itemsRead: number }> {
    const { items, lastKey, scannedCount } = await queryAll(
      this.store,
      { ...input, ScanIndexForward: Boolean(options.oldestFirst) },
      { startKey: decodeCursor(options.cursor, list), limit: options.limit, maxRequests: 1 },
    );
    return { items: items.map(map), nextCursor: encodeCursor(lastKey), itemsRead: scannedCount };
  }

  /** Critiques in one status (the office's triage queue and lists), newest first unless asked. */
  listByStatus(status: CritiqueStatus, options: ListOptions) {
    const gsi3pk = keys.critiqueByStatus(status, '', '').gsi3pk;
    return this.page(
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi3pk },
      },
      options,
      { index: 'gsi3', partition: gsi3pk },
      (item) => strip<Critique>(item),
    );
  }

  /** A department's inbox: critiques assigned to it, newest first, optionally in one status. */
  listByDepartment(departmentId: string, options: ListOptions & { status?: CritiqueStatus | undefined }) {
    const gsi1pk = keys.critiqueByDepartment(departmentId, '', '').gsi1pk;
    return this.page(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ...(options.status
          ? {
              FilterExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':pk': gsi1pk, ':status': options.status },
            }
          : { ExpressionAttributeValues: { ':pk': gsi1pk } }),
      },
      options,
      { index: 'gsi1', partition: gsi1pk },
      (item) => strip<Critique>(item),
    );
  }

  /**
   * Critiques assigned to a department that were submitted in a time range, newest
   * first (gsi1 `DEPT#<id>#CRITIQUES`, `keys.critiqueByDepartment`): the supervision
   * reports. Reading stops at the first page that brings the count to `max`; that page
   * is kept whole, so a few more than `max` may come back.
   */
  async ofDepartmentBetween(
    departmentId: string,
    fromIso: string,
    toIso: string,
    max = 1000,
  ): Promise<Critique[]> {
    const items = await gsi1Between(
      this.store,
      keys.critiqueByDepartment(departmentId, '', '').gsi1pk,
      { fromIso, toIso, newestFirst: true },
      { stopAfter: max },
    );
    return items.filter((i) => i.type === 'critique').map((i) => strip<Critique>(i));
  }

  /** One page of the public board under a filter, newest first: one Query, strongly consistent. */
  board(filter: BoardFilter, options: ListOptions) {
    const pk = keys.critiqueBoardPartition(boardFilterKey(filter));
    return this.page(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      },
      options,
      { index: 'table', partition: pk },
      (item) => strip<BoardRow & { filter: string }>(item),
    );
  }

  /**
   * Board rows of several filters submitted in [from, to] (ISO instants), newest first,
   * at most `limit`: Open311's date-bounded queries. Each partition is read only as far
   * as the limit needs; the lists are merged by board position (`boardPosition`, the
   * rows' sort key, in DynamoDB's order). With `after` (a position inside the range),
   * the rows after it: a stable place to resume, whatever was submitted since.
   */
  async boardRange(
    filters: BoardFilter[],
    from: string,
    to: string,
    limit: number,
    after?: string,
  ): Promise<{ rows: BoardRow[]; itemsRead: number }> {
    const upTo = `${to}#\uffff`;
    if (after !== undefined && (after < from || after > upTo))
      throw invalid('The cursor belongs to another list.');
    let itemsRead = 0;
    const lists = await Promise.all(
      filters.map(async (f) => {
        const pk = keys.critiqueBoardPartition(boardFilterKey(f));
        const { items, scannedCount } = await queryAll(
          this.store,
          {
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
            ExpressionAttributeValues: { ':pk': pk, ':a': from, ':b': upTo },
            ScanIndexForward: false,
          },
          { limit, startKey: after === undefined ? undefined : { pk, sk: after } },
        );
        itemsRead += scannedCount;
        return items.map((item) => strip<BoardRow>(item));
      }),
    );
    const sorted = lists
      .flat()
      .map((row) => ({ row, at: boardPosition(row) }))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    // A critique moving between two of the filters while they are read may be in both.
    const seen = new Set<string>();
    const rows: BoardRow[] = [];
    for (const { row } of sorted) {
      if (seen.has(row.trackingCode)) continue;
      seen.add(row.trackingCode);
      rows.push(row);
    }
    return { rows: rows.slice(0, limit), itemsRead };
  }
}
