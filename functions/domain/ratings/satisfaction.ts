/**
 * Satisfaction figures from the monthly aggregates: number of ratings, coverage (rated
 * / completed cases of the month, 主动评价率), the score distribution, good (3–5) and
 * bad (1–2) review rates, the mean and the satisfaction score (mean − 1) / 4, sub-score
 * means, callback rate and rectification on-time rate. Rates are unrounded fractions.
 *
 * In public a figure on fewer than {@link MIN_PUBLIC_RATINGS} ratings is "too few to
 * judge" (样本不足): the judgement figures are null and `tooFew` is true, in the API and
 * on the pages alike. Staff views get every number.
 */
import type { Counters } from '../aggregates/contribution.js';
import { CASE_COUNTERS } from '../cases/counters.js';
import { monthsBetween } from '../months.js';
import { RATING_COUNTERS, SCORE_COUNTERS, SUB_SCORE_COUNTERS } from './counters.js';
import { SUB_SCORES, type SubScoreKey } from './rating.js';

export const MIN_PUBLIC_RATINGS = 10;

export type Distribution = Record<'1' | '2' | '3' | '4' | '5', number>;

export interface SatisfactionFigures {
  ratings: number;
  distribution: Distribution;
  /** Cases completed in the period (the coverage denominator). */
  completedCases: number;
  /** ratings / completed cases of the same months (may exceed 1 when late ratings pile up). */
  coverage: number | null;
  goodRate: number | null;
  badRate: number | null;
  meanScore: number | null;
  /** (mean − 1) / 4, from 0 (all 非常不满意) to 1 (all 非常满意). */
  satisfactionScore: number | null;
  subScores: Record<SubScoreKey, number | null>;
  badReviews: number;
  /** Callbacks done / bad reviews that need one (target 100%). */
  callbackRate: number | null;
  /** Callbacks done by the deadline / callbacks done or overdue. */
  callbackOnTimeRate: number | null;
  /** Rectifications settled (done or explained) / bad reviews. */
  rectificationRate: number | null;
  /** Rectifications settled by the deadline / settled or overdue. */
  rectificationOnTimeRate: number | null;
  /** Raters satisfied with the rectification / raters who said. */
  rectificationSatisfiedRate: number | null;
  /** Fewer than the public minimum of ratings. */
  tooFew: boolean;
}

export interface SatisfactionPoint extends SatisfactionFigures {
  month: string;
}

const ratio = (a: number | undefined, b: number | undefined): number | null =>
  b && b > 0 ? (a ?? 0) / b : null;

/** Figures of a set of counters; `audience: 'public'` hides judgements on too few ratings. */
export function satisfactionOf(c: Counters, audience: 'public' | 'staff'): SatisfactionFigures {
  const k = RATING_COUNTERS;
  const ratings = c[k.ratings] ?? 0;
  const distribution: Distribution = {
    '1': c[SCORE_COUNTERS[1]] ?? 0,
    '2': c[SCORE_COUNTERS[2]] ?? 0,
    '3': c[SCORE_COUNTERS[3]] ?? 0,
    '4': c[SCORE_COUNTERS[4]] ?? 0,
    '5': c[SCORE_COUNTERS[5]] ?? 0,
  };
  const bad = c[k.bad] ?? distribution['1'] + distribution['2'];
  const tooFew = ratings < MIN_PUBLIC_RATINGS;
  const hide = audience === 'public' && tooFew;
  const mean = ratio(c[k.scoreSum], ratings);
  const subScores = Object.fromEntries(
    SUB_SCORES.map((key) => {
      const names = SUB_SCORE_COUNTERS[key];
      return [key, hide ? null : ratio(c[names.sum], c[names.n])];
    }),
  ) as Record<SubScoreKey, number | null>;
  const judged = (v: number | null) => (hide ? null : v);
  const completedCases = c[CASE_COUNTERS.cases];
  return {
    ratings,
    distribution,
    completedCases: completedCases ?? 0,
    coverage: ratio(ratings, completedCases),
    goodRate: judged(ratio(ratings - bad, ratings)),
    badRate: judged(ratio(bad, ratings)),
    meanScore: judged(mean),
    satisfactionScore: judged(mean === null ? null : (mean - 1) / 4),
    subScores,
    badReviews: bad,
    callbackRate: judged(ratio(c[k.cbDone], c[k.cbReq])),
    callbackOnTimeRate: judged(ratio(c[k.cbOnTime], c[k.cbSettled])),
    rectificationRate: judged(ratio(c[k.rectDone], c[k.rectReq])),
    rectificationOnTimeRate: judged(ratio(c[k.rectOnTime], c[k.rectSettled])),
    rectificationSatisfiedRate: judged(ratio(c[k.fbSat], (c[k.fbSat] ?? 0) + (c[k.fbUnsat] ?? 0))),
    tooFew,
  };
}

/** One point per month of the inclusive range, months without ratings included. */
export function satisfactionSeries(
  months: Map<string, Counters>,
  from: string,
  to: string,
  audience: 'public' | 'staff',
): SatisfactionPoint[] {
  return monthsBetween(from, to).map((month) => ({
    month,
    ...satisfactionOf(months.get(month) ?? {}, audience),
  }));
}
