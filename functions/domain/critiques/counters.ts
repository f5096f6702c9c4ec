/**
 * The names of the counters critiques add to the monthly aggregates, written once. The
 * contribution writes them and every reader (critique figures, supervision reports,
 * the ranking method, the seed) reads them from here, so a misspelt name does not
 * compile instead of silently counting zeros. Names carry a `cr` prefix so they sit
 * beside the cases' counters in the same aggregate items without colliding. The values
 * are the names stored in DynamoDB and printed by the recount: never change one
 * without migrating the data.
 */
import { BUCKET_UPPER_BOUNDS, type BucketCounterName, bucketCounter } from '../aggregates/histogram.js';

export const CRITIQUE_COUNTERS = {
  /** Accepted critiques, in the month submitted. */
  received: 'crRecv',
  /** First answers, in the month answered. */
  answered: 'crAns',
  /** First answers by the reply deadline. */
  answeredOnTime: 'crOnTime',
  /** Response days of the first answers (mean = crDaysSum / crAns). */
  responseDaysSum: 'crDaysSum',
  /** Critiques that led to a rectification. */
  rectified: 'crRect',
  /** Critiques overdue and still awaiting an answer. */
  overdue: 'crOverdue',
  /** Critiques the citizen confirmed as solved. */
  solved: 'crSolved',
  /** Times a citizen said "not solved". */
  notSolved: 'crNotSolved',
} as const;

/** Every critique counter with a fixed name. */
export type CritiqueCounterName = (typeof CRITIQUE_COUNTERS)[keyof typeof CRITIQUE_COUNTERS];

/** The response-days histogram's bucket names: `crh0` … `crh37`. */
export type CritiqueHistogramCounterName = `cr${BucketCounterName}`;

/** Counter name of a response-days bucket, e.g. `crh3`. */
export const critiqueHistogramCounter = (bucket: number): CritiqueHistogramCounterName =>
  `cr${bucketCounter(bucket)}`;

/** What one critique adds in one month: only names from this module type-check. */
export type CritiqueCounters = Partial<Record<CritiqueCounterName, number>> &
  Record<CritiqueHistogramCounterName, number>;

/** Every critique counter name, histogram buckets included (for tests). */
export const CRITIQUE_COUNTER_NAMES: readonly (CritiqueCounterName | CritiqueHistogramCounterName)[] = [
  ...Object.values(CRITIQUE_COUNTERS),
  ...BUCKET_UPPER_BOUNDS.map((_, i) => critiqueHistogramCounter(i)),
];
