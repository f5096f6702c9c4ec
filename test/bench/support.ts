/**
 * Shared pieces of the benchmarks: a private DynamoDB Local with a fresh table, an
 * in-process platform over it, and small statistics helpers.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createPlatform, type Platform, setPlatform } from '../../functions/platform.js';
import { createStoreClient, type StoreClient } from '../../functions/store/client.js';
import { ensureTable } from '../../infra/local/create-table.js';
import { type RunningDynamo, startDynamo } from '../../infra/local/dynamodb-local.js';
import {
  groupsFor,
  type IssuerKeys,
  loadOrCreateIssuerKeys,
  localVerifierEnv,
  signStaffToken,
  type TokenRole,
} from '../../infra/local/issuer.js';

export interface BenchEnv {
  dynamo: RunningDynamo;
  store: StoreClient;
  platform: Platform;
  keys: IssuerKeys;
  token: (role: TokenRole, dept?: string) => Promise<string>;
  newTable: (name: string) => Promise<StoreClient>;
  stop: () => Promise<void>;
}

export async function benchEnv(tableName = 'bench'): Promise<BenchEnv> {
  const dynamo = await startDynamo({});
  const store = createStoreClient({ tableName, endpoint: dynamo.endpoint });
  await ensureTable(store.raw, tableName);
  const keys = await loadOrCreateIssuerKeys(
    path.join(mkdtempSync(path.join(tmpdir(), 'wp-bench-')), 'issuer.json'),
  );
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    WOODPECKER_TABLE: tableName,
    ...localVerifierEnv(keys),
    WOODPECKER_SECRET: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  });
  const platform = createPlatform(store);
  setPlatform(platform);
  const clients: StoreClient[] = [store];
  const instances: RunningDynamo[] = [dynamo];
  return {
    dynamo,
    store,
    platform,
    keys,
    token: (role, dept) => signStaffToken(keys, { subject: `bench-${role}`, groups: groupsFor(role, dept) }),
    newTable: async (name) => {
      // Its own DynamoDB Local: a second table in the same instance gets much slower to
      // write once the first holds data (30,000 puts: 23 s alone, 191 s beside a loaded
      // table), which would both slow the loads and bias any comparison between them.
      const own = await startDynamo({});
      instances.push(own);
      const s = createStoreClient({ tableName: name, endpoint: own.endpoint });
      await ensureTable(s.raw, name);
      clients.push(s);
      return s;
    },
    stop: async () => {
      for (const c of clients) c.raw.destroy();
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}

/** BatchWrite items with `concurrency` writers, retrying unprocessed ones. */
export async function loadDirect(
  store: StoreClient,
  items: Iterable<Record<string, unknown>>,
  concurrency = 8,
) {
  const iterator = items[Symbol.iterator]();
  let written = 0;
  const next = () => {
    const chunk: Record<string, unknown>[] = [];
    for (let i = 0; i < 25; i++) {
      const n = iterator.next();
      if (n.done) break;
      chunk.push(n.value);
    }
    return chunk;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let chunk = next(); chunk.length; chunk = next()) {
        let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await store.doc.send(
            new BatchWriteCommand({ RequestItems: { [store.tableName]: pending } }),
          );
          pending = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof pending;
        }
        written += chunk.length;
      }
    }),
  );
  return written;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Run `fn` over items with a fixed number of concurrent workers. */
export async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

/**
 * The baseline of every write benchmark: the same items written with one conditional
 * PutItem each (`attribute_not_exists(pk)`) by `writers` concurrent writers; items/s.
 */
export async function rawPutRate(
  store: StoreClient,
  items: Record<string, unknown>[],
  writers: number,
): Promise<number> {
  const t0 = performance.now();
  await pool(items, writers, async (Item) => {
    await store.doc.send(
      new PutCommand({ TableName: store.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  });
  return items.length / ((performance.now() - t0) / 1000);
}
