/**
 * What a rating adds to the monthly aggregates of its service, department, district,
 * window, staff member and the city, in the (Beijing) month it was given: the count,
 * the score distribution and sum, bad reviews, sub-score sums, and the follow-up of
 * bad reviews (callbacks, rectifications, on time or not, the rater's feedback). A
 * review excluded by an upheld appeal contributes nothing, so the aggregator's
 * new − old takes it out of every figure and a recount agrees.
 */
import type { Contribution, Item } from '../aggregates/contribution.js';
import { scopesOf } from '../aggregates/contribution.js';
import { RATING_COUNTERS, type RatingCounters, SCORE_COUNTERS, SUB_SCORE_COUNTERS } from './counters.js';
import {
  callbackDone,
  callbackDoneOrOverdue,
  callbackExpected,
  callbackOnTime,
  isBadScore,
  isScore,
  type Rating,
  rectificationOnTime,
  rectificationSettled,
  rectificationSettledOrOverdue,
  SUB_SCORES,
} from './rating.js';

/**
 * The counters one rating adds (the same in every scope it is attributed to), through
 * the ratings domain's own rules for a callback done, a rectification settled and
 * either on time, so the figures cannot drift from the follow-up the console shows.
 */
export function ratingCounters(r: Rating): RatingCounters | undefined {
  if (r.excluded === true || !isScore(r.score)) return undefined;
  const k = RATING_COUNTERS;
  const c: RatingCounters = { [k.ratings]: 1, [SCORE_COUNTERS[r.score]]: 1, [k.scoreSum]: r.score };
  for (const key of SUB_SCORES) {
    const v = r.subScores?.[key];
    if (isScore(v)) {
      const names = SUB_SCORE_COUNTERS[key];
      c[names.sum] = v;
      c[names.n] = 1;
    }
  }
  if (typeof r.comment === 'string' && r.comment) c[k.comments] = 1;
  if (!isBadScore(r.score)) return c;
  c[k.bad] = 1;
  if (callbackExpected(r)) {
    c[k.cbReq] = 1;
    if (callbackDone(r)) c[k.cbDone] = 1;
    if (callbackOnTime(r)) c[k.cbOnTime] = 1;
    if (callbackDoneOrOverdue(r)) c[k.cbSettled] = 1;
  }
  if (r.callbackOverdue === true) c[k.cbOverdue] = 1;
  const status = r.rectification?.status;
  c[k.rectReq] = 1;
  if (status === 'planned') c[k.rectPlanned] = 1;
  if (rectificationSettled(r)) c[k.rectDone] = 1;
  if (status === 'done') c[k.rectFixed] = 1;
  if (status === 'cannot') c[k.rectCannot] = 1;
  if (rectificationOnTime(r)) c[k.rectOnTime] = 1;
  if (rectificationSettledOrOverdue(r)) c[k.rectSettled] = 1;
  if (r.rectificationOverdue === true) c[k.rectOverdue] = 1;
  if (r.appeal) c[k.appealed] = 1;
  if (r.feedback?.satisfied === true) c[k.fbSat] = 1;
  if (r.feedback?.satisfied === false) c[k.fbUnsat] = 1;
  return c;
}

/** What a stored rating item adds: its counters in every scope, in its month. */
export function ratingContributions(item: Item): Contribution[] {
  const rating = item as unknown as Rating;
  const counters = ratingCounters(rating);
  const month = rating.month;
  if (!counters || typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)) return [];
  return scopesOf(item, { staff: true }).map((s) => ({ ...s, month, counters: { ...counters } }));
}
