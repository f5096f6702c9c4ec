/**
 * The input shapes every layer agrees on — ids, dates, instants, months — and the one
 * way a value is checked against a schema. They sit in the domain so a use case, a
 * store, a route and a page validate an id with the same pattern, and a rejected input
 * is a {@link Refusal} with one problem per field, whoever reads it (the API's 400, a
 * page's form errors).
 */
import * as z from 'zod/mini';
import { invalid } from './refusal.js';

/**
 * The id pattern without anchors, for patterns that embed an id
 * (`department:<id>`): 1–64 of A–Z a–z 0–9 . _ : -, starting with a letter or digit.
 * No `#` (the key separator), no spaces, no control characters.
 */
export const ID_SOURCE = '[A-Za-z0-9][A-Za-z0-9._:-]{0,63}';

/** A whole string that is an id: cases, services, departments, windows, staff, keys. */
export const ID_PATTERN = new RegExp(`^${ID_SOURCE}$`);

/** Whether `value` is an id ({@link ID_PATTERN}). */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Identifier used in paths and keys: no `#`, no control characters. */
export const idSchema = z.string().check(z.regex(ID_PATTERN, 'expected 1-64 of A-Z a-z 0-9 . _ : -'));

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

/**
 * zod issues as short human sentences (`path: message`), for 400 messages and
 * per-row rejection reasons alike.
 */
export function describeIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
}

/**
 * `value` checked against `schema`, or an `invalid_request` refusal listing every
 * problem: `problems` per field (the issue's dotted path) for pages, and the contract's
 * `details.issues` sentences and message for the API.
 */
export function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown, what = 'request'): z.infer<T> {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    const issues = describeIssues(result.error);
    throw invalid(`Invalid ${what}: ${issues.slice(0, 5).join('; ')}`, {
      problems: result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
      details: { issues },
    });
  }
  return result.data;
}
