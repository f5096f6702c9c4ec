/**
 * Staff sign-in through the local OpenID provider, walked the way a browser does it
 * (no vitest import, so benchmarks and tools may use it too): the site's
 * `/staff/sign-in` → the provider's authorization endpoint → its sign-in page → the
 * one-click post for a demo user → back to the site's `/staff/callback`, which starts
 * the session. The site is reached through `site` (an in-process `app.request`, or
 * `fetch` to a served test platform), the provider over HTTP with its own cookie jar,
 * which a test may keep to sign in again or out (single sign-on, provider sign-out).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningProvider, startLocalProvider } from '../../infra/local/oidc-provider.js';
import { resetDiscovery } from '../../web/oidc/relying-party.js';

/** How the test reaches the site: a URL (absolute, or a path) and the request's parts. */
export type SiteFetch = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<Response>;

/** The cookies a browser holds for one origin (names only; paths are not told apart). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Take the `Set-Cookie` headers of a response (a deletion removes the cookie). */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone =
        value === '' ||
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The `cookie` request header, or undefined when there is none. */
  header(): string | undefined {
    if (!this.cookies.size) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A request to the provider with its cookies, redirects not followed. */
async function providerRequest(
  jar: CookieJar,
  url: string,
  init: { method?: string; body?: string } = {},
): Promise<Response> {
  const cookie = jar.header();
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  jar.store(res);
  return res;
}

/**
 * Follow the provider's redirects from `url` until one leaves the provider (returned as
 * the URL it points to) or a page is shown (returned as the response, body unread).
 */
export async function followProvider(
  jar: CookieJar,
  issuer: string,
  url: string,
  init: { method?: string; body?: string } = {},
): Promise<{ leftTo: string } | { page: Response; url: string }> {
  let here = url;
  let res = await providerRequest(jar, here, init);
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { page: res, url: here };
    here = new URL(location, here).href;
    if (new URL(here).origin !== new URL(issuer).origin) return { leftTo: here };
    res = await providerRequest(jar, here);
  }
  throw new Error(`too many redirects at the provider, last ${here}`);
}

export interface WalkedSignIn {
  /** The site's answer to the callback. */
  callback: Response;
  /** The callback's body, read. */
  text: string;
  /** `wp_session=…` (or `__Host-wp_session=…`), for a `cookie` header; empty when none was set. */
  cookie: string;
  /** The callback's `Set-Cookie` line of the session cookie (attributes included). */
  setCookie: string;
  /** The callback URL the provider sent the browser to. */
  callbackUrl: string;
}

/**
 * Sign `user` in through the provider. `base` is the site's origin as the test addresses
 * it ('' for a path-only in-process request); `siteCookie` what the browser already holds
 * for the site; `jar` the provider cookies (kept across calls for single sign-on).
 * `beforeCallback` may change the callback URL before the browser arrives (a tampered
 * code or state).
 */
export async function walkSignIn(options: {
  site: SiteFetch;
  issuer: string;
  user: string;
  base?: string;
  next?: string;
  siteCookie?: string;
  jar?: CookieJar;
  beforeCallback?: (callbackUrl: URL) => void | Promise<void>;
}): Promise<WalkedSignIn> {
  const jar = options.jar ?? new CookieJar();
  const base = options.base ?? '';
  const siteJar = new CookieJar();
  const cookieOf = (extra?: string) => [extra, siteJar.header()].filter(Boolean).join('; ');

  const start = await options.site(
    `${base}/staff/sign-in${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`,
    { headers: options.siteCookie ? { cookie: options.siteCookie } : {} },
  );
  if (start.status !== 302) throw new Error(`/staff/sign-in answered ${start.status}: ${await start.text()}`);
  siteJar.store(start);
  const authorization = start.headers.get('location') ?? '';

  let step = await followProvider(jar, options.issuer, authorization);
  if ('page' in step) {
    const html = await step.page.text();
    const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
    if (!action)
      throw new Error(`no sign-in form at the provider (${step.page.status}): ${html.slice(0, 300)}`);
    step = await followProvider(jar, options.issuer, new URL(action, step.url).href, {
      method: 'POST',
      body: new URLSearchParams({ user: options.user }).toString(),
    });
  }
  if (!('leftTo' in step))
    throw new Error(`the provider did not send the browser back (${step.page.status})`);
  const callbackUrl = new URL(step.leftTo);
  await options.beforeCallback?.(callbackUrl);
  const cookie = cookieOf(options.siteCookie);
  const callback = await options.site(
    base ? callbackUrl.href : `${callbackUrl.pathname}${callbackUrl.search}`,
    {
      headers: cookie ? { cookie } : {},
    },
  );
  const setCookie = callback.headers.getSetCookie().find((c) => /^(__Host-)?wp_session=/.test(c)) ?? '';
  const sessionPair = setCookie.split(';')[0] ?? '';
  return {
    callback,
    text: await callback.text(),
    cookie: /=./.test(sessionPair) ? sessionPair : '',
    setCookie,
    callbackUrl: callbackUrl.href,
  };
}

/**
 * A local provider for a test file, its environment set for the site (and restored by
 * `stop`), with the keys in a folder of its own.
 */
export async function startTestProvider(
  siteOrigins: readonly string[],
  options: { port?: number } = {},
): Promise<RunningProvider & { keysDir: string; goDown: () => Promise<void> }> {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'wp-oidc-'));
  const provider = await startLocalProvider({
    keysFile: path.join(keysDir, 'oidc-provider.json'),
    siteOrigins,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  const saved = Object.fromEntries(Object.keys(provider.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, provider.env);
  resetDiscovery();
  return {
    ...provider,
    keysDir,
    /** The provider stops answering; the site stays configured for it (a provider that is down). */
    goDown: () => provider.stop(),
    stop: async () => {
      await provider.stop();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetDiscovery();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}
