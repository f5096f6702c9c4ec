/**
 * The web layer's trust boundary, for every page route at once (enumerated from the
 * apps, so a new route is covered without anyone remembering to add it here):
 * - every form post — staff consoles, the public rating and critique forms, /prefs/*,
 *   sign-out — is refused with a 403 page from a foreign origin, from `Origin: null`
 *   and with no origin at all, and stores nothing;
 * - staff sign-in (through the local OpenID provider) is a server-side session: the
 *   cookie holds a random id, a copied cookie stops working at sign-out, a staff JWT in
 *   a cookie signs nobody in;
 * - over HTTPS the session cookie is `__Host-wp_session` (Secure, HttpOnly,
 *   SameSite=Lax, Path=/) and the preference cookies are Secure;
 * - a form body that cannot be parsed is a 400 page on every route, never a 5xx;
 * - `back=` of the elderly-mode switch never leaves the site;
 * - staff pages, and every page shown to signed-in staff, are `Cache-Control: no-store`;
 * - the icon is served, linked from every page and published with the static site.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../../functions/api/local-app.js';
import { mountDevPages } from '../../infra/local/dev-pages.js';
import { mountStaffSignIn } from '../../web/oidc/routes.js';
import { mountSite } from '../../web/site-app.js';
import { startTestProvider, walkSignIn } from '../support/oidc-sign-in.js';
import { changes, snapshot } from '../support/proof-world.js';
import { fillPath, pageRoutes, type RouteRef } from '../support/route-catalogue.js';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
/** The local server's wiring: the dev pages, staff sign-in, then the site. */
let devApp: Hono;
/** The local OpenID provider staff sign in with, for the site on http://localhost:3000 and over HTTPS. */
let provider: Awaited<ReturnType<typeof startTestProvider>>;
const HTTPS_SITE = 'https://woodpecker.example';
let office: string;
let officeCookie: string;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  devApp = createApiApp((a) => {
    mountDevPages(a);
    mountStaffSignIn(a);
    mountSite(a);
  });
  provider = await startTestProvider([SITE_ORIGIN, HTTPS_SITE]);
  office = await t.token('office');
  officeCookie = await t.session(office);
});
afterAll(async () => {
  await provider?.stop();
  await t?.stop();
});

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

async function send(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
  app: Hono = devApp,
): Promise<Sent> {
  const res = await app.request(url, { method, headers, ...(body === undefined ? {} : { body }) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const VALUES: Record<string, string> = {
  caseId: 'K1',
  code: '0000000001',
  action: 'accept',
  id: 'x1',
  scope: 'department',
  period: '2026-10',
  version: '1',
};
/** Every state-changing page route (the dev pages and staff sign-in have none). */
function postRoutes(): RouteRef[] {
  return pageRoutes().filter((r) => r.method !== 'GET');
}
const urlOf = (r: RouteRef) => fillPath(r.path, VALUES);
const isHtml = (s: Sent) => /^text\/html/.test(s.headers.get('content-type') ?? '');

describe('form posts come from the site itself', () => {
  it('covers every class of form post: staff consoles, public forms, preferences and sign-out', () => {
    const paths = postRoutes().map((r) => r.path);
    for (const p of [
      '/prefs/elder',
      '/rate/:caseId',
      '/rate/:caseId/feedback',
      '/critiques/new',
      '/critiques/:code/confirm',
      '/staff/orders',
      '/staff/rankings/drafts',
      '/staff/open311-keys',
      '/staff/sign-out',
    ])
      expect(paths).toContain(p);
  });

  it('refuses a foreign, null or missing Origin on every route with a 403 page, storing nothing', async () => {
    const before = await snapshot(t);
    const origins: Record<string, Record<string, string>> = {
      foreign: { origin: 'https://evil.example' },
      null: { origin: 'null' },
      missing: {},
      'foreign, cross-site fetch': { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      'another port of the site host': { origin: 'http://localhost:4000' },
      'a sibling subdomain': { 'sec-fetch-site': 'same-site' },
    };
    const problems: string[] = [];
    for (const route of postRoutes()) {
      for (const [name, headers] of Object.entries(origins)) {
        for (const content of [FORM, { 'content-type': 'multipart/form-data; boundary=x' }, {}]) {
          const res = await send(
            'POST',
            urlOf(route),
            { ...content, ...headers, cookie: officeCookie },
            'user=office-li&back=/x&category=complaint&text=hello',
          );
          const where = `${route.key} ${name} ${JSON.stringify(content)}`;
          if (res.status !== 403) problems.push(`${where}: ${res.status}`);
          else if (!isHtml(res)) problems.push(`${where}: not a page`);
          else if (!res.text.includes('role="alert"')) problems.push(`${where}: not the refusal page`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(changes(before, await snapshot(t))).toEqual([]);
    // The session survived the refused sign-out posts.
    expect((await send('GET', '/staff', { cookie: officeCookie })).status).toBe(200);
  });

  it('accepts the site origin, its loopback aliases and a browser’s same-origin fetch', async () => {
    const accepted: Record<string, string>[] = [
      { origin: SITE_ORIGIN },
      { origin: 'http://127.0.0.1:3000' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of accepted) {
      const res = await send('POST', '/prefs/elder', { ...FORM, ...headers }, 'back=/services');
      expect(res.status, JSON.stringify(headers)).toBe(303);
      expect(res.headers.get('location')).toBe('/services');
    }
  });

  it('leaves the JSON API and Open311 to their own checks', async () => {
    const res = await send(
      'POST',
      '/api/v1/nowhere',
      { ...FORM, origin: 'https://evil.example' },
      'a=1',
      t.app,
    );
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'not_found' } });
    const api = await send(
      'POST',
      '/api/v1/critiques',
      { 'content-type': 'application/json', origin: 'https://app.example' },
      JSON.stringify({ category: 'suggestion', text: '第三方应用提交的建议' }),
      t.app,
    );
    expect(api.status).toBe(201);
  });
});

describe('staff sessions are server-side', () => {
  /** Sign in through the local OpenID provider; the callback's session `Set-Cookie`. */
  const signIn = async (user: string, base = '', cookie?: string) => {
    const walked = await walkSignIn({
      site: async (url, init) => devApp.request(url, init),
      issuer: provider.issuer,
      user,
      base,
      ...(cookie ? { siteCookie: cookie } : {}),
    });
    expect(walked.callback.status).toBe(303);
    return walked.setCookie;
  };

  it('a random id in the cookie; a copied cookie stops working at sign-out', async () => {
    const setCookie = await signIn('office-li');
    expect(setCookie).toMatch(/^wp_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    // Plain http://localhost: browsers would drop a Secure cookie.
    expect(setCookie).not.toMatch(/Secure/i);
    expect(setCookie).not.toMatch(/eyJ/); // no JWT in the cookie
    const cookie = setCookie.split(';')[0]!;
    const copy = cookie;
    const console = await send('GET', '/staff', { cookie });
    expect(console.status).toBe(200);
    expect(console.text).toContain('office-li');
    expect(console.text).toContain('action="/staff/sign-out"');

    const out = await send('POST', '/staff/sign-out', { ...FORM, origin: SITE_ORIGIN, cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^wp_session=;.*Max-Age=0/);
    expect((await send('GET', '/staff', { cookie: copy })).status).toBe(401);
    expect((await send('GET', '/staff/critiques', { cookie: copy })).status).toBe(401);
  });

  it('signing in again ends the session the browser held', async () => {
    const first = (await signIn('office-li')).split(';')[0]!;
    const second = (await signIn('office-li', '', first)).split(';')[0]!;
    expect(second).toMatch(/^wp_session=[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect((await send('GET', '/staff', { cookie: first })).status).toBe(401);
    expect((await send('GET', '/staff', { cookie: second })).status).toBe(200);
  });

  it('an inspector’s sign-out ends the session as well', async () => {
    const cookie = (await signIn('inspector-wang')).split(';')[0]!;
    expect((await send('GET', '/staff/warnings', { cookie })).status).toBe(200);
    const out = await send('POST', '/staff/sign-out', { ...FORM, origin: SITE_ORIGIN, cookie });
    expect(out.status).toBe(303);
    expect((await send('GET', '/staff/warnings', { cookie })).status).toBe(401);
  });

  it('a staff JWT in a cookie, an unknown id or an expired session signs nobody in', async () => {
    for (const cookie of [
      `wp_token=${office}`,
      `wp_session=${office}`,
      `wp_session=${'A'.repeat(43)}`,
      'wp_session=',
    ])
      expect((await send('GET', '/staff', { cookie })).status, cookie).toBe(401);
    const cookie = (await signIn('market-zhang')).split(';')[0]!;
    expect((await send('GET', '/staff/reviews', { cookie })).status).toBe(200);
    t.clock.set('2026-11-20T18:01:00+08:00'); // more than 8 hours later
    try {
      expect((await send('GET', '/staff/reviews', { cookie })).status).toBe(401);
    } finally {
      t.clock.set('2026-11-20T10:00:00+08:00');
    }
  });

  it('over HTTPS: __Host-wp_session, Secure, HttpOnly, SameSite=Lax, Path=/; preference cookies Secure', async () => {
    const site = HTTPS_SITE;
    const saved = process.env.WOODPECKER_PUBLIC_URL;
    process.env.WOODPECKER_PUBLIC_URL = site;
    try {
      const setCookie = await signIn('office-li', site);
      expect(setCookie).toMatch(/^__Host-wp_session=[A-Za-z0-9_-]{43};/);
      for (const attribute of [/; Secure/i, /; HttpOnly/i, /; SameSite=Lax/i, /; Path=\/(;|$)/])
        expect(setCookie).toMatch(attribute);
      expect(setCookie).not.toMatch(/Domain=/i);
      const id = setCookie.split(';')[0]!.split('=')[1]!;
      expect((await send('GET', `${site}/staff`, { cookie: `__Host-wp_session=${id}` })).status).toBe(200);
      // The plain name is not read over HTTPS (a subdomain or plain-HTTP page could have set it).
      expect((await send('GET', `${site}/staff`, { cookie: `wp_session=${id}` })).status).toBe(401);

      const lang = await send('GET', `${site}/prefs/lang?to=en&back=/services`);
      expect(lang.status).toBe(303);
      expect(lang.headers.get('location')).toBe('/services');
      expect(lang.headers.get('set-cookie')).toMatch(/^wp_lang=en;.*Secure/i);
      // A public page sets no cookie, so the edge may keep it.
      expect((await send('GET', `${site}/?lang=en`)).headers.get('set-cookie')).toBeNull();
      const elder = await send('POST', `${site}/prefs/elder`, { ...FORM, origin: site }, 'back=/');
      expect(elder.status).toBe(303);
      expect(elder.headers.get('set-cookie')).toMatch(/^wp_elder=1;.*Secure/i);
      expect(elder.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
      // The site origin is the allow-list: the loopback names are not accepted for it.
      expect(
        (await send('POST', `${site}/prefs/elder`, { ...FORM, origin: SITE_ORIGIN }, 'back=/')).status,
      ).toBe(403);

      const out = await send('POST', `${site}/staff/sign-out`, {
        ...FORM,
        origin: site,
        cookie: `__Host-wp_session=${id}`,
      });
      expect(out.headers.get('set-cookie')).toMatch(/^__Host-wp_session=;.*Secure/i);
      expect((await send('GET', `${site}/staff`, { cookie: `__Host-wp_session=${id}` })).status).toBe(401);
    } finally {
      process.env.WOODPECKER_PUBLIC_URL = saved;
    }
  });
});

describe('form bodies that cannot be read', () => {
  it('a multipart body with an empty boundary is a 400 page on every form route, never a 5xx', async () => {
    const problems: string[] = [];
    for (const route of postRoutes()) {
      for (const type of ['multipart/form-data; boundary=', 'multipart/form-data']) {
        const res = await send(
          'POST',
          urlOf(route),
          { 'content-type': type, origin: SITE_ORIGIN, cookie: officeCookie },
          '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
        );
        if (res.status !== 400 || !isHtml(res)) problems.push(`${route.key} (${type}): ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
    // The session is still there: the refused sign-out posts did not end it.
    expect((await send('GET', '/staff', { cookie: officeCookie })).status).toBe(200);
  });
});

describe('the elderly-mode switch sends the browser back on this site only', () => {
  it('keeps relative paths and refuses every way out', async () => {
    const back = async (value: string) => {
      const res = await send(
        'POST',
        '/prefs/elder',
        { ...FORM, origin: SITE_ORIGIN },
        new URLSearchParams({ back: value }).toString(),
      );
      expect(res.status).toBe(303);
      return res.headers.get('location') ?? '';
    };
    for (const ok of ['/services?q=a%2Fb&sort=name', '/critiques/board?status=open#list', '/'])
      expect(await back(ok)).toBe(ok);
    for (const evil of [
      '/\\evil.example',
      '//evil.example',
      '/%5Cevil.example',
      '/%5cevil.example',
      '/%2F%2Fevil.example',
      '/%2fevil.example',
      '///evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/%09/evil.example',
      'https://evil.example/',
      'http:evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      ' //evil.example',
      '',
    ]) {
      const location = await back(evil);
      const where = new URL(location, SITE_ORIGIN);
      expect(where.origin, JSON.stringify(evil)).toBe(SITE_ORIGIN);
      expect(location.startsWith('/') && !/^\/[/\\]/.test(location), JSON.stringify(evil)).toBe(true);
      expect(location, JSON.stringify(evil)).not.toMatch(/[\\\s]|%5c|%2f%2f/i);
    }
  });
});

describe('no cache keeps what staff see', () => {
  it('staff console routes, and every page shown to signed-in staff, are no-store; public pages for the public are not', async () => {
    const staffGets = pageRoutes().filter((r) => r.method === 'GET' && r.path.startsWith('/staff'));
    expect(staffGets.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of staffGets) {
      for (const cookie of [officeCookie, undefined]) {
        const res = await send('GET', urlOf(route), cookie ? { cookie } : {});
        if (res.headers.get('cache-control') !== 'no-store')
          problems.push(`${route.key} ${cookie ? 'as office' : 'anonymous'}: ${res.status}`);
      }
    }
    for (const url of ['/', '/services', '/services/FOOD', '/critiques', '/rankings', '/no/such/page']) {
      const res = await send('GET', url, { cookie: officeCookie });
      if (res.headers.get('cache-control') !== 'no-store') problems.push(`${url} as office`);
      const anonymous = await send('GET', url);
      if (anonymous.headers.get('cache-control') === 'no-store')
        problems.push(`${url} anonymous is no-store`);
    }
    // A refused post shown to staff too.
    const refused = await send('POST', '/staff/orders', { ...FORM, cookie: officeCookie });
    expect(refused.status).toBe(403);
    if (refused.headers.get('cache-control') !== 'no-store') problems.push('refused post');
    expect(problems).toEqual([]);
  });
});

describe('the site icon', () => {
  it('is served, linked from every page, and published with the static site', async () => {
    for (const url of ['/favicon.svg', '/favicon.ico']) {
      const res = await send('GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(res.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(res.text).not.toMatch(/<script|on\w+=/i);
    }
    for (const url of ['/', '/staff', '/no/such/page', '/critiques/new'])
      expect((await send('GET', url)).text, url).toContain(
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>',
      );
  });
});
