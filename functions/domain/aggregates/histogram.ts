/**
 * A fixed-bucket histogram of durations in working days. Fixed buckets can be summed
 * across shards, months and units with plain addition, which a list of durations or a
 * sketch cannot; one-day buckets up to 30 days keep p50/p90 exact where it matters.
 */

/** Inclusive upper bounds of each bucket; the last bucket is open-ended. */
export const BUCKET_UPPER_BOUNDS: readonly number[] = [
  ...Array.from({ length: 31 }, (_, i) => i),
  40,
  60,
  90,
  120,
  180,
  365,
  Number.POSITIVE_INFINITY,
];

export function bucketOf(days: number): number {
  for (let i = 0; i < BUCKET_UPPER_BOUNDS.length; i++) if (days <= BUCKET_UPPER_BOUNDS[i]!) return i;
  return BUCKET_UPPER_BOUNDS.length - 1;
}

/** The name pattern of bucket counters: `h0` … `h37`. */
export type BucketCounterName = `h${number}`;

/** Counter name of a bucket, e.g. `h7`. */
export const bucketCounter = (bucket: number): BucketCounterName => `h${bucket}`;

/**
 * The q-quantile (0..1) from bucket counters: exact inside one-day buckets, the upper
 * bound of a wider bucket (a conservative figure), and the previous bound + 1 for the
 * open last bucket.
 */
export function quantileOf(counters: Record<string, number>, q: number): number | null {
  const total = BUCKET_UPPER_BOUNDS.reduce((n, _, i) => n + (counters[bucketCounter(i)] ?? 0), 0);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < BUCKET_UPPER_BOUNDS.length; i++) {
    seen += counters[bucketCounter(i)] ?? 0;
    if (seen >= rank) {
      const upper = BUCKET_UPPER_BOUNDS[i]!;
      return Number.isFinite(upper) ? upper : BUCKET_UPPER_BOUNDS[i - 1]! + 1;
    }
  }
  return null;
}
