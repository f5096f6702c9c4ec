/**
 * What every page route gets without asking for it, installed once on the app the pages
 * are mounted on (by `mountSite`, and by the local dev pages when they come first), so
 * no route can forget it:
 * - form posts only from the site itself: Hono's `csrf` middleware with the site's own
 *   origin (WOODPECKER_PUBLIC_URL) as the allow-list, or a browser's
 *   `Sec-Fetch-Site: same-origin`; a foreign, `null` or missing origin gets a 403 page;
 * - the form read once, for every route, through `formOf`: a body that cannot be parsed
 *   (a multipart body without a boundary, say) is a 400 page, never a 5xx;
 * - `Cache-Control: no-store` on every staff console route and on every page rendered
 *   for a signed-in staff member, so no shared or browser cache keeps them.
 * The JSON API and Open311 are left alone: they authenticate with bearer tokens and API
 * keys, not cookies, and answer in their own error formats.
 */
import type { Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
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

/** No cache may keep a staff console answer, nor any page shown to signed-in staff. */
async function keepOutOfCaches(c: Context, res: Response): Promise<Response> {
  const isHtml = /^text\/html/i.test(res.headers.get('content-type') ?? '');
  if (STAFF_ROUTES.test(c.req.path) || (isHtml && (await sessionPrincipal(c))))
    res.headers.set('cache-control', 'no-store');
  return res;
}

/** Install the guard on `app` (once; later calls do nothing). */
export function guardPages(app: Hono): void {
  if (guarded.has(app)) return;
  guarded.add(app);
  app.use('*', async (c, next) => {
    if (NOT_PAGES.test(c.req.path)) return next();
    const refused = await refusalOf(c);
    if (refused) return keepOutOfCaches(c, refused);
    await next();
    await keepOutOfCaches(c, c.res);
  });
}
