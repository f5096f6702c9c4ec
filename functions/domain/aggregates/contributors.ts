/**
 * The registry of contributors by item `type`. The aggregator and the recount look
 * items up here; a feature that feeds the aggregates adds one line.
 */
import { caseContributions } from '../cases/case-contribution.js';
import { critiqueContributions } from '../critiques/contribution.js';
import { ratingContributions } from '../ratings/rating-contribution.js';
import { accumulate, type Contributor, type Counters, type Item, pruneZeros } from './contribution.js';

export const contributors: Record<string, Contributor> = {
  case: caseContributions,
  rating: ratingContributions,
  critique: critiqueContributions,
};

/** Item types the stream consumer must see (also the cloud's event filter). */
export const aggregatedTypes = (): string[] => Object.keys(contributors);

export function contributionsOf(item: Item | undefined) {
  if (!item) return [];
  const fn = typeof item.type === 'string' ? contributors[item.type] : undefined;
  return fn ? fn(item) : [];
}

/** new − old, per aggregate id; empty when the change does not move any figure. */
export function deltaOf(oldItem: Item | undefined, newItem: Item | undefined): Map<string, Counters> {
  const totals = new Map<string, Counters>();
  accumulate(totals, contributionsOf(newItem), 1);
  accumulate(totals, contributionsOf(oldItem), -1);
  return pruneZeros(totals);
}
