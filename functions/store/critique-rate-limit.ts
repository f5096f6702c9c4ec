/**
 * Fixed-window rate-limit counters for public writes: one item per bucket and window,
 * incremented with a conditional ADD that refuses once the limit is reached, expiring
 * by TTL after its window. One write per check, no read; the count is exact under
 * concurrency because DynamoDB evaluates the condition and the ADD atomically.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';

export interface RateLimit {
  /** Window length in seconds. */
  windowSeconds: number;
  /** Requests allowed per window. */
  limit: number;
}

/**
 * Count one request for `bucket` in the current window; false when the bucket has used
 * up its window (nothing is counted then). Returns the seconds until the window ends.
 */
export async function takeRateLimit(
  store: StoreClient,
  bucket: string,
  rule: RateLimit,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  const retryAfterSeconds = windowStart + rule.windowSeconds - nowSeconds;
  const allowed = await conditionalWrite(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.rateLimit(bucket, `${rule.windowSeconds}@${windowStart}`),
        UpdateExpression: 'ADD n :one SET #type = :type, v = :v, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': rule.limit,
          ':type': 'rateLimit',
          ':v': 1,
          ':ttl': windowStart + rule.windowSeconds + 60,
        },
      }),
    ),
  );
  return { allowed, retryAfterSeconds };
}
