/**
 * Request parsing with zod: a body that is not JSON, or does not match its schema,
 * becomes a 400 in the contract's shape with every problem listed, never a 5xx.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { describeIssues } from '../shared/zod-issues.js';
import { ApiError, badRequest } from './errors.js';

export function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown, what = 'request'): z.infer<T> {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    const problems = describeIssues(result.error);
    throw badRequest(`Invalid ${what}: ${problems.slice(0, 5).join('; ')}`, { issues: problems });
  }
  return result.data;
}

/** Read and validate a JSON body. */
export async function jsonBody<T extends z.ZodMiniType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw badRequest('The body must be JSON (Content-Type: application/json).');
  }
  let raw: string;
  try {
    raw = await c.req.text();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw badRequest('The body could not be read.');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  return parseWith(schema, value, 'body');
}

/** Validate the query string against a schema of optional strings. */
export function queryOf<T extends z.ZodMiniType>(c: Context, schema: T): z.infer<T> {
  return parseWith(schema, c.req.query(), 'query');
}

/** `YYYY-MM` month. */
export const monthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'));
/** Whether `YYYY-MM-DD` names a day that exists (no 30 February). */
function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `YYYY-MM-DD` date that exists in the calendar. */
export const dateSchema = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'), z.refine(isRealDate, 'not a real date'));
/** ISO 8601 instant that must carry an offset (`Z` or `+08:00`). */
export const instantSchema = z.string().check(
  z.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'expected an ISO 8601 time with offset, e.g. 2025-03-01T09:30:00+08:00',
  ),
  z.refine((s) => !Number.isNaN(Date.parse(s)) && isRealDate(s.slice(0, 10)), 'not a real time'),
);
/** Identifier used in paths and keys: no `#`, no control characters. */
export const idSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'expected 1-64 of A-Z a-z 0-9 . _ : -'));
