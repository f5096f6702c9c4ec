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
import { type Counters, parseAggregateId } from '../domain/aggregates/contribution.js';
import type { StoreClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

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
export async function applyDeltas(store: StoreClient, records: SourceDelta[]): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, duplicates: 0, failed: [] };
  const todo = records.filter((r) => r.deltas.size > 0);
  for (const group of chunk(todo)) {
    let pending = group;
    for (let attempt = 0; pending.length; attempt++) {
      const { markers, updates } = transactionItems(store, pending, Math.floor(Date.now() / 1000));
      try {
        await store.doc.send(new TransactWriteCommand({ TransactItems: [...markers, ...updates] }));
        result.applied += pending.length;
        break;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = err.CancellationReasons ?? [];
        const duplicate = new Set(
          pending.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed').map((r) => r.eventId),
        );
        if (duplicate.size) {
          result.duplicates += duplicate.size;
          pending = pending.filter((r) => !duplicate.has(r.eventId));
          continue;
        }
        if (attempt >= 8) {
          result.failed.push(...pending.map((r) => r.eventId));
          break;
        }
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
      }
    }
  }
  return result;
}

/** Monthly counters of one unit over an inclusive month range, shards summed. */
export async function readAggregates(
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
  for (const item of items) {
    const month = String(item.month);
    const total = months.get(month) ?? {};
    for (const [name, value] of Object.entries(item)) {
      if (typeof value === 'number' && name !== 'v' && name !== 'ttl')
        total[name] = (total[name] ?? 0) + value;
    }
    months.set(month, total);
  }
  return { months, itemsRead: items.length };
}

export { parseAggregateId };
