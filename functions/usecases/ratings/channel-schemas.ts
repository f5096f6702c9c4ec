/**
 * What the office and the keyed rating channels send (the system API, the window
 * device, the staff-assisted form), as zod schemas the use cases parse with and the
 * OpenAPI document converts, so both reject the same input for the same reasons.
 */
import * as z from 'zod/mini';
import type { RatingChannel } from '../../domain/ratings/content.js';
import { MAX_COMMENT_CHARS } from '../../domain/ratings/rating.js';
import { idSchema } from '../../domain/schemas.js';
import { contentFields, ratingChannelOf } from './content-schemas.js';

/** The channels that rate through an office-issued key. */
export const KEYED_CHANNELS = [
  'hotline',
  'partner-system',
  'self-service',
  'window-device',
] as const satisfies readonly RatingChannel[];
export type KeyedChannel = (typeof KEYED_CHANNELS)[number];

const scoreSchema = z.number().check(z.int('expected a whole number'), z.minimum(1), z.maximum(5));

/** `POST /api/v1/staff/rating-keys`. */
export const channelKeyBodySchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100, 'at most 100 characters')),
  departmentId: idSchema,
  ratingChannel: ratingChannelOf(KEYED_CHANNELS),
  windowId: z.optional(idSchema),
  staffId: z.optional(idSchema),
});
export type ChannelKeyBody = z.infer<typeof channelKeyBodySchema>;

/** The answer itself, as every keyed channel and the assisted form give it. */
const answerFields = {
  score: scoreSchema,
  ...contentFields,
  comment: z.optional(
    z
      .string()
      .check(z.maxLength(MAX_COMMENT_CHARS, `a comment may have at most ${MAX_COMMENT_CHARS} characters`)),
  ),
};

/** `POST /api/v1/ratings/system`: the channel, department (and window, staff) come from the key. */
export const systemRatingBodySchema = z.strictObject({ caseId: idSchema, ...answerFields });
export type SystemRatingBody = z.infer<typeof systemRatingBodySchema>;

/** The staff-assisted entry form (console), the same answer for a case of the staff's department. */
export const assistedRatingBodySchema = systemRatingBodySchema;
