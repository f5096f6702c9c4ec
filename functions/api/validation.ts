/**
 * Request parsing with zod: a body that is not JSON, or does not match its schema,
 * becomes a 400 in the contract's shape with every problem listed, never a 5xx. The
 * schemas and `parseWith` themselves are in functions/domain/schemas.ts; this is only
 * what reads them out of an HTTP request.
 */
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { invalid, isRefusal } from '../domain/refusal.js';
import { parseWith } from '../domain/schemas.js';

/** Read and validate a JSON body. */
export async function jsonBody<T extends z.ZodMiniType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw invalid('The body must be JSON (Content-Type: application/json).');
  }
  let raw: string;
  try {
    raw = await c.req.text();
  } catch (err) {
    if (isRefusal(err)) throw err;
    throw invalid('The body could not be read.');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalid('The body is not valid JSON.');
  }
  return parseWith(schema, value, 'body');
}

/** Validate the query string against a schema of optional strings. */
export function queryOf<T extends z.ZodMiniType>(c: Context, schema: T): z.infer<T> {
  return parseWith(schema, c.req.query(), 'query');
}
