/**
 * Batch reads and writes that finish: DynamoDB may leave part of a BatchGetItem or
 * BatchWriteItem unprocessed under load, and the rest must be sent again after a pause.
 * Every batch in the store goes through these two functions (on the one retry helper),
 * so no module writes its own `UnprocessedKeys` / `UnprocessedItems` loop.
 */
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AGAIN, exponentialBackoff, retrying } from '../shared/retry.js';
import type { StoreClient } from './client.js';

/** Items per BatchWriteItem and keys per BatchGetItem, DynamoDB's limits. */
const WRITES_PER_BATCH = 25;
const KEYS_PER_BATCH = 100;

/** Pause before sending the unprocessed rest again: 20 ms doubling, at most 1 s. */
const backoffMs = exponentialBackoff({ baseMs: 20, capMs: 1000 });

/**
 * Send put and delete requests (`{ PutRequest }` / `{ DeleteRequest }`) in batches of 25,
 * each until DynamoDB has processed all of it.
 */
export async function batchWriteAll(
  store: StoreClient,
  requests: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += WRITES_PER_BATCH) {
    let pending = requests.slice(i, i + WRITES_PER_BATCH);
    await retrying(
      async () => {
        const out = await store.doc.send(
          new BatchWriteCommand({ RequestItems: { [store.tableName]: pending as never } }),
        );
        pending = (out.UnprocessedItems?.[store.tableName] ?? []) as Record<string, unknown>[];
        return pending.length ? AGAIN : undefined;
      },
      { attempts: Number.POSITIVE_INFINITY, backoffMs, exhausted: () => undefined },
    );
  }
}

/**
 * Read items by key, strongly consistent, in batches of 100 (in any order; missing items
 * are left out). With `attempts`, a batch still partly unprocessed after that many tries
 * fails with `Error(failure)`; by default it is sent until it is all read.
 */
export async function batchGetAll(
  store: StoreClient,
  itemKeys: readonly Record<string, unknown>[],
  options: { attempts?: number; failure?: string } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < itemKeys.length; i += KEYS_PER_BATCH)
    batches.push(itemKeys.slice(i, i + KEYS_PER_BATCH));
  await Promise.all(
    batches.map(async (batch) => {
      let pending = batch;
      await retrying(
        async () => {
          const out = await store.doc.send(
            new BatchGetCommand({
              RequestItems: { [store.tableName]: { Keys: pending, ConsistentRead: true } },
            }),
          );
          found.push(...(out.Responses?.[store.tableName] ?? []));
          pending = out.UnprocessedKeys?.[store.tableName]?.Keys ?? [];
          return pending.length ? AGAIN : undefined;
        },
        {
          attempts: options.attempts ?? Number.POSITIVE_INFINITY,
          backoffMs,
          exhausted: () => {
            throw new Error(options.failure ?? 'The items could not be read; please try again.');
          },
        },
      );
    }),
  );
  return found;
}
