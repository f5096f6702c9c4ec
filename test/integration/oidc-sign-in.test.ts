/**
 * Staff sign-in over OpenID Connect against the real local provider (oidc-provider on
 * 127.0.0.1), the site in process: the code flow with PKCE, state and nonce walked with
 * fetch and cookies as a browser would; the session it starts; what a wrong state or a
 * tampered code gets; sign-out here and at the provider; refresh before expiry and a
 * refused refresh; and the page staff see while the provider is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SITE_CLIENT_ID } from '../../infra/local/oidc-provider.js';
import { resetDiscovery } from '../../web/oidc/relying-party.js';
import {
  CookieJar,
  followProvider,
  type SiteFetch,
  startTestProvider,
  walkSignIn,
} from '../support/oidc-sign-in.js';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
let provider: Awaited<ReturnType<typeof startTestProvider>>;
const START = '2026-11-20T10:00:00+08:00';

beforeAll(async () => {
  t = await startTestPlatform({ now: START });
  await seedCatalogue(t);
  provider = await startTestProvider([SITE_ORIGIN]);
});
afterAll(async () => {
  await provider?.stop();
  await t?.stop();
});

const site: SiteFetch = async (url, init) => t.app.request(url, init);
const get = (url: string, cookie?: string) => t.app.request(url, { headers: cookie ? { cookie } : {} });
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: SITE_ORIGIN };
const sessionIdOf = (cookie: string) => cookie.split('=')[1] ?? '';
/** `expires_in` counts down in real seconds at the provider: equal within a few seconds. */
const expectAbout = (ms: number, expected: number) => {
  expect(ms).toBeLessThanOrEqual(expected);
  expect(ms).toBeGreaterThan(expected - 10_000);
};
const signIn = (user: string, more: Partial<Parameters<typeof walkSignIn>[0]> = {}) =>
  walkSignIn({ site, issuer: provider.issuer, user, ...more });

describe('signing in through the provider', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce, keeping them in a signed HttpOnly cookie', async () => {
    const res = await get('/staff/sign-in?next=/staff/reviews');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') ?? '');
    expect(to.origin).toBe(provider.issuer);
    const q = to.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(LOCAL_SITE_CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(`${SITE_ORIGIN}/staff/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('scope')?.split(' ')).toContain('openid');
    expect(q.get('ui_locales')).toMatch(/^zh/);
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^wp_oidc=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43};/);
    for (const attribute of [/HttpOnly/i, /SameSite=Lax/i, /Max-Age=600/, /Path=\//])
      expect(cookie).toMatch(attribute);
    // The verifier never leaves the site; the challenge is its hash.
    const payload = JSON.parse(Buffer.from(cookie.split('=')[1]!.split('.')[0]!, 'base64url').toString());
    expect(payload.value.verifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(to.href).not.toContain(payload.value.verifier);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a department user signs in, gets a session with the groups claim, and reaches their console', async () => {
    const walked = await signIn('market-zhang', { next: '/staff/reviews' });
    expect(walked.callback.status).toBe(303);
    expect(walked.callback.headers.get('location')).toBe('/staff/reviews');
    expect(walked.setCookie).toMatch(/^wp_session=[A-Za-z0-9_-]{43};/);
    for (const attribute of [/HttpOnly/i, /SameSite=Lax/i, /Path=\//])
      expect(walked.setCookie).toMatch(attribute);
    expect(walked.setCookie).not.toMatch(/eyJ/); // no token in the cookie
    // The transaction cookie is used once.
    expect(walked.callback.headers.getSetCookie().join('\n')).toMatch(/^wp_oidc=;.*Max-Age=0/m);

    const page = await get('/staff/reviews', walked.cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('market-zhang');
    expect((await get('/staff/appeals', walked.cookie)).status).toBe(403); // the office's

    const session = await t.platform.sessions.readSession(sessionIdOf(walked.cookie), t.clock.now());
    expect(session).toMatchObject({
      subject: 'market-zhang',
      groups: ['dept:market'],
      provider: provider.issuer,
    });
    expect(session?.tokens?.idToken).toMatch(/^eyJ/);
    expect(session?.tokens?.refreshToken).toBeTruthy();
    // An hour's access token, dated by the platform's clock.
    expectAbout(Date.parse(session?.tokens?.accessExpiresAt ?? ''), Date.parse(START) + 3600_000);
  });

  it('the office and an inspector land on their consoles', async () => {
    for (const [user, page] of [
      ['office-li', '/staff/critiques'],
      ['inspector-wang', '/staff/warnings'],
    ] as const) {
      const walked = await signIn(user);
      expect(walked.callback.headers.get('location')).toBe('/staff');
      const landing = await get('/staff', walked.cookie);
      expect(landing.status, user).toBe(200);
      expect(await landing.text()).toContain(`href="${page}"`);
      expect((await get(page, walked.cookie)).status, page).toBe(200);
    }
  });

  it('keeps `next` on this site', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/staff/callback', '/\\evil.example']) {
      const walked = await signIn('office-li', { next });
      expect(walked.callback.headers.get('location'), next).toBe('/staff');
    }
  });

  it('a second sign-in at a provider still signed in needs no login page (single sign-on)', async () => {
    const jar = new CookieJar();
    await signIn('office-li', { jar });
    const start = await get('/staff/sign-in');
    const step = await followProvider(jar, provider.issuer, start.headers.get('location') ?? '');
    expect('leftTo' in step && new URL(step.leftTo).pathname).toBe('/staff/callback');
  });
});

describe('callbacks that are refused', () => {
  it('a wrong state is a 400 page and starts no session', async () => {
    const walked = await signIn('office-li', {
      beforeCallback: (url) => url.searchParams.set('state', 'forged-state-value-0123456789'),
    });
    expect(walked.callback.status).toBe(400);
    expect(walked.callback.headers.get('content-type')).toMatch(/^text\/html/);
    expect(walked.text).toContain('role="alert"');
    expect(walked.text).toContain('href="/staff/sign-in?next=%2Fstaff"');
    expect(walked.cookie).toBe('');
  });

  it('a callback without the transaction cookie (another browser, an expired sign-in) is a 400 page', async () => {
    const walked = await signIn('office-li');
    const replay = await get(walked.callbackUrl.replace(SITE_ORIGIN, ''));
    expect(replay.status).toBe(400);
    expect(replay.headers.getSetCookie().some((c) => /^wp_session=./.test(c))).toBe(false);
    // Nor an expired transaction: ten minutes later the cookie is worth nothing.
    const start = await get('/staff/sign-in');
    const transaction = start.headers.getSetCookie()[0]!.split(';')[0]!;
    t.clock.set(new Date(Date.parse(START) + 11 * 60_000));
    try {
      const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const late = await get(`/staff/callback?code=x&state=${state}`, transaction);
      expect(late.status).toBe(400);
    } finally {
      t.clock.set(START);
    }
  });

  it('a tampered code is refused by the provider: a 400 page and no session', async () => {
    const walked = await signIn('office-li', {
      beforeCallback: (url) => url.searchParams.set('code', `${url.searchParams.get('code')}x`),
    });
    expect(walked.callback.status).toBe(400);
    expect(walked.text).toContain('role="alert"');
    expect(walked.cookie).toBe('');
  });

  it('a forged transaction cookie is refused', async () => {
    const start = await get('/staff/sign-in');
    const [name, value = ''] = start.headers.getSetCookie()[0]!.split(';')[0]!.split('=');
    const [payload = '', mac = ''] = value.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.value.next = '/staff/orders';
    const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
    const state = claims.value.state;
    const res = await get(`/staff/callback?code=x&state=${state}`, `${name}=${forged}`);
    expect(res.status).toBe(400);
  });
});

describe('signing out', () => {
  it('ends the session here and, through the provider’s end-session endpoint, there', async () => {
    const jar = new CookieJar();
    const walked = await signIn('office-li', { jar });
    const out = await t.app.request('/staff/sign-out', {
      method: 'POST',
      headers: { ...FORM, cookie: walked.cookie },
      body: '',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/signed-out');
    const cookies = out.headers.getSetCookie();
    expect(cookies[0]).toMatch(/^wp_session=;.*Max-Age=0/);
    expect((await get('/staff', walked.cookie)).status).toBe(401);

    const signout = cookies.find((c) => c.startsWith('wp_signout='))!.split(';')[0]!;
    const page = await get('/staff/signed-out', signout);
    expect(page.status).toBe(200);
    const refresh = page.headers.get('refresh') ?? '';
    const logout = new URL(refresh.replace(/^0; url=/, ''));
    expect(logout.origin).toBe(provider.issuer);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${SITE_ORIGIN}/`);
    expect(logout.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(await page.text()).toContain(`href="${logout.href.replaceAll('&', '&amp;')}"`);
    // The page is shown once: its cookie went with it.
    expect((await get('/staff/signed-out')).status).toBe(303);

    // At the provider: its confirmation, then back to the site.
    const confirm = await followProvider(jar, provider.issuer, logout.href);
    if (!('page' in confirm)) throw new Error('no confirmation page');
    const html = await confirm.page.text();
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const back = await followProvider(jar, provider.issuer, new URL(action, provider.issuer).href, {
      method: 'POST',
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    expect(back).toEqual({ leftTo: `${SITE_ORIGIN}/` });
    // The provider session is gone: signing in again asks who you are.
    const again = await get('/staff/sign-in');
    const step = await followProvider(jar, provider.issuer, again.headers.get('location') ?? '');
    expect('page' in step && (await step.page.text())).toContain('/login"');
  });

  it('a session no provider started signs out here only', async () => {
    const cookie = await t.session(await t.token('office'));
    const out = await t.app.request('/staff/sign-out', {
      method: 'POST',
      headers: { ...FORM, cookie },
      body: '',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect((await get('/staff', cookie)).status).toBe(401);
  });
});

describe('refresh', () => {
  it('refreshes the tokens on the first request near their expiry, and a refused refresh ends the session', async () => {
    const walked = await signIn('inspector-wang');
    const id = sessionIdOf(walked.cookie);
    const before = await t.platform.sessions.readSession(id, t.clock.now());
    try {
      t.clock.set(new Date(Date.parse(START) + 56 * 60_000)); // 4 minutes before expiry
      const page = await get('/staff/warnings', walked.cookie);
      expect(page.status).toBe(200);
      const after = await t.platform.sessions.readSession(id, t.clock.now());
      expectAbout(Date.parse(after?.tokens?.accessExpiresAt ?? ''), t.clock.now().getTime() + 3600_000);
      expect(after?.tokens?.idToken).toMatch(/^eyJ/);
      expect(after?.tokens?.refreshToken).toBe(before?.tokens?.refreshToken);
      expect(after?.groups).toEqual(['inspector']);
      // Not again while the new token is fresh.
      expect((await get('/staff/warnings', walked.cookie)).status).toBe(200);
      expect((await t.platform.sessions.readSession(id, t.clock.now()))?.tokens).toEqual(after?.tokens);

      // The provider refuses the refresh token (revoked, expired): the session ends.
      await t.platform.sessions.updateSession(id, {
        groups: after!.groups,
        tokens: { ...after!.tokens, refreshToken: 'revoked-at-the-provider' },
      });
      t.clock.set(new Date(Date.parse(START) + 116 * 60_000));
      const ended = await get('/staff/warnings', walked.cookie);
      expect(ended.status).toBe(401);
      expect(ended.headers.getSetCookie().join('\n')).toMatch(/^wp_session=;.*Max-Age=0/m);
      expect(await t.platform.sessions.readSession(id, t.clock.now())).toBeUndefined();
    } finally {
      t.clock.set(START);
    }
  });
});

describe('while the provider is down', () => {
  it('the callback, sign-in and refresh: a 503 page in the page’s language with a retry link, signed-in staff kept until their token expires', async () => {
    const staying = await signIn('office-li');
    // The provider goes down between its sign-in page and the callback.
    const walked = await signIn('market-zhang', {
      next: '/staff/reviews',
      beforeCallback: () => provider.goDown(),
    });
    expect(walked.callback.status).toBe(503);
    expect(walked.text).toContain('href="/staff/sign-in?next=%2Fstaff%2Freviews"');
    expect(walked.cookie).toBe('');

    resetDiscovery();
    const zh = await get('/staff/sign-in?next=/staff/reviews');
    expect(zh.status).toBe(503);
    expect(zh.headers.get('retry-after')).toBe('30');
    const zhText = await zh.text();
    expect(zhText).toContain('暂时无法登录');
    expect(zhText).toContain('href="/staff/sign-in?next=%2Fstaff%2Freviews"');
    expect(zhText).toContain('role="alert"');
    const en = await get('/staff/sign-in?lang=en&next=/staff/reviews');
    expect(en.status).toBe(503);
    const enText = await en.text();
    expect(enText).toContain('<html lang="en"');
    expect(enText).toContain('Sign-in is unavailable');
    expect(enText).toContain('Try again');

    try {
      // A refresh the provider cannot answer keeps the session while its token is valid…
      t.clock.set(new Date(Date.parse(START) + 57 * 60_000));
      expect((await get('/staff', staying.cookie)).status).toBe(200);
      // …and ends it once the token has expired.
      t.clock.set(new Date(Date.parse(START) + 61 * 60_000));
      expect((await get('/staff', staying.cookie)).status).toBe(401);
    } finally {
      t.clock.set(START);
    }
  });
});
