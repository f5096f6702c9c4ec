/**
 * Request shapes of electronic supervision (warnings board, orders, reports), apart
 * from the staff route files so that the OpenAPI document (built in the public-read
 * function) converts the very schemas the routes validate with.
 */
import * as z from 'zod/mini';
import { dateSchema, ID_PATTERN, idSchema } from '../../domain/schemas.js';
import { MAX_ORDER_TEXT, ORDER_STATUSES, ORDER_TARGET_TYPES } from '../../domain/supervision/order.js';
import { BOARD_LEVELS } from '../../domain/supervision/warnings-board.js';

const note = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(MAX_ORDER_TEXT));

export const warningsQuery = z.object({
  level: z.optional(z.enum(BOARD_LEVELS)),
  departmentId: z.optional(idSchema),
  district: z.optional(z.string().check(z.maxLength(64))),
  minAgeDays: z.optional(z.string().check(z.regex(/^\d{1,4}$/, 'expected a number of working days'))),
  limit: z.optional(z.string().check(z.regex(/^([1-9]\d{0,2}|1000)$/, 'expected 1-1000'))),
  offset: z.optional(z.string().check(z.regex(/^\d{1,6}$/, 'expected a number'))),
  format: z.optional(z.enum(['json', 'csv'])),
});

export const issueBody = z.strictObject({
  targetType: z.enum(ORDER_TARGET_TYPES),
  targetId: z.string().check(z.regex(ID_PATTERN, 'expected an id')),
  departmentId: z.optional(idSchema),
  title: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200)),
  instructions: note,
  deadline: dateSchema,
});

export const ordersQuery = z.object({
  status: z.optional(z.enum([...ORDER_STATUSES, 'open'])),
  departmentId: z.optional(idSchema),
  limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'expected 1-100'))),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const respondBody = z.strictObject({ note });
export const closeBody = z.strictObject({ outcome: note });
export const escalateBody = z.strictObject({ note, deadline: dateSchema });

export const reportQuery = z.object({
  scope: z.string().check(z.minLength(1, 'scope is required: department, district or city'), z.maxLength(20)),
  id: z.optional(z.string().check(z.maxLength(64))),
  period: z.string().check(z.minLength(1, 'period is required: YYYY-MM or YYYY-Qn'), z.maxLength(10)),
  format: z.optional(z.enum(['json', 'csv'])),
});
