/**
 * Fixed-window rate-limit counters, the one implementation every limit uses (rating
 * links, rating invitations by SMS, critique clients, addresses and api_keys): one item
 * per bucket and window, incremented with a conditional ADD that refuses once the limit
 * is reached, expiring by TTL after its window. One write per check, no read; the count
 * is exact under concurrency because DynamoDB evaluates the condition and the ADD
 * atomically. A caller that must read a counter beside other items (a rating reads its
 * case and its token's counter in one BatchGetItem) takes the key and the count from
 * here too, so reads and writes agree on the window.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';

export interface RateLimit {
  /** Window length in seconds. */
  windowSeconds: number;
  /** Requests allowed per window. */
  limit: number;
}

/** Seconds a counter is kept after its window ends before TTL may delete it. */
const TTL_GRACE_SECONDS = 60;

/** The fixed window holding `now`: epoch seconds of its start and end, and what is left. */
export interface RateWindow {
  start: number;
  /** First second of the next window. */
  end: number;
  /** Seconds until the window ends (what a 429's Retry-After says). */
  retryAfterSeconds: number;
  /** When the counter may expire (TTL), a little after its window. */
  expiresAt: number;
}

/** Window arithmetic: windows are aligned to multiples of their length since the epoch. */
export function windowOf(windowSeconds: number, now: Date): RateWindow {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const start = nowSeconds - (nowSeconds % windowSeconds);
  const end = start + windowSeconds;
  return { start, end, retryAfterSeconds: end - nowSeconds, expiresAt: end + TTL_GRACE_SECONDS };
}

/** The key of `bucket`'s counter in the window holding `now`. */
export function rateLimitKey(bucket: string, windowSeconds: number, now: Date): { pk: string; sk: string } {
  return keys.rateLimit(bucket, windowSeconds, windowOf(windowSeconds, now).start);
}

/** The hits a counter item holds (0 when there is none yet). */
export function hitsOf(item: Record<string, unknown> | undefined): number {
  return typeof item?.n === 'number' ? item.n : 0;
}

/**
 * The conditional ADD that counts one request for `bucket`, as an Update item a caller
 * can send alone or inside a TransactWriteItems (a critique submission counts its
 * limits in the same transaction as its items, so a refused or crashed submission
 * counts nothing). Its condition fails once the bucket has used up its window.
 */
export function rateLimitUpdate(
  tableName: string,
  bucket: string,
  rule: RateLimit,
  now: Date,
): {
  Update: {
    TableName: string;
    Key: { pk: string; sk: string };
    UpdateExpression: string;
    ConditionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, number | string>;
  };
  retryAfterSeconds: number;
} {
  const window = windowOf(rule.windowSeconds, now);
  return {
    Update: {
      TableName: tableName,
      Key: keys.rateLimit(bucket, rule.windowSeconds, window.start),
      UpdateExpression: 'ADD #n :one SET #type = :type, #v = :v, #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
      ExpressionAttributeNames: { '#n': 'n', '#type': 'type', '#v': 'v', '#ttl': 'ttl' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':limit': rule.limit,
        ':type': 'rateLimit',
        ':v': 1,
        ':ttl': window.expiresAt,
      },
    },
    retryAfterSeconds: window.retryAfterSeconds,
  };
}

/**
 * Count one request for `bucket` in the current window; not allowed when the bucket has
 * used up its window (nothing is counted then). Returns the seconds until the window ends.
 */
async function takeRateLimit(
  store: StoreClient,
  bucket: string,
  rule: RateLimit,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const { Update, retryAfterSeconds } = rateLimitUpdate(store.tableName, bucket, rule, now);
  const allowed = await conditionalWrite(store.doc.send(new UpdateCommand(Update)));
  return { allowed, retryAfterSeconds };
}

/** The rate-limit counters, as `p.rateLimits`: the function above with the client bound. */
export function rateLimitStore(store: StoreClient) {
  return bindStore(store, { takeRateLimit });
}

export type RateLimitStore = ReturnType<typeof rateLimitStore>;
