/**
 * What raters and staff may send, as zod schemas shared by the JSON API and the HTML
 * forms (which convert their fields to the same shape), so both reject the same input
 * with the same reasons.
 */
import * as z from 'zod/mini';
import {
  APPEAL_KINDS,
  CALLBACK_OUTCOMES,
  isMobilePhone,
  MAX_COMMENT_CHARS,
  RECTIFICATION_STATUSES,
} from '../../domain/ratings/rating.js';
import { idSchema, instantSchema } from '../../domain/schemas.js';
import { contentFields, ratingChannelOf } from './content-schemas.js';

const scoreSchema = z.number().check(z.int('expected a whole number'), z.minimum(1), z.maximum(5));
const text = (max: number, min = 0) =>
  z.string().check(z.trim(), z.minLength(min), z.maxLength(max, `at most ${max} characters`));

export const tokenSchema = z.string().check(z.minLength(1), z.maxLength(200));

export const ratingBodySchema = z.strictObject({
  caseId: idSchema,
  token: tokenSchema,
  score: scoreSchema,
  comment: z.optional(
    z
      .string()
      .check(z.maxLength(MAX_COMMENT_CHARS, `a comment may have at most ${MAX_COMMENT_CHARS} characters`)),
  ),
  subScores: z.optional(
    z.strictObject({
      efficiency: z.optional(scoreSchema),
      attitude: z.optional(scoreSchema),
      guideAccuracy: z.optional(scoreSchema),
      convenience: z.optional(scoreSchema),
    }),
  ),
  /** Only the link's own ways: the link itself, or its QR code shown at the window. */
  ratingChannel: z.optional(ratingChannelOf(['web-link', 'window-qr'])),
  ...contentFields,
  callback: z.optional(
    z.strictObject({
      name: text(50, 1),
      phone: z
        .string()
        .check(
          z.maxLength(20),
          z.refine(isMobilePhone, 'expected a mainland mobile number, e.g. 13812345678'),
        ),
      consent: z.literal(
        true,
        'consent must be true: we keep a callback contact only with your consent to its purpose',
      ),
    }),
  ),
});
export type RatingBody = z.infer<typeof ratingBodySchema>;

export const feedbackBodySchema = z.strictObject({
  token: tokenSchema,
  satisfied: z.boolean(),
  /** The 追评 level (1–5), optional; must agree with `satisfied`. */
  score: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])),
  comment: z.optional(text(MAX_COMMENT_CHARS)),
});

export const callbackBodySchema = z.strictObject({
  at: instantSchema,
  by: z.optional(text(50, 1)),
  outcome: z.enum(CALLBACK_OUTCOMES),
  note: z.optional(text(1000)),
});

export const rectificationBodySchema = z.strictObject({
  plan: text(2000, 1),
  status: z.enum(RECTIFICATION_STATUSES),
  explanation: z.optional(text(2000)),
  evidence: z.optional(text(2000)),
});

export const appealBodySchema = z.strictObject({
  kind: z.enum(APPEAL_KINDS),
  reason: text(2000, 4),
});

export const rulingBodySchema = z.strictObject({
  decision: z.enum(['upheld', 'rejected']),
  note: text(2000, 1),
});
