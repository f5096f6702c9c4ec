/**
 * Monthly aggregates in DynamoDB. Writes come only from the stream aggregator:
 * each chunk of stream records is one TransactWriteItems of (a) a marker per record,
 * conditional on not existing, and (b) one ADD update per aggregate shard touched.
 * A redelivered record fails its marker's condition, is dropped and the rest retried,
 * so a batch delivered twice or a crash mid-batch never double counts. Each
 * transaction writes to one of a few write shards so a hot aggregate is not a single
 * item under concurrent consumers; readers sum the shards.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AggregateScope,
  aggregateId,
  type Counters,
  parseAggregateId,
} from '../domain/aggregates/contribution.js';
import { AGAIN, AGAIN_NOW, exponentialBackoff, retrying } from '../shared/retry.js';
import { batchWriteAll } from './batch.js';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { AGGREGATE_SHARDS, keys } from './keys.js';
import { queryAll, scanAll } from './query-all.js';

const MARKER_TTL_SECONDS = 3 * 24 * 3600;
const MAX_TRANSACTION_ITEMS = 100;
const COUNTER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

export interface SourceDelta {
  /** Stream event id: the idempotency key. */
  eventId: string;
  /** The changed item's key, for logs. */
  sourceId: string;
  deltas: Map<string, Counters>;
}

export interface ApplyResult {
  applied: number;
  duplicates: number;
  /** Event ids that could not be applied (reported as batch item failures). */
  failed: string[];
}

/**
 * Group records into transactions of at most 100 items (one marker per record plus one
 * update per aggregate touched). Records touching the same aggregates are put side by
 * side first, so a transaction merges many records into few updates.
 */
function chunk(records: SourceDelta[]): SourceDelta[][] {
  const signature = (r: SourceDelta) => [...r.deltas.keys()].sort().join(',');
  const sorted = [...records].sort((a, b) => signature(a).localeCompare(signature(b)));
  const chunks: SourceDelta[][] = [];
  let current: SourceDelta[] = [];
  let keysInChunk = new Set<string>();
  for (const r of sorted) {
    const newKeys = [...r.deltas.keys()].filter((k) => !keysInChunk.has(k));
    if (current.length && current.length + 1 + keysInChunk.size + newKeys.length > MAX_TRANSACTION_ITEMS) {
      chunks.push(current);
      current = [];
      keysInChunk = new Set();
    }
    current.push(r);
    for (const k of r.deltas.keys()) keysInChunk.add(k);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function transactionItems(store: StoreClient, records: SourceDelta[], nowSeconds: number) {
  const merged = new Map<string, Counters>();
  // One write shard per transaction: concurrent transactions spread over the shards.
  const shard = keys.aggregateShard(records[0]?.eventId ?? '');
  for (const r of records) {
    for (const [aggKey, counters] of r.deltas) {
      const key = `${aggKey}|${shard}`;
      const total = merged.get(key) ?? {};
      for (const [name, v] of Object.entries(counters)) total[name] = (total[name] ?? 0) + v;
      merged.set(key, total);
    }
  }
  const markers = records.map((r) => ({
    Put: {
      TableName: store.tableName,
      Item: { ...keys.streamMarker(r.eventId), type: 'marker', v: 1, ttl: nowSeconds + MARKER_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
  const updates = [...merged].map(([key, counters]) => {
    const [scope, id, month, shard] = key.split('|') as [string, string, string, string];
    const names: Record<string, string> = {
      '#type': 'type',
      '#v': 'v',
      '#scope': 'scope',
      '#id': 'id',
      '#month': 'month',
    };
    const values: Record<string, unknown> = {
      ':type': 'agg',
      ':v': 1,
      ':scope': scope,
      ':id': id,
      ':month': month,
    };
    const adds: string[] = [];
    let i = 0;
    for (const [name, value] of Object.entries(counters)) {
      if (!COUNTER_NAME.test(name) || !value) continue;
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      adds.push(`#c${i} :c${i}`);
      i++;
    }
    return {
      Update: {
        TableName: store.tableName,
        Key: keys.aggregate(scope, id, month, Number(shard)),
        UpdateExpression: `SET #type = :type, #v = :v, #scope = :scope, #id = :id, #month = :month${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
  return { markers, updates };
}

/** Apply deltas exactly once per event id. */
async function applyDeltas(store: StoreClient, records: SourceDelta[]): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, duplicates: 0, failed: [] };
  const todo = records.filter((r) => r.deltas.size > 0);
  for (const group of chunk(todo)) {
    let pending = group;
    // A redelivered record fails its marker's condition: it is dropped and the rest sent
    // at once. Any other cancellation (a conflict with a concurrent consumer) is retried
    // after a pause, up to 9 times, then reported as failed for Lambda to redeliver.
    await retrying(
      async () => {
        if (!pending.length) return;
        const { markers, updates } = transactionItems(store, pending, Math.floor(Date.now() / 1000));
        try {
          await store.doc.send(new TransactWriteCommand({ TransactItems: [...markers, ...updates] }));
          result.applied += pending.length;
          return;
        } catch (err) {
          if (!(err instanceof TransactionCanceledException)) throw err;
          const reasons = err.CancellationReasons ?? [];
          const duplicate = new Set(
            pending.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed').map((r) => r.eventId),
          );
          if (!duplicate.size) return AGAIN;
          result.duplicates += duplicate.size;
          pending = pending.filter((r) => !duplicate.has(r.eventId));
          return AGAIN_NOW;
        }
      },
      {
        attempts: 9,
        backoffMs: exponentialBackoff({ baseMs: 20, jitterMs: 20 }),
        exhausted: () => {
          result.failed.push(...pending.map((r) => r.eventId));
        },
      },
    );
  }
  return result;
}

/** Monthly counters of one unit over an inclusive month range, shards summed. */
async function readAggregates(
  store: StoreClient,
  scope: string,
  id: string,
  from: string,
  to: string,
): Promise<{ months: Map<string, Counters>; itemsRead: number }> {
  const range = keys.aggregateMonthRange(from, to);
  const { items } = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: {
      ':pk': keys.aggregatePartition(scope, id),
      ':a': range.start,
      ':b': range.end,
    },
    ConsistentRead: true,
  });
  const months = new Map<string, Counters>();
  for (const item of items) months.set(String(item.month), addShard(months.get(String(item.month)), item));
  return { months, itemsRead: items.length };
}

/** A total with one aggregate shard's counters added (every number but the item's `v` and `ttl`). */
function addShard(total: Counters = {}, item: Record<string, unknown>): Counters {
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'number' && name !== 'v' && name !== 'ttl') total[name] = (total[name] ?? 0) + value;
  }
  return total;
}

/**
 * Every item of the given types, by a Scan of the whole table (strongly consistent):
 * the recount reads the raw items that feed aggregates. Offline only, never on a
 * request path.
 */
async function scanItemsOfTypes(
  store: StoreClient,
  types: readonly string[],
): Promise<Record<string, unknown>[]> {
  const values = Object.fromEntries(types.map((t, i) => [`:t${i}`, t]));
  const { items } = await scanAll(store, {
    FilterExpression: `#type IN (${Object.keys(values).join(', ')})`,
    ExpressionAttributeValues: values,
    ExpressionAttributeNames: { '#type': 'type' },
    ConsistentRead: true,
  });
  return items;
}

/**
 * Every stored aggregate, its shards summed, by aggregate id (`aggregateId`: scope,
 * id and month), by a Scan of the whole table: the recount compares them. Offline only.
 */
async function storedAggregates(store: StoreClient): Promise<Map<string, Counters>> {
  const { items } = await scanAll(store, {
    FilterExpression: '#type = :agg',
    ExpressionAttributeValues: { ':agg': 'agg' },
    ExpressionAttributeNames: { '#type': 'type' },
    ConsistentRead: true,
  });
  const totals = new Map<string, Counters>();
  for (const item of items) {
    const id = aggregateId({
      scope: item.scope as AggregateScope,
      id: String(item.id),
      month: String(item.month),
    });
    totals.set(id, addShard(totals.get(id), item));
  }
  return totals;
}

/**
 * Overwrite aggregates (by aggregate id) with the given counters, all in shard 0 with
 * the other shards (`keys.aggregate`) deleted: the recount's repair. Run it while no
 * stream records are in flight.
 */
async function overwriteAggregates(store: StoreClient, values: ReadonlyMap<string, Counters>): Promise<void> {
  const writes: Record<string, unknown>[] = [];
  for (const [aggregate, counters] of values) {
    const { scope, id, month } = parseAggregateId(aggregate);
    for (let shard = 0; shard < AGGREGATE_SHARDS; shard++) {
      const key = keys.aggregate(scope, id, month, shard);
      writes.push(
        shard === 0
          ? { PutRequest: { Item: { ...key, type: 'agg', v: 1, scope, id, month, ...counters } } }
          : { DeleteRequest: { Key: key } },
      );
    }
  }
  await batchWriteAll(store, writes);
}

/**
 * The aggregate store, as `p.aggregates`: the functions above with the client bound —
 * the stream aggregator's exactly-once writes, the monthly reads (one Query of an
 * `AGG#scope#id` partition) and the recount's scans and repair.
 */
export function aggregateStore(store: StoreClient) {
  return bindStore(store, {
    applyDeltas,
    readAggregates,
    scanItemsOfTypes,
    storedAggregates,
    overwriteAggregates,
  });
}

export type AggregateStore = ReturnType<typeof aggregateStore>;
