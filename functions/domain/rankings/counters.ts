/**
 * The counter a ranking computes itself, beside the aggregates' counters: upheld appeals
 * by the month of the review, counted when a draft is computed and stored with its
 * inputs. Named once so the default method, the draft's sources and any reader agree.
 */
export const RANKING_COUNTERS = {
  /** Bad reviews excluded by an upheld appeal, by the month of the review. */
  appealsUpheld: 'appealsUpheld',
} as const;
