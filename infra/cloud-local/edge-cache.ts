/**
 * What CloudFront keeps of an answer, and for whom: the cache key a behaviour's cache
 * policy makes of a viewer request, and how long an answer stays fresh (and then usable
 * stale) by its `Cache-Control`, bounded by the policy's TTLs — the rules of the
 * CloudFront Developer Guide's "Manage how long content stays in the cache (expiration)"
 * and "Understand cache keys". Pure, so the rules are unit-tested apart from the server.
 */
import type { CachePolicy, KeyPart } from './distribution.js';

/** A viewer request as the edge sees it. */
export interface ViewerRequest {
  method: string;
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
}

export function cookiesOf(header: string | undefined): [string, string][] {
  if (!header) return [];
  return header
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const i = c.indexOf('=');
      return i < 0 ? [c, ''] : [c.slice(0, i), c.slice(i + 1)];
    });
}

/** Whether a name passes a key part (cookie and query names are case-sensitive; headers are lower-cased). */
export function passes(part: KeyPart, name: string): boolean {
  switch (part.behavior) {
    case 'all':
      return true;
    case 'whitelist':
      return part.names.includes(name);
    case 'allExcept':
      return !part.names.includes(name);
    default:
      return false;
  }
}

/** The query string's pairs that pass `part`, in the viewer's order. */
export function queryPairs(part: KeyPart, query: string): string[] {
  if (!query) return [];
  return query
    .split('&')
    .filter((pair) => pair && passes(part, decodeURIComponent(pair.split('=')[0] ?? '')));
}

/**
 * The encoding the edge asks the origin for and keys on, as CloudFront normalizes
 * `Accept-Encoding` when the policy enables gzip or Brotli: `br,gzip`, `gzip` or none.
 */
export function normalizedEncoding(policy: CachePolicy, acceptEncoding: string | undefined): string {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  const br = policy.brotli && /\bbr\b/.test(accepted);
  const gzip = policy.gzip && /\bgzip\b/.test(accepted);
  return br && gzip ? 'br,gzip' : br ? 'br' : gzip ? 'gzip' : '';
}

/** The cache key: GET and HEAD share one; everything the policy names, and nothing else. */
export function cacheKey(policy: CachePolicy, req: ViewerRequest): string {
  const cookies = cookiesOf(req.headers.cookie)
    .filter(([name]) => passes(policy.cookies, name))
    .map(([n, v]) => `${n}=${v}`)
    .sort();
  const headers = Object.entries(req.headers)
    .filter(([name, value]) => value !== undefined && name !== 'cookie' && passes(policy.headers, name))
    .map(([n, v]) => `${n}:${v}`)
    .sort();
  return JSON.stringify([
    req.path,
    queryPairs(policy.queryStrings, req.query),
    cookies,
    headers,
    normalizedEncoding(policy, req.headers['accept-encoding']),
  ]);
}

/** The statuses CloudFront caches as errors (for ten seconds unless the origin says otherwise). */
const CACHED_ERRORS = new Set([400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]);
const ERROR_CACHING_MIN_TTL = 10;
/** Statuses CloudFront caches like a 200 (by the TTL rules). */
const CACHED_SUCCESSES = new Set([200, 203, 204, 206, 300, 301, 302, 307, 308, 410]);

export interface Freshness {
  /** Seconds an answer stays fresh; 0 is not stored. */
  ttl: number;
  /** Seconds after that it may be served while the edge fetches a new one. */
  staleWhileRevalidate: number;
  /** Seconds after that it may be served when the origin fails. */
  staleIfError: number;
}

function directives(cacheControl: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (cacheControl ?? '').toLowerCase().split(',')) {
    const [name, value = ''] = part.trim().split('=');
    if (name) out.set(name, value.replace(/^"|"$/g, ''));
  }
  return out;
}

const seconds = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
};

/**
 * How long the edge keeps an answer: `s-maxage`, else `max-age`, else `Expires`, else
 * the policy's default, held within its minimum and maximum; `no-store`, `no-cache` and
 * `private` keep it only for a minimum above zero. Errors without directives: ten seconds.
 */
export function freshnessOf(
  policy: CachePolicy,
  status: number,
  headers: { cacheControl?: string; expires?: string; date?: string },
  now = Date.now(),
): Freshness {
  const nothing = { ttl: 0, staleWhileRevalidate: 0, staleIfError: 0 };
  if (policy.maxTtl === 0) return nothing;
  const isError = CACHED_ERRORS.has(status);
  if (!isError && !CACHED_SUCCESSES.has(status)) return nothing;
  const d = directives(headers.cacheControl);
  const stale = {
    staleWhileRevalidate: seconds(d.get('stale-while-revalidate')) ?? 0,
    staleIfError: seconds(d.get('stale-if-error')) ?? 0,
  };
  if (d.has('no-store') || d.has('no-cache') || d.has('private'))
    return policy.minTtl > 0 ? { ttl: policy.minTtl, ...stale } : nothing;
  let asked = seconds(d.get('s-maxage')) ?? seconds(d.get('max-age'));
  if (asked === undefined && headers.expires) {
    const at = Date.parse(headers.expires);
    if (Number.isFinite(at))
      asked = Math.max(0, Math.floor((at - (Date.parse(headers.date ?? '') || now)) / 1000));
  }
  if (asked === undefined) return { ttl: isError ? ERROR_CACHING_MIN_TTL : policy.defaultTtl, ...stale };
  return { ttl: Math.min(policy.maxTtl, Math.max(policy.minTtl, asked)), ...stale };
}

/** A stored answer. */
export interface CachedAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  storedAt: number;
  freshness: Freshness;
}

/** Where an answer stands at `now`: fresh, usable stale while revalidating, usable on error only, or gone. */
export function ageOf(entry: CachedAnswer, now: number): 'fresh' | 'revalidate' | 'if-error' | 'expired' {
  const age = (now - entry.storedAt) / 1000;
  const { ttl, staleWhileRevalidate, staleIfError } = entry.freshness;
  if (age < ttl) return 'fresh';
  if (age < ttl + staleWhileRevalidate) return 'revalidate';
  if (age < ttl + staleIfError) return 'if-error';
  return 'expired';
}

/**
 * The edge's store: a bounded map, oldest dropped first. Entries outlive their TTL by
 * their stale windows, then go.
 */
export class EdgeCache {
  private readonly entries = new Map<string, CachedAnswer>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 5_000) {}

  get(key: string, now: number): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry && ageOf(entry, now) === 'expired') {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** An invalidation of every path (`aws cloudfront create-invalidation --paths '/*'`). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
