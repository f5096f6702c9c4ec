/**
 * Opaque pagination cursors: a Query's last evaluated key, base64url-encoded JSON.
 *
 * A cursor comes back from the client, so it is client input: before DynamoDB sees it
 * as `ExclusiveStartKey` it is checked against the Query it is to resume. It must be
 * canonical base64url of UTF-8 JSON, an object with exactly that index's key
 * attributes (the table's `pk`/`sk`, plus the GSI's two), each a non-empty well-formed
 * string within DynamoDB's key size, carrying the partition the Query reads and, for a
 * Query with a sort-key range, a sort key inside it. Anything else is a 400 in the
 * contract's shape — never a DynamoDB ValidationException ("The provided starting key
 * is invalid") surfacing as a 5xx. Because the partition must match, a cursor can only
 * resume a list at a place its caller could have paged to anyway; it never reaches
 * another list (another department's inbox, say).
 *
 * Not signed: not every function that lists can read the platform secret (the site
 * publisher lists the services without it), and a cursor checked this way grants
 * nothing a signature would withhold.
 */
import { invalid } from '../domain/refusal.js';

/** The index a Query reads: the table itself or one of the GSIs. */
export type CursorIndex = 'table' | 'gsi1' | 'gsi2' | 'gsi3';

/** What a cursor must look like to resume one Query. */
export interface CursorShape {
  index: CursorIndex;
  /** The partition key value the Query reads (`pk`, or the GSI's `gsiNpk`). */
  partition: string;
  /** The inclusive bounds of the Query's sort-key condition (`BETWEEN`), if it has one. */
  sortRange?: { from: string; to: string } | undefined;
}

/** Longer cursors are refused unread: a key of four short attributes encodes to a few hundred characters. */
export const MAX_CURSOR_LENGTH = 2048;
/** DynamoDB's bound on a sort key (a partition key may have 2,048 bytes); ours are far shorter. */
const MAX_KEY_BYTES = 1024;

const KEY_ATTRIBUTES: Record<CursorIndex, { partition: string; sort: string; all: readonly string[] }> = {
  table: { partition: 'pk', sort: 'sk', all: ['pk', 'sk'] },
  gsi1: { partition: 'gsi1pk', sort: 'gsi1sk', all: ['gsi1pk', 'gsi1sk', 'pk', 'sk'] },
  gsi2: { partition: 'gsi2pk', sort: 'gsi2sk', all: ['gsi2pk', 'gsi2sk', 'pk', 'sk'] },
  gsi3: { partition: 'gsi3pk', sort: 'gsi3sk', all: ['gsi3pk', 'gsi3sk', 'pk', 'sk'] },
};

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A lone surrogate: not encodable as UTF-8, so not storable as a DynamoDB string. */
const LONE_SURROGATE = /\p{Cs}/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/**
 * The JSON value a cursor encodes (for cursors that are not DynamoDB keys, such as
 * Open311's); a 400 when it is not canonical base64url of UTF-8 JSON.
 */
export function cursorValue(cursor: string): unknown {
  if (cursor.length <= MAX_CURSOR_LENGTH && BASE64URL.test(cursor)) {
    const bytes = Buffer.from(cursor, 'base64url');
    // One spelling per cursor: no padding, no stray trailing bits.
    if (bytes.toString('base64url') === cursor) {
      try {
        return JSON.parse(utf8.decode(bytes)) as unknown;
      } catch {
        /* not UTF-8 JSON */
      }
    }
  }
  throw invalid('The cursor is not valid.');
}

/** A string DynamoDB takes as a key attribute: non-empty, valid UTF-16 (so UTF-8), at most 1,024 bytes. */
export function isKeyValue(v: unknown): v is string {
  return (
    typeof v === 'string' && v.length > 0 && !LONE_SURROGATE.test(v) && Buffer.byteLength(v) <= MAX_KEY_BYTES
  );
}

/**
 * The start key a client's cursor stands for, checked against the Query it resumes
 * (see the module comment); undefined when there is no cursor. Throws a 400 otherwise.
 */
export function decodeCursor(
  cursor: string | undefined,
  shape: CursorShape,
): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const value = cursorValue(cursor);
  const attributes = KEY_ATTRIBUTES[shape.index];
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('The cursor is not valid.');
  const key = value as Record<string, unknown>;
  const names = Object.keys(key);
  if (
    names.length !== attributes.all.length ||
    !attributes.all.every((a) => Object.hasOwn(key, a) && isKeyValue(key[a]))
  ) {
    throw invalid('The cursor is not valid.');
  }
  const start = key as Record<string, string>;
  if (start[attributes.partition] !== shape.partition) throw invalid('The cursor belongs to another list.');
  const sort = start[attributes.sort]!;
  if (shape.sortRange && (sort < shape.sortRange.from || sort > shape.sortRange.to)) {
    throw invalid('The cursor belongs to another list.');
  }
  return start;
}
