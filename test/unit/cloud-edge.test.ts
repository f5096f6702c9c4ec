/**
 * The edge of the cloud topology, its pure rules: the cache key a policy makes (exactly
 * what varies, nothing else), how long an answer stays fresh and then usable stale (the
 * CloudFront Developer Guide's expiration rules), which behaviour a path takes, and the
 * origin secret read from a dynamic reference. The server around them is driven by
 * test/e2e/cloud-topology.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { behaviorFor, resolveDynamicReferences } from '../../infra/cloud-local/cloudfront.js';
import type { Behavior, CachePolicy, Distribution } from '../../infra/cloud-local/distribution.js';
import { ageOf, cacheKey, freshnessOf, normalizedEncoding } from '../../infra/cloud-local/edge-cache.js';

const policy: CachePolicy = {
  name: 'pages',
  minTtl: 0,
  defaultTtl: 60,
  maxTtl: 300,
  queryStrings: { behavior: 'whitelist', names: ['page'] },
  cookies: { behavior: 'whitelist', names: ['wp_lang', 'wp_elder'] },
  headers: { behavior: 'none', names: [] },
  gzip: true,
  brotli: true,
};
const req = (query: string, cookie?: string, encoding = 'gzip, deflate, br') => ({
  method: 'GET',
  path: '/departments',
  query,
  headers: { cookie, 'accept-encoding': encoding, 'user-agent': 'x' },
});

describe('the cache key', () => {
  it('varies on the named cookies and query strings only, in any order', () => {
    const base = cacheKey(policy, req(''));
    expect(cacheKey(policy, req('', 'tracking=1'))).toBe(base);
    expect(cacheKey(policy, req('utm=1'))).toBe(base);
    expect(cacheKey(policy, req('', 'wp_lang=en'))).not.toBe(base);
    expect(cacheKey(policy, req('', 'wp_elder=1; wp_lang=en'))).toBe(
      cacheKey(policy, req('', 'wp_lang=en; wp_elder=1')),
    );
    expect(cacheKey(policy, req('page=2'))).not.toBe(base);
  });

  it('normalizes Accept-Encoding as CloudFront does, so encodings share few copies', () => {
    expect(normalizedEncoding(policy, 'gzip, deflate, br')).toBe('br,gzip');
    expect(normalizedEncoding(policy, 'gzip')).toBe('gzip');
    expect(normalizedEncoding(policy, 'identity')).toBe('');
    expect(normalizedEncoding({ ...policy, brotli: false }, 'br, gzip')).toBe('gzip');
    expect(cacheKey(policy, req('', undefined, 'br, gzip'))).toBe(
      cacheKey(policy, req('', undefined, 'gzip, br, zstd')),
    );
  });
});

describe('freshness', () => {
  it('takes s-maxage over max-age, held within the policy’s TTLs, with the stale windows', () => {
    expect(
      freshnessOf(policy, 200, {
        cacheControl: 'public, max-age=10, s-maxage=120, stale-while-revalidate=30, stale-if-error=600',
      }),
    ).toEqual({
      ttl: 120,
      staleWhileRevalidate: 30,
      staleIfError: 600,
    });
    expect(freshnessOf(policy, 200, { cacheControl: 'max-age=86400' }).ttl).toBe(300);
    expect(freshnessOf({ ...policy, minTtl: 5 }, 200, { cacheControl: 'max-age=1' }).ttl).toBe(5);
    expect(freshnessOf(policy, 200, {}).ttl).toBe(60);
  });

  it('keeps nothing personal, and errors briefly', () => {
    expect(freshnessOf(policy, 200, { cacheControl: 'private, no-store' }).ttl).toBe(0);
    expect(freshnessOf({ ...policy, maxTtl: 0 }, 200, { cacheControl: 's-maxage=60' }).ttl).toBe(0);
    expect(freshnessOf(policy, 404, {}).ttl).toBe(10);
    expect(freshnessOf(policy, 201, { cacheControl: 's-maxage=60' }).ttl).toBe(0);
  });

  it('serves stale while revalidating, then only when the origin fails, then not at all', () => {
    const entry = {
      status: 200,
      headers: [],
      body: Buffer.alloc(0),
      storedAt: 0,
      freshness: { ttl: 60, staleWhileRevalidate: 30, staleIfError: 600 },
    };
    expect(ageOf(entry, 59_000)).toBe('fresh');
    expect(ageOf(entry, 61_000)).toBe('revalidate');
    expect(ageOf(entry, 200_000)).toBe('if-error');
    expect(ageOf(entry, 661_000)).toBe('expired');
  });
});

describe('behaviours and the origin secret', () => {
  const behavior = (pathPattern: string | undefined, id: string) =>
    ({ pathPattern, origin: { id, domainName: id, customHeaders: {} } }) as unknown as Behavior;
  const distribution: Distribution = {
    logicalId: 'D',
    behaviors: [behavior('/api/*', 'api'), behavior('assets/*.js', 'assets'), behavior(undefined, 'pages')],
  };

  it('takes the first pattern that matches, else the default', () => {
    expect(behaviorFor(distribution, '/api/v1/services').origin.id).toBe('api');
    expect(behaviorFor(distribution, '/assets/app.js').origin.id).toBe('assets');
    expect(behaviorFor(distribution, '/assets/app.css').origin.id).toBe('pages');
    expect(behaviorFor(distribution, '/apiary').origin.id).toBe('pages');
  });

  it('reads the origin secret from a Secrets Manager dynamic reference, and refuses an unknown one', () => {
    const arn = 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:origin-AbCd';
    const value = `{{resolve:secretsmanager:${arn}:SecretString:::}}`;
    expect(resolveDynamicReferences(value, (a) => (a === arn ? 's3cret' : undefined))).toBe('s3cret');
    expect(() => resolveDynamicReferences(value, () => undefined)).toThrow(/No secret/);
  });
});
