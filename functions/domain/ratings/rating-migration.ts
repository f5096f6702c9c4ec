/**
 * Migration in read: a rating stored before rating channels and versioned content
 * (a score and four optional sub-scores) is read as given by web link under the legacy
 * content version, its sub-scores kept as they were. Nothing is rewritten in the table,
 * so an old rating means what it meant when it was given.
 */
import { indicatorSetOf, isRatingChannel, LEGACY_CONTENT_VERSION } from './content.js';
import type { Rating } from './rating.js';

/** The rating as today's code reads it, whatever version stored it. */
export function upgradeRating(stored: Partial<Rating> & Pick<Rating, 'caseId'>): Rating {
  const ratingChannel = isRatingChannel(stored.ratingChannel) ? stored.ratingChannel : 'web-link';
  return {
    ...stored,
    contentVersion: stored.contentVersion ?? LEGACY_CONTENT_VERSION,
    ratingChannel,
    indicatorSet: stored.indicatorSet ?? indicatorSetOf(ratingChannel, stored.channel),
  } as Rating;
}
