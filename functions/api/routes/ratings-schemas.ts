/**
 * The query of the office's list of appeals, apart from the staff route file so that the
 * OpenAPI document converts the very schema the route validates with. (The bodies of
 * ratings and follow-up are in functions/usecases/ratings/schemas.ts.)
 */
import * as z from 'zod/mini';

/** `GET /api/v1/staff/appeals`. */
export const appealsQuery = z.object({
  status: z.optional(z.enum(['pending', 'upheld', 'rejected'])),
  limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'expected 1-100'))),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
