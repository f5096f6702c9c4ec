/**
 * The sweeper's handler for ratings in the open-and-due index: flags a callback or
 * rectification whose deadline has passed (`callbackOverdue`, `rectificationOverdue`,
 * which feed the supervision warnings and the aggregates), erases a callback contact
 * past its retention, and moves the due key to the next deadline or removes it when
 * nothing is left to watch. A review changed meanwhile is left for the next sweep.
 */
import { sweepRating } from '../../domain/ratings/follow-up.js';
import { ratingOf } from '../../store/ratings.js';
import type { DueItemHandler } from '../due-item-handler.js';

export const ratingDueHandler: DueItemHandler = async (p, item, { today }) => {
  const store = p.ratings;
  // The index is eventually consistent: decide on the item as it stands now.
  const current = (await store.get(String(item.caseId))) ?? ratingOf(item);
  const swept = sweepRating(current, today, p.clock.now());
  if (!swept) {
    // Nothing due any more (e.g. done meanwhile): rewriting refreshes the due key.
    if (item.rev === current.rev && item.gsi2sk && String(item.gsi2sk).slice(0, 10) <= today)
      return store.replace({ ...current, rev: current.rev + 1 }, current.rev);
    return false;
  }
  return store.replace(swept, current.rev);
};
