/**
 * Opaque pagination cursors: the last evaluated key, base64url-encoded JSON. A cursor
 * that does not decode to a key object is a 400, not a 5xx.
 */
import { badRequest } from '../api/errors.js';

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string') &&
      Object.keys(value).every((k) => /^(pk|sk|gsi[1-3](pk|sk))$/.test(k))
    ) {
      return value as Record<string, unknown>;
    }
  } catch {
    /* fall through */
  }
  throw badRequest('The cursor is not valid.');
}
