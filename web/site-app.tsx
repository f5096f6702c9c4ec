/**
 * The public site's routes: pages rendered from the same use cases the API calls, by the
 * local server and by the pages function behind CloudFront alike; what the edge may keep
 * of each is in web/cache-rules.ts. Feature pages add themselves through `sitePages`.
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { errorBody } from '../functions/api/errors.js';
import { platform } from '../functions/platform.js';
import { loadedCalendarYears } from '../functions/usecases/calendar/loaded-years.js';
import { registerApiDocsPages } from './api-docs.js';
import { buildClientBundle, buildClientBundleGzip, CLIENT_ENTRIES, type ClientEntry } from './assets.js';
import { calendarBanners } from './calendar-banners.js';
import { FAVICON_SVG } from './favicon.js';
import { signOut } from './oidc/sign-out.js';
import { formOf, guardPages, sameSitePath } from './page-guard.js';
import { registerCritiquePages } from './pages/critiques/routes.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { registerPublicPages } from './pages/public-routes.js';
import { registerRankingPages } from './pages/rankings/routes.js';
import { registerRatingPages } from './pages/rating/routes.js';
import { StaffLandingPage } from './pages/StaffLandingPage.js';
import { registerShortLinkPages } from './pages/short-link-routes.js';
import { registerSupervisionPages } from './pages/supervision/routes.js';
import { html, pageContext, rememberLang, staffOf } from './render.js';
import { cookieOptions } from './session.js';
import { consolesFor } from './staff-nav.js';

async function notFound(c: Context) {
  return html(c, <NotFoundPage ctx={await pageContext(c)} />, 404);
}

/** Extra page routes registered by feature modules (ratings, critiques, rankings...). */
export const sitePages: ((app: Hono) => void)[] = [];
sitePages.push(registerRatingPages);
sitePages.push(registerCritiquePages);
sitePages.push(registerRankingPages);
sitePages.push(registerSupervisionPages);
sitePages.push(registerApiDocsPages);
sitePages.push(registerShortLinkPages);

export function mountSite(app: Hono): void {
  // First, so that it runs before every page route (web/page-guard.tsx).
  guardPages(app);

  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const name = file.replace(/\.js$/, '') as ClientEntry;
    if (!file.endsWith('.js') || !CLIENT_ENTRIES.includes(name)) return notFound(c);
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    c.header('vary', 'accept-encoding');
    // Served compressed to browsers that ask, as the CDN does in the cloud.
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-encoding', 'gzip');
      return c.body(new Uint8Array(await buildClientBundleGzip(name)));
    }
    return c.body(await buildClientBundle(name));
  });

  // The icon every page links to (published as a file too); /favicon.ico for whoever asks by the old name.
  const favicon = (c: Context) =>
    c.body(FAVICON_SVG, 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  app.get('/favicon.svg', favicon);
  app.get('/favicon.ico', favicon);

  // The language switch: a plain link (no script needed) that remembers the choice and
  // goes back to the page it was on, shown in that language.
  app.get('/prefs/lang', (c) => {
    const to = c.req.query('to');
    const back = sameSitePath(c.req.query('back'));
    if (to !== 'zh' && to !== 'en') return c.redirect(back, 303);
    rememberLang(c, to);
    return c.redirect(back, 303);
  });

  app.post('/prefs/elder', async (c) => {
    const on = getCookie(c, 'wp_elder') !== '1';
    setCookie(c, 'wp_elder', on ? '1' : '0', cookieOptions(c, { maxAge: 365 * 24 * 3600 }));
    return c.redirect(sameSitePath((await formOf(c)).back), 303);
  });

  // Sign-out, whichever provider signed the staff member in: the session is deleted, and
  // one the OpenID provider started is ended there too (web/oidc/sign-out.ts).
  app.post('/staff/sign-out', (c) => signOut(c));

  registerPublicPages(app);

  app.get('/staff', async (c) => {
    const p = platform();
    const staff = await staffOf(c);
    const ctx = await pageContext(c);
    if (staff) ctx.banners = calendarBanners(ctx.lang, await loadedCalendarYears(p), p.clock.now());
    return html(
      c,
      <StaffLandingPage ctx={ctx} consoles={staff ? consolesFor(staff, ctx.lang) : undefined} />,
      staff ? 200 : 401,
    );
  });

  for (const register of sitePages) register(app);

  // Anything else: an HTML 404 for pages, the contract's JSON error under the API.
  app.all('*', async (c) => {
    if (/^\/(api|open311)\//.test(c.req.path)) {
      return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
    }
    return notFound(c);
  });
}
