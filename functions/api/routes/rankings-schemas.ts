/**
 * Request shapes of the ranking routes (public and the office's), apart from the route
 * files so that the OpenAPI document converts the very schemas the routes validate with.
 */
import * as z from 'zod/mini';

/**
 * A unit id: a department or window id, or a district's name (Chinese letters allowed).
 * Deliberately wider than `ID_PATTERN` (functions/domain/schemas.ts), which is ASCII only:
 * district names are not ids but are ranked units all the same.
 */
export const unitIdSchema = z
  .string()
  .check(z.regex(/^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,63}$/u, 'expected a unit id'));
export const versionSchema = z.string().check(z.regex(/^[1-9]\d{0,5}$/, 'expected a version number'));
export const rankingQuery = z.object({
  scope: z.string().check(z.minLength(1, 'scope is required: department, district or window')),
  period: z.string().check(z.minLength(1, 'period is required: YYYY-MM or YYYY-Qn')),
  version: z.optional(versionSchema),
  format: z.optional(z.enum(['json', 'csv'])),
});
export const formatQuery = z.object({ format: z.optional(z.enum(['json', 'csv'])) });

export const draftBody = z.strictObject({
  scope: z.string().check(z.maxLength(20)),
  period: z.string().check(z.maxLength(10)),
  methodVersion: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(999_999))),
  changes: z.optional(z.string().check(z.maxLength(2000))),
});
