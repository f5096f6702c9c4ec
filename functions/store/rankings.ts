/**
 * Ranking methods and ranking versions in DynamoDB. A method version is one item, put
 * once (conditional on not existing). A ranking version is a header item plus chunks
 * of result rows and open-data inputs in the same partition (a table of thousands of
 * windows would not fit one item). Publishing is one transaction that moves the header
 * from draft to published and advances the scope-and-period `CURRENT` pointer, both
 * conditional, so a second publish or a publish of an older version is refused and
 * nothing is half-written. Nothing ever updates a published header or its chunks.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RankingMethod } from '../domain/rankings/method.js';
import type { PeriodKind, RankingScope } from '../domain/rankings/period.js';
import type { Ranking, RankingHeader } from '../domain/rankings/ranking.js';
import type { RankedUnit, UnitInput } from '../domain/rankings/scoring.js';
import { AGAIN, retrying } from '../shared/retry.js';
import { batchWriteAll } from './batch.js';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** Units per chunk item: far below DynamoDB's 400 KB item limit for any method. */
const CHUNK_UNITS = 100;

const HEADER_FIELDS = [
  'scope',
  'period',
  'version',
  'status',
  'methodVersion',
  'months',
  'createdAt',
  'createdBy',
  'publishedAt',
  'publishedBy',
  'changes',
  'supersedes',
  'population',
  'missingIndicators',
  'unitCount',
  'rankedCount',
] as const;

function headerOf(item: Record<string, unknown>): RankingHeader {
  const out: Record<string, unknown> = {};
  for (const f of HEADER_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as RankingHeader;
}

// --- Methods ------------------------------------------------------------------------

/** Store a method version; false when that version already exists. */
async function putMethod(store: StoreClient, method: RankingMethod): Promise<boolean> {
  return conditionalWrite(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys.rankingMethod(method.version), type: 'rankingMethod', v: 1, method },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

async function getMethod(store: StoreClient, version: number): Promise<RankingMethod | undefined> {
  const out = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.rankingMethod(version), ConsistentRead: true }),
  );
  return out.Item?.method as RankingMethod | undefined;
}

/** Every method version, oldest first (a handful: one per change of method). */
async function listMethods(store: StoreClient): Promise<RankingMethod[]> {
  const { items } = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.rankingMethodPartition },
    ConsistentRead: true,
  });
  return items.map((i) => i.method as RankingMethod);
}

async function latestMethod(store: StoreClient): Promise<RankingMethod | undefined> {
  const { items } = await queryAll(
    store,
    {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.rankingMethodPartition },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    { limit: 1, maxRequests: 1 },
  );
  return items[0]?.method as RankingMethod | undefined;
}

// --- Ranking versions ---------------------------------------------------------------

/** The highest version number of a scope and period (any status), 0 when none. */
async function lastVersion(store: StoreClient, scope: string, period: string): Promise<number> {
  const { items } = await queryAll(
    store,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.rankingPartition(scope, period), ':v': 'V#' },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    { limit: 1, maxRequests: 1 },
  );
  const item = items[0];
  return item ? Number(item.version) : 0;
}

/**
 * Reserve the next version number with a `computing` header (conditional put, retried
 * on a concurrent reservation), so two drafts never share chunks.
 */
async function reserveVersion(
  store: StoreClient,
  header: Omit<RankingHeader, 'version' | 'status'>,
): Promise<number> {
  return retrying(
    async () => {
      const version = (await lastVersion(store, header.scope, header.period)) + 1;
      const reserved = await conditionalWrite(
        store.doc.send(
          new PutCommand({
            TableName: store.tableName,
            Item: {
              ...keys.ranking(header.scope, header.period, version),
              type: 'ranking',
              v: 1,
              ...header,
              version,
              status: 'computing',
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return reserved ? version : AGAIN;
    },
    {
      attempts: 10,
      exhausted: () => {
        throw new Error('Could not reserve a ranking version number.');
      },
    },
  );
}

/** Write a reserved version's rows and inputs, then turn its header into a draft. */
async function completeDraft(
  store: StoreClient,
  header: RankingHeader,
  rows: readonly RankedUnit[],
  inputs: readonly UnitInput[],
): Promise<void> {
  const { scope, period, version } = header;
  // A part's chunk items: CHUNK_UNITS entries each, at least one item even when empty.
  const chunkPuts = (part: 'R' | 'I', type: string, field: string, list: readonly unknown[]) => {
    const puts: Record<string, unknown>[] = [];
    for (let i = 0; i * CHUNK_UNITS < Math.max(list.length, 1); i++) {
      puts.push({
        PutRequest: {
          Item: {
            ...keys.rankingChunk(scope, period, version, part, i),
            type,
            v: 1,
            [field]: list.slice(i * CHUNK_UNITS, (i + 1) * CHUNK_UNITS),
          },
        },
      });
    }
    return puts;
  };
  await batchWriteAll(store, [
    ...chunkPuts('R', 'rankingRows', 'rows', rows),
    ...chunkPuts('I', 'rankingInputs', 'units', inputs),
  ]);
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.ranking(scope, period, version),
        ...keys.rankingDraft(header.createdAt, scope, period, version),
        type: 'ranking',
        v: 1,
        ...header,
        status: 'draft',
      },
      ConditionExpression: '#status = :computing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':computing': 'computing' },
    }),
  );
}

async function getHeader(
  store: StoreClient,
  scope: string,
  period: string,
  version: number,
): Promise<RankingHeader | undefined> {
  const out = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.ranking(scope, period, version),
      ConsistentRead: true,
    }),
  );
  return out.Item ? headerOf(out.Item) : undefined;
}

async function readChunks<T>(
  store: StoreClient,
  scope: string,
  period: string,
  version: number,
  part: 'R' | 'I',
  field: string,
): Promise<T[]> {
  const { items } = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': keys.rankingPartition(scope, period),
      ':prefix': keys.rankingChunkPrefix(version, part),
    },
    ConsistentRead: true,
  });
  return items.flatMap((i) => (i[field] as T[] | undefined) ?? []);
}

async function getRanking(
  store: StoreClient,
  scope: string,
  period: string,
  version: number,
): Promise<Ranking | undefined> {
  const header = await getHeader(store, scope, period, version);
  if (!header) return undefined;
  const units = await readChunks<RankedUnit>(store, scope, period, version, 'R', 'rows');
  return { ...header, units };
}

async function getInputs(
  store: StoreClient,
  scope: string,
  period: string,
  version: number,
): Promise<UnitInput[]> {
  return readChunks<UnitInput>(store, scope, period, version, 'I', 'units');
}

/** Every version of a scope and period, oldest first (headers only). */
async function listVersions(store: StoreClient, scope: string, period: string): Promise<RankingHeader[]> {
  const { items } = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
    ExpressionAttributeValues: { ':pk': keys.rankingPartition(scope, period), ':v': 'V#' },
    ConsistentRead: true,
  });
  return items.map(headerOf);
}

/** The published version of a scope and period, if any (one GetItem). */
async function currentVersion(
  store: StoreClient,
  scope: string,
  period: string,
): Promise<number | undefined> {
  const out = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.rankingCurrent(scope, period),
      ConsistentRead: true,
    }),
  );
  return out.Item ? Number(out.Item.version) : undefined;
}

export type PublishOutcome = 'published' | 'not_found' | 'already_published' | 'not_ready' | 'superseded';

/** Publish a draft: header draft → published and `CURRENT` advanced, in one transaction. */
async function publishVersion(
  store: StoreClient,
  scope: RankingScope,
  kind: PeriodKind,
  period: string,
  version: number,
  at: string,
  by: string,
): Promise<PublishOutcome> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: keys.ranking(scope, period, version),
              UpdateExpression:
                'SET #status = :published, publishedAt = :at, publishedBy = :by, gsi3pk = :g3pk, gsi3sk = :g3sk',
              ConditionExpression: '#status = :draft',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':published': 'published',
                ':draft': 'draft',
                ':at': at,
                ':by': by,
                ':g3pk': keys.rankingPublished(scope, kind, period, version).gsi3pk,
                ':g3sk': keys.rankingPublished(scope, kind, period, version).gsi3sk,
              },
            },
          },
          {
            Put: {
              TableName: store.tableName,
              Item: {
                ...keys.rankingCurrent(scope, period),
                type: 'rankingCurrent',
                v: 1,
                scope,
                period,
                version,
                publishedAt: at,
              },
              ConditionExpression: 'attribute_not_exists(pk) OR version < :v',
              ExpressionAttributeValues: { ':v': version },
            },
          },
        ],
      }),
    );
    return 'published';
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const reasons = err.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      const header = await getHeader(store, scope, period, version);
      if (!header) return 'not_found';
      return header.status === 'published' ? 'already_published' : 'not_ready';
    }
    if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'superseded';
    throw err;
  }
}

/** Delete a draft and its chunks; false when it is published (or gone). */
async function discardDraft(
  store: StoreClient,
  scope: string,
  period: string,
  version: number,
): Promise<boolean> {
  const deleted = await conditionalWrite(
    store.doc.send(
      new DeleteCommand({
        TableName: store.tableName,
        Key: keys.ranking(scope, period, version),
        ConditionExpression: 'attribute_exists(pk) AND #status <> :published',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':published': 'published' },
      }),
    ),
  );
  if (!deleted) return false;
  const chunks: Record<string, unknown>[] = [];
  for (const part of ['R', 'I'] as const) {
    const { items } = await queryAll(store, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: {
        ':pk': keys.rankingPartition(scope, period),
        ':p': keys.rankingChunkPrefix(version, part),
      },
      ProjectionExpression: 'pk, sk',
    });
    chunks.push(...items);
  }
  await batchWriteAll(
    store,
    chunks.map((c) => ({ DeleteRequest: { Key: { pk: c.pk, sk: c.sk } } })),
  );
  return true;
}

/** Published versions of a scope and period kind, newest period (and version) first. */
async function listPublished(
  store: StoreClient,
  scope: RankingScope,
  kind: PeriodKind,
  limit?: number,
): Promise<RankingHeader[]> {
  const input = {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.rankingPublished(scope, kind, '', 0).gsi3pk },
    ScanIndexForward: false,
  };
  // With a limit, one request for the newest `limit`; without, the whole list.
  const { items } = await queryAll(store, input, limit ? { limit, maxRequests: 1 } : {});
  return items.map(headerOf);
}

/** Drafts awaiting review, newest first. */
async function listDrafts(store: StoreClient, limit = 100): Promise<RankingHeader[]> {
  const { items } = await queryAll(
    store,
    {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.rankingDraft('', '', '', 0).gsi3pk },
      ScanIndexForward: false,
    },
    { limit, maxRequests: 1 },
  );
  return items.map(headerOf).filter((h) => h.status === 'draft');
}

/**
 * The ranking store, as `p.rankings`: the functions above with the client bound. Its
 * methods are the named queries of the ranking partitions (`RANK#scope#period`,
 * `RANKMETHOD`) and of gsi3's published and draft lists.
 */
export function rankingStore(store: StoreClient) {
  return bindStore(store, {
    putMethod,
    getMethod,
    listMethods,
    latestMethod,
    lastVersion,
    reserveVersion,
    completeDraft,
    getHeader,
    getRanking,
    getInputs,
    listVersions,
    currentVersion,
    publishVersion,
    discardDraft,
    listPublished,
    listDrafts,
  });
}

export type RankingStore = ReturnType<typeof rankingStore>;
