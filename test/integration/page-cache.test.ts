/**
 * One rendering path for public pages (issue 14, item 2): every page is rendered live by
 * the pages app, and its `Cache-Control` says what the edge may keep (web/cache-rules.ts).
 * A public page varies only on its URL and the language / elderly-mode cookies, sets no
 * cookie, revalidates by ETag and may be served stale while the table is briefly down;
 * personal pages and pages shown to staff are kept by nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isPersonalPage,
  MISSING_PAGE_CACHE_CONTROL,
  PERSONAL_CACHE_CONTROL,
  PUBLIC_PAGE_CACHE_CONTROL,
} from '../../web/cache-rules.js';
import { pageRoutes } from '../support/route-catalogue.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
});
afterAll(() => t?.stop());

const PUBLIC_PAGES = [
  '/',
  '/privacy',
  '/services',
  '/services?sort=name',
  '/services/FOOD',
  '/departments',
  '/departments/market',
  '/rankings',
  '/rankings/method',
  '/critiques',
  '/hall-of-fame',
  '/docs/api',
];

describe('public pages', () => {
  it('are kept at the edge a minute, served stale on origin errors, with no cookie and an ETag', async () => {
    for (const url of PUBLIC_PAGES) {
      const res = await t.call('GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe(PUBLIC_PAGE_CACHE_CONTROL);
      expect(res.headers.get('set-cookie'), url).toBeNull();
      const etag = res.headers.get('etag');
      expect(etag, url).toMatch(/^"[0-9a-f]+"$/);
      // Revalidating an unchanged page is a 304 with the same rules.
      const again = await t.call('GET', url, { headers: { 'if-none-match': etag! } });
      expect(again.status, url).toBe(304);
      expect(again.text, url).toBe('');
      expect(again.headers.get('cache-control'), url).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    }
  });

  it('vary exactly on the query and the language and elderly cookies', async () => {
    const zh = await t.call('GET', '/services/FOOD');
    expect(zh.text).toContain('<html lang="zh-CN"');
    const en = await t.call('GET', '/services/FOOD?lang=en');
    expect(en.text).toContain('<html lang="en"');
    expect(en.headers.get('set-cookie')).toBeNull();
    const enByCookie = await t.call('GET', '/services/FOOD', { headers: { cookie: 'wp_lang=en' } });
    expect(enByCookie.text).toContain('<html lang="en"');
    const elder = await t.call('GET', '/services/FOOD', { headers: { cookie: 'wp_elder=1' } });
    expect(elder.text).toContain('class="elder"');
    // The elderly page shows the simpler page: no chart script.
    expect(elder.text).not.toContain('/assets/curves.js');
    expect(zh.text).toContain('/assets/curves.js');
    expect(new Set([zh, en, elder].map((r) => r.headers.get('etag'))).size).toBe(3);
    // Any other cookie changes nothing: the page is the same bytes.
    const other = await t.call('GET', '/services/FOOD', { headers: { cookie: 'tracking=abc' } });
    expect(other.headers.get('etag')).toBe(zh.headers.get('etag'));
  });

  it('switch language through /prefs/lang, which remembers it and goes back without ?lang', async () => {
    const res = await t.call('GET', '/prefs/lang?to=en&back=%2Fservices%3Fsort%3Dname');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/services?sort=name');
    expect(res.headers.get('set-cookie')).toMatch(/^wp_lang=en;.*Path=\/.*SameSite=Lax/i);
    expect(res.headers.get('cache-control')).toBe(PERSONAL_CACHE_CONTROL);
    // The layout's switch link goes there, dropping the page's own ?lang=.
    const page = await t.call('GET', '/services?lang=en&sort=name');
    expect(page.text).toContain('href="/prefs/lang?to=zh&amp;back=%2Fservices%3Fsort%3Dname"');
    // Only a path of this site, and only a known language.
    for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example'])
      expect(
        (await t.call('GET', `/prefs/lang?to=en&back=${encodeURIComponent(back)}`)).headers.get('location'),
      ).toBe('/');
    const unknown = await t.call('GET', '/prefs/lang?to=fr&back=/services');
    expect(unknown.status).toBe(303);
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('keep a missing page briefly, and no error at all', async () => {
    const missing = await t.call('GET', '/services/NO-SUCH');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe(MISSING_PAGE_CACHE_CONTROL);
    const bad = await t.call('POST', '/prefs/elder', { headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('cache-control')).toBe(PERSONAL_CACHE_CONTROL);
  });
});

describe('personal pages and pages shown to staff', () => {
  it('are kept by no cache', async () => {
    for (const url of ['/rate/NOPE?t=x', '/receipt/NOPE', '/critiques/new', '/critiques/track']) {
      const res = await t.call('GET', url);
      expect(res.headers.get('cache-control'), url).toBe(PERSONAL_CACHE_CONTROL);
    }
    const cookie = await t.session(await t.token('office'));
    for (const url of ['/', '/services/FOOD', '/staff']) {
      const res = await t.call('GET', url, { headers: { cookie } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-store');
    }
  });

  it('cover every page route that reads a token, a form or a session: a shared cache keeps none of them', () => {
    const personal = pageRoutes()
      .filter((r) => r.method === 'GET')
      .map((r) => r.path)
      .filter((p) => /^\/(staff|rate|receipt|prefs)(\/|$)|^\/critiques\/(new|track|:code)$/.test(p));
    expect(personal.length).toBeGreaterThan(20);
    for (const p of personal) expect(isPersonalPage(p.replace(/:[A-Za-z]+(\{[^}]*\})?/g, 'x')), p).toBe(true);
  });
});
