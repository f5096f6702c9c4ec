/**
 * The versioned-content fields every rating channel accepts (indicator levels and
 * bad-review reasons). Whether an indicator or reason belongs to the version in force
 * is checked by the domain (content.ts `checkContent`), not here, so a new version
 * needs no schema change.
 */
import * as z from 'zod/mini';
import type { RatingChannel } from '../../domain/ratings/content.js';

const scoreSchema = z.number().check(z.int('expected a whole number'), z.minimum(1), z.maximum(5));
const reasonId = z
  .string()
  .check(z.regex(/^[a-z][a-zA-Z0-9.-]{0,63}$/, 'expected a reason id, e.g. efficiency.slow'));

/** A rating channel among `allowed`. */
export const ratingChannelOf = (allowed: readonly RatingChannel[]) =>
  z.enum(allowed as [RatingChannel, ...RatingChannel[]]);

export const contentFields = {
  /** Indicator id → level (1–5), for the set's indicators other than 整体满意度. */
  indicators: z.optional(
    z.record(
      z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, 'expected an indicator id')),
      scoreSchema,
    ),
  ),
  /** Bad-review reasons (score 1–2 only), ids of the content version in force. */
  reasons: z.optional(z.array(reasonId).check(z.maxLength(10, 'at most 10 reasons'))),
};
