/**
 * What every page route gets without asking for it, installed once on the app the pages
 * are mounted on (by `mountSite`, and by the local dev pages when they come first), so
 * no route can forget it:
 * - form posts only from the site itself: Hono's `csrf` middleware with the site's own
 *   origin (WOODPECKER_PUBLIC_URL) as the allow-list, or a browser's
 *   `Sec-Fetch-Site: same-origin`; a foreign, `null` or missing origin gets a 403 page;
 * - the form read once, for every route, through `formOf`: a body that cannot be parsed
 *   (a multipart body without a boundary, say) is a 400 page, never a 5xx;
 * - the `Cache-Control` that tells CloudFront and browsers what they may keep
 *   (web/cache-rules.ts): nothing of a staff console, a page rendered for signed-in
 *   staff, a personal page or an error; a public page for a minute at the edge, served
 *   stale while the table is briefly down.
 * The JSON API and Open311 are left alone: they authenticate with bearer tokens and API
 * keys, not cookies, and answer in their own error formats.
 */
import type { Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { etag } from 'hono/etag';
import {
  isPersonalPage,
  MISSING_PAGE_CACHE_CONTROL,
  PERSONAL_CACHE_CONTROL,
  PUBLIC_PAGE_CACHE_CONTROL,
} from './cache-rules.js';
import { Layout } from './components/Layout.js';
import { type MessageKey, t } from './i18n.js';
import { html, pageContext } from './render.js';
import { allowedOrigins, sessionPrincipal } from './session.js';

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
const NOT_PAGES = /^\/(api|open311)(\/|$)/;
const STAFF_ROUTES = /^\/(staff|dev)(\/|$)/;

const guarded = new WeakSet<Hono>();
const forms = new WeakMap<Request, Promise<Record<string, string>>>();

/** A form body that cannot be parsed. */
export class MalformedForm extends Error {}

/**
 * The posted form's text fields (files dropped; the last of repeated names). Read once
 * per request; the guard reads it before any route does, so a route never sees the
 * MalformedForm this rejects with for a body that cannot be parsed.
 */
export function formOf(c: Context): Promise<Record<string, string>> {
  let form = forms.get(c.req.raw);
  if (!form) {
    form = c.req.parseBody().then(
      (body) => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
        return out;
      },
      (err: unknown) => {
        throw new MalformedForm(err instanceof Error ? err.message : 'Malformed form body.');
      },
    );
    forms.set(c.req.raw, form);
  }
  return form;
}

/**
 * A path on this site to send the browser back to, or `fallback`: only a relative path
 * (`/…`, never `//host`, `/\host`, their percent-encoded forms, control characters or an
 * absolute URL), returned as the URL parser normalises it.
 */
export function sameSitePath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return fallback;
  let path: string;
  try {
    path = decodeURIComponent(value.split(/[?#]/)[0] ?? '');
  } catch {
    return fallback;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  const risky = /[\\\u0000-\u001f\u007f]/;
  if (risky.test(value) || risky.test(path) || path.startsWith('//')) return fallback;
  const base = 'https://site.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

async function refusal(c: Context, status: 400 | 403, title: MessageKey, text: MessageKey) {
  const ctx = await pageContext(c);
  return html(
    c,
    <Layout ctx={ctx} title={t(ctx.lang, title)}>
      <h1>{t(ctx.lang, title)}</h1>
      <p role="alert">{t(ctx.lang, text)}</p>
      <p>
        <a href="/">{t(ctx.lang, 'navHome')}</a>
      </p>
    </Layout>,
    status,
  );
}

/** Hono's `csrf` with the site's own origins (read per request, so tests may move the site). */
const sameOrigin = csrf({ origin: (origin) => allowedOrigins().includes(origin) });

/**
 * The 403 page for a state-changing request that does not come from the site itself,
 * or undefined for a safe method or a same-origin post. The one same-origin check: the
 * guard runs it for every page post, and the staff gate (web/staff-gate.tsx) again for
 * its own, so a staff route mounted without the guard is not left open.
 */
export async function crossSiteRefusal(c: Context): Promise<Response | undefined> {
  if (SAFE_METHOD.test(c.req.method)) return undefined;
  try {
    await sameOrigin(c, async () => {});
    return undefined;
  } catch {
    return refusal(c, 403, 'crossSiteTitle', 'crossSiteRefused');
  }
}

/** The 403 or 400 page for a post that must not reach its route, or undefined to go on. */
async function refusalOf(c: Context): Promise<Response | undefined> {
  if (SAFE_METHOD.test(c.req.method)) return undefined;
  const crossSite = await crossSiteRefusal(c);
  if (crossSite) return crossSite;
  try {
    await formOf(c);
  } catch (err) {
    if (!(err instanceof MalformedForm)) throw err;
    return refusal(c, 400, 'badFormTitle', 'badFormText');
  }
  return undefined;
}

/**
 * The `Cache-Control` of every page answer (web/cache-rules.ts): `no-store` for the staff
 * consoles and any page shown to signed-in staff, `private, no-store` for personal pages and
 * errors, and for public pages what the edge may keep (a route's own setting stands for
 * what is not a page, such as scripts and icons).
 */
async function cacheRulesFor(c: Context, res: Response): Promise<Response> {
  // A 304 (web/page-guard's ETag) stands for the page it revalidates.
  const isHtml = res.status === 304 || /^text\/html/i.test(res.headers.get('content-type') ?? '');
  if (STAFF_ROUTES.test(c.req.path) || (isHtml && (await sessionPrincipal(c)))) {
    res.headers.set('cache-control', 'no-store');
  } else if (!SAFE_METHOD.test(c.req.method) || isPersonalPage(c.req.path) || res.headers.has('set-cookie')) {
    res.headers.set('cache-control', PERSONAL_CACHE_CONTROL);
  } else if (isHtml) {
    res.headers.set(
      'cache-control',
      res.status === 200 || res.status === 304
        ? PUBLIC_PAGE_CACHE_CONTROL
        : res.status === 404
          ? MISSING_PAGE_CACHE_CONTROL
          : PERSONAL_CACHE_CONTROL,
    );
  }
  return res;
}

/** A strong ETag from the page's bytes (Hono's `etag`), so an unchanged page is a 304. */
const pageETag = etag();

/** Install the guard on `app` (once; later calls do nothing). */
export function guardPages(app: Hono): void {
  if (guarded.has(app)) return;
  guarded.add(app);
  app.use('*', async (c, next) => {
    if (NOT_PAGES.test(c.req.path)) return next();
    const refused = await refusalOf(c);
    if (refused) return cacheRulesFor(c, refused);
    await next();
    await cacheRulesFor(c, c.res);
  });
  // Inside the rules above: a browser or the edge revalidating a page it holds gets a 304.
  app.use('*', async (c, next) => (NOT_PAGES.test(c.req.path) ? next() : pageETag(c, next)));
}
