/**
 * The recount: rebuild aggregates from raw items with the same contribution functions
 * the stream aggregator uses, compare them with the stored aggregates, and optionally
 * overwrite what differs. An offline/admin tool (it scans), never on a request path.
 */
import { BatchWriteCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { accumulate, type Counters, parseAggregateId } from '../domain/aggregates/contribution.js';
import { aggregatedTypes, contributionsOf } from '../domain/aggregates/contributors.js';
import type { StoreClient } from '../store/client.js';
import { AGGREGATE_SHARDS, keys } from '../store/keys.js';

export interface RecountFilter {
  scope?: string | undefined;
  id?: string | undefined;
}

export interface Difference {
  aggregate: string;
  counter: string;
  stored: number;
  recounted: number;
}

export interface RecountResult {
  rawItems: number;
  aggregates: number;
  differences: Difference[];
}

async function scanAll(
  store: StoreClient,
  filter: string,
  values: Record<string, unknown>,
  names?: Record<string, string>,
) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out: ScanCommandOutput = await store.doc.send(
      new ScanCommand({
        TableName: store.tableName,
        FilterExpression: filter,
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: names,
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

function matches(aggregate: string, f: RecountFilter): boolean {
  const { scope, id } = parseAggregateId(aggregate);
  return (!f.scope || f.scope === scope) && (!f.id || f.id === id);
}

/** Every aggregate as the raw items say it should be. */
async function recountedAggregates(store: StoreClient) {
  const types = aggregatedTypes();
  const typeValues = Object.fromEntries(types.map((t, i) => [`:t${i}`, t]));
  const raw = await scanAll(store, `#type IN (${Object.keys(typeValues).join(', ')})`, typeValues, {
    '#type': 'type',
  });
  const recounted = new Map<string, Counters>();
  for (const item of raw) accumulate(recounted, contributionsOf(item));
  return { rawItems: raw.length, recounted };
}

/** Recount from raw items; the stored aggregates are summed over their write shards. */
export async function recount(store: StoreClient, filter: RecountFilter = {}): Promise<RecountResult> {
  const { rawItems, recounted } = await recountedAggregates(store);

  const stored = new Map<string, Counters>();
  for (const item of await scanAll(store, '#type = :agg', { ':agg': 'agg' }, { '#type': 'type' })) {
    const key = `${item.scope}|${item.id}|${item.month}`;
    const total = stored.get(key) ?? {};
    for (const [name, value] of Object.entries(item)) {
      if (typeof value === 'number' && name !== 'v' && name !== 'ttl')
        total[name] = (total[name] ?? 0) + value;
    }
    stored.set(key, total);
  }

  const differences: Difference[] = [];
  const all = new Set([...recounted.keys(), ...stored.keys()]);
  let aggregates = 0;
  for (const aggregate of [...all].sort()) {
    if (!matches(aggregate, filter)) continue;
    aggregates++;
    const a = stored.get(aggregate) ?? {};
    const b = recounted.get(aggregate) ?? {};
    for (const counter of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const s = a[counter] ?? 0;
      const r = b[counter] ?? 0;
      if (s !== r) differences.push({ aggregate, counter, stored: s, recounted: r });
    }
  }
  return { rawItems, aggregates, differences };
}

/**
 * Overwrite the aggregates that differ with their recounted values (all in shard 0,
 * other shards removed). Run it while no stream records are in flight.
 */
export async function applyRecount(
  store: StoreClient,
  differences: Difference[],
  filter: RecountFilter = {},
) {
  const affected = new Set(differences.map((d) => d.aggregate));
  if (!affected.size) return 0;
  const { recounted } = await recountedAggregates(store);
  const writes: Record<string, unknown>[] = [];
  for (const aggregate of affected) {
    if (!matches(aggregate, filter)) continue;
    const { scope, id, month } = parseAggregateId(aggregate);
    for (let shard = 0; shard < AGGREGATE_SHARDS; shard++) {
      const key = keys.aggregate(scope, id, month, shard);
      if (shard === 0) {
        writes.push({
          PutRequest: {
            Item: { ...key, type: 'agg', v: 1, scope, id, month, ...(recounted.get(aggregate) ?? {}) },
          },
        });
      } else {
        writes.push({ DeleteRequest: { Key: key } });
      }
    }
  }
  for (let i = 0; i < writes.length; i += 25) {
    let pending = writes.slice(i, i + 25);
    while (pending.length) {
      const out = await store.doc.send(
        new BatchWriteCommand({ RequestItems: { [store.tableName]: pending as never } }),
      );
      pending = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof pending;
    }
  }
  return affected.size;
}
