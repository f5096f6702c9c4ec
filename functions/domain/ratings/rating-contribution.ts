/**
 * What a rating adds to the monthly aggregates of its service, department, district,
 * window, staff member and the city, in the (Beijing) month it was given: the count,
 * the score distribution and sum, bad reviews, sub-score sums, and the follow-up of
 * bad reviews (callbacks, rectifications, on time or not, the rater's feedback). A
 * review excluded by an upheld appeal contributes nothing, so the aggregator's
 * new − old takes it out of every figure and a recount agrees.
 */
import { type Contribution, type Counters, type Item, scopesOf } from '../aggregates/contribution.js';
import { isScore, SUB_SCORES, type SubScoreKey } from './rating.js';

/** Counter names of the sub-score sums and counts, e.g. `subEfficiencySum`, `subEfficiencyN`. */
export const subScoreCounters = (key: SubScoreKey) => {
  const stem = `sub${key[0]!.toUpperCase()}${key.slice(1)}`;
  return { sum: `${stem}Sum`, n: `${stem}N` };
};

type Obj = Record<string, unknown> | undefined;
const obj = (v: unknown): Obj =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The counters one rating item adds (the same in every scope it is attributed to). */
export function ratingCounters(item: Item): Counters | undefined {
  if (item.excluded === true) return undefined;
  const score = item.score;
  if (!isScore(score)) return undefined;
  const c: Counters = { ratings: 1, [`r${score}`]: 1, scoreSum: score };
  const subScores = obj(item.subScores);
  for (const key of SUB_SCORES) {
    const v = subScores?.[key];
    if (isScore(v)) {
      const names = subScoreCounters(key);
      c[names.sum] = v;
      c[names.n] = 1;
    }
  }
  if (typeof item.comment === 'string' && item.comment) c.comments = 1;
  if (score <= 2) {
    c.bad = 1;
    const callback = obj(item.callback);
    const callbackDone = callback !== undefined && callback.outcome !== 'unreachable';
    if (item.callbackRequired === true || callback) {
      c.cbReq = 1;
      if (callbackDone) c.cbDone = 1;
      if (callbackDone && callback?.onTime === true) c.cbOnTime = 1;
      if (callbackDone || item.callbackOverdue === true) c.cbSettled = 1;
    }
    if (item.callbackOverdue === true) c.cbOverdue = 1;
    const rect = obj(item.rectification);
    const settled = rect !== undefined && rect.status !== 'planned';
    c.rectReq = 1;
    if (rect?.status === 'planned') c.rectPlanned = 1;
    if (settled) c.rectDone = 1;
    if (rect?.status === 'done') c.rectFixed = 1;
    if (rect?.status === 'cannot') c.rectCannot = 1;
    if (settled && rect?.onTime === true) c.rectOnTime = 1;
    if (settled || item.rectificationOverdue === true) c.rectSettled = 1;
    if (item.rectificationOverdue === true) c.rectOverdue = 1;
    const appeal = obj(item.appeal);
    if (appeal) c.appealed = 1;
    const feedback = obj(item.feedback);
    if (feedback?.satisfied === true) c.fbSat = 1;
    if (feedback?.satisfied === false) c.fbUnsat = 1;
  }
  return c;
}

export function ratingContributions(item: Item): Contribution[] {
  const counters = ratingCounters(item);
  const month = item.month;
  if (!counters || typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)) return [];
  return scopesOf(item, { staff: true }).map((s) => ({ ...s, month, counters: { ...counters } }));
}
