/**
 * The names of the counters cases add to the monthly aggregates, written once. The
 * contribution writes them and every reader (curves, ratings' coverage, supervision
 * reports, the ranking method, the seed) reads them from here, so a misspelt name does
 * not compile instead of silently counting zeros. The values are the names stored in
 * DynamoDB and printed by the recount: never change one without migrating the data.
 */
import { BUCKET_UPPER_BOUNDS, type BucketCounterName, bucketCounter } from '../aggregates/histogram.js';

export const CASE_COUNTERS = {
  /** Cases accepted in the month. */
  received: 'received',
  /** Cases completed in the month. */
  cases: 'cases',
  /** Working days taken by the cases completed. */
  durSum: 'durSum',
  /** Completed within the promised limit. */
  onTime: 'onTime',
  /** Statutory limits of the cases completed (for the speed-up figures). */
  statSum: 'statSum',
  /** Promised limits of the cases completed. */
  promSum: 'promSum',
  /** Working days the completed cases spent suspended. */
  suspDays: 'suspDays',
  /** Completed cases that came through the 12345 hotline. */
  hotline: 'hotline',
} as const;

/** Every case counter with a fixed name. */
export type CaseCounterName = (typeof CASE_COUNTERS)[keyof typeof CASE_COUNTERS];

/**
 * The duration histogram of completed cases (`h0` … `h37`): the histogram module's
 * own bucket names, which `quantileOf` reads by default.
 */
export const caseHistogramCounter = bucketCounter;

/** What one case adds in one month: fixed names plus one histogram bucket. */
export type CaseCounters = Partial<Record<CaseCounterName, number>> & Record<BucketCounterName, number>;

/** Every case counter name, histogram buckets included (for tests). */
export const CASE_COUNTER_NAMES: readonly (CaseCounterName | BucketCounterName)[] = [
  ...Object.values(CASE_COUNTERS),
  ...BUCKET_UPPER_BOUNDS.map((_, i) => caseHistogramCounter(i)),
];
