/**
 * The names of the counters ratings add to the monthly aggregates, written once. The
 * contribution writes them and every reader (satisfaction figures, supervision reports,
 * the ranking method, the seed) reads them from here, so a misspelt name does not
 * compile instead of silently counting zeros. The values are the names stored in
 * DynamoDB and printed by the recount: never change one without migrating the data.
 */
import type { Score, SubScoreKey } from './rating.js';

/** Counters with a fixed name (score and sub-score counters are below). */
export const RATING_COUNTERS = {
  /** Ratings given (not excluded by an upheld appeal). */
  ratings: 'ratings',
  /** Sum of the scores (mean = scoreSum / ratings). */
  scoreSum: 'scoreSum',
  /** Ratings with a comment. */
  comments: 'comments',
  /** Bad reviews (scores 1–2). */
  bad: 'bad',
  /** Bad reviews that need a callback (回访). */
  cbReq: 'cbReq',
  /** Callbacks done (the rater was reached). */
  cbDone: 'cbDone',
  /** Callbacks done by the deadline. */
  cbOnTime: 'cbOnTime',
  /** Callbacks done or overdue: the on-time rate's denominator. */
  cbSettled: 'cbSettled',
  /** Callbacks flagged overdue. */
  cbOverdue: 'cbOverdue',
  /** Bad reviews that need a rectification (整改): every bad review. */
  rectReq: 'rectReq',
  /** Rectifications with only a plan so far. */
  rectPlanned: 'rectPlanned',
  /** Rectifications settled (done or cannot be done, with a reason). */
  rectDone: 'rectDone',
  /** Rectifications done. */
  rectFixed: 'rectFixed',
  /** Rectifications that cannot be done. */
  rectCannot: 'rectCannot',
  /** Rectifications settled by the deadline. */
  rectOnTime: 'rectOnTime',
  /** Rectifications settled or overdue: the on-time rate's denominator. */
  rectSettled: 'rectSettled',
  /** Rectifications flagged overdue. */
  rectOverdue: 'rectOverdue',
  /** Bad reviews the department appealed. */
  appealed: 'appealed',
  /** Raters satisfied with the rectification. */
  fbSat: 'fbSat',
  /** Raters not satisfied with the rectification. */
  fbUnsat: 'fbUnsat',
} as const;

/** Ratings with each score: `r1` … `r5`. */
export const SCORE_COUNTERS = { 1: 'r1', 2: 'r2', 3: 'r3', 4: 'r4', 5: 'r5' } as const satisfies Record<
  Score,
  `r${Score}`
>;

/** Sum and count of each optional sub-score, e.g. `subEfficiencySum`, `subEfficiencyN`. */
export const SUB_SCORE_COUNTERS = {
  efficiency: { sum: 'subEfficiencySum', n: 'subEfficiencyN' },
  attitude: { sum: 'subAttitudeSum', n: 'subAttitudeN' },
  guideAccuracy: { sum: 'subGuideAccuracySum', n: 'subGuideAccuracyN' },
  convenience: { sum: 'subConvenienceSum', n: 'subConvenienceN' },
} as const satisfies Record<SubScoreKey, { sum: string; n: string }>;

type SubScoreCounterName = {
  [K in SubScoreKey]: (typeof SUB_SCORE_COUNTERS)[K]['sum'] | (typeof SUB_SCORE_COUNTERS)[K]['n'];
}[SubScoreKey];

/** Every counter name a rating may add. */
export type RatingCounterName =
  | (typeof RATING_COUNTERS)[keyof typeof RATING_COUNTERS]
  | (typeof SCORE_COUNTERS)[Score]
  | SubScoreCounterName;

/** What one rating adds: only names from this module type-check. */
export type RatingCounters = Partial<Record<RatingCounterName, number>>;

/** Every rating counter name (for tests and the recount's listing). */
export const RATING_COUNTER_NAMES: readonly RatingCounterName[] = [
  ...Object.values(RATING_COUNTERS),
  ...Object.values(SCORE_COUNTERS),
  ...Object.values(SUB_SCORE_COUNTERS).flatMap((s) => [s.sum, s.n]),
];

/** Counter names of the sub-score sums and counts, e.g. `subEfficiencySum`, `subEfficiencyN`. */
export const subScoreCounters = (key: SubScoreKey) => SUB_SCORE_COUNTERS[key];
