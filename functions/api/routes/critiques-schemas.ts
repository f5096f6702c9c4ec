/**
 * Request shapes of the find-fault window's JSON API. Lengths are checked here on the
 * raw strings (a little slack for whitespace) and again by the use case after cleaning.
 */
import * as z from 'zod/mini';
import {
  BOARD_STATUSES,
  CATEGORIES,
  LIMITS,
  MAX_REPLY_DAYS,
  STATUSES,
  TARGET_TYPES,
} from '../../domain/critiques/model.js';
import { idSchema } from '../../domain/schemas.js';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const submitBody = z.strictObject({
  category: z.enum(CATEGORIES),
  text: z.string().check(z.maxLength(LIMITS.text * 2)),
  targetType: z.optional(z.enum(TARGET_TYPES)),
  targetId: z.optional(idSchema),
  nickname: z.optional(z.string().check(z.maxLength(LIMITS.nickname * 2))),
  contact: z.optional(z.string().check(z.maxLength(LIMITS.contact))),
});

export const confirmationBody = z.strictObject({
  /** The nitpicker's private key (checked before this schema, see confirmCritique). */
  nitpickerKey: z.string().check(z.maxLength(80)),
  solved: z.boolean(),
  comment: z.optional(z.string().check(z.maxLength(LIMITS.comment))),
});

export const reasonBody = z.strictObject({ reason: text(LIMITS.reason) });
export const textBody = z.strictObject({ text: text(LIMITS.reply) });
export const citationBody = z.strictObject({ citation: text(LIMITS.citation) });
export const duplicateBody = z.strictObject({
  duplicateOf: z.string().check(z.minLength(1), z.maxLength(40)),
});
export const routeBody = z.strictObject({
  departmentId: idSchema,
  replyDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_REPLY_DAYS))),
});
export const apiKeyBody = z.strictObject({ name: text(100) });

const limit = z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'expected 1-100')));
const cursor = z.optional(z.string().check(z.maxLength(2000)));

export const boardQuery = z.object({
  status: z.optional(z.enum(BOARD_STATUSES)),
  departmentId: z.optional(idSchema),
  serviceCode: z.optional(idSchema),
  category: z.optional(z.enum(CATEGORIES)),
  limit,
  cursor,
});

export const staffListQuery = z.object({
  status: z.optional(z.enum(STATUSES)),
  departmentId: z.optional(idSchema),
  limit,
  cursor,
});

export const pageQuery = z.object({ limit, cursor });
