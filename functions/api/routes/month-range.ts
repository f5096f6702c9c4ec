/**
 * `from`/`to` month query parameters (inclusive), defaulting to the last 24 months,
 * at most 120 months apart.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { beijingDate } from '../../domain/calendar/index.js';
import { addMonths, monthsBetween } from '../../domain/months.js';
import { invalid } from '../../domain/refusal.js';
import { monthSchema } from '../../domain/schemas.js';
import { queryOf } from '../validation.js';

const MAX_MONTHS = 120;

/** The query `monthRange` checks (documented on every route that reads a month range). */
export const rangeQuery = z.object({ from: z.optional(monthSchema), to: z.optional(monthSchema) });

export function monthRange(c: Context, now: Date): { from: string; to: string } {
  const q = queryOf(c, rangeQuery);
  const to = q.to ?? beijingDate(now).slice(0, 7);
  const from = q.from ?? addMonths(to, -23);
  if (from > to) throw invalid('from must not be after to.');
  if (monthsBetween(from, to).length > MAX_MONTHS)
    throw invalid(`A range may span at most ${MAX_MONTHS} months.`);
  return { from, to };
}
