/**
 * The public site's routes: pages rendered from the same use cases the API calls.
 * Locally they are served live; the site publisher renders the same routes to static
 * files with Hono's SSG. Feature pages add themselves through `sitePages`.
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { disableSSG, ssgParams } from 'hono/ssg';
import { errorBody } from '../functions/api/errors.js';
import { beijingDate } from '../functions/domain/calendar/index.js';
import { addMonths } from '../functions/domain/months.js';
import { ID_PATTERN } from '../functions/domain/schemas.js';
import { platform } from '../functions/platform.js';
import { serviceCurves, unitCurves } from '../functions/usecases/curves.js';
import { cityOverview } from '../functions/usecases/overview.js';
import { registerApiDocsPages } from './api-docs.js';
import { buildClientBundle, buildClientBundleGzip, CLIENT_ENTRIES, type ClientEntry } from './assets.js';
import { calendarBanners } from './calendar-banners.js';
import { Layout } from './components/Layout.js';
import { FAVICON_SVG } from './favicon.js';
import { t } from './i18n.js';
import { formOf, guardPages, sameSitePath } from './page-guard.js';
import { registerCritiquePages } from './pages/critiques/routes.js';
import { DepartmentPage } from './pages/DepartmentPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PrivacyPage } from './pages/PrivacyPage.js';
import { registerRankingPages } from './pages/rankings/routes.js';
import { departmentSatisfactionPanel, serviceSatisfactionPanel } from './pages/rating/panels.js';
import { registerRatingPages } from './pages/rating/routes.js';
import { ServicePage } from './pages/ServicePage.js';
import { ServicesPage } from './pages/ServicesPage.js';
import { StaffLandingPage } from './pages/StaffLandingPage.js';
import { registerSupervisionPages } from './pages/supervision/routes.js';
import { html, pageContext, staffOf } from './render.js';
import { cookieOptions, endSession } from './session.js';
import { consolesFor } from './staff-nav.js';

const ID = ID_PATTERN;

function lastTwoYears(now: Date) {
  const to = beijingDate(now).slice(0, 7);
  return { from: addMonths(to, -23), to };
}

async function notFound(c: Context, message?: string) {
  return html(c, <NotFoundPage ctx={await pageContext(c)} message={message} />, 404);
}

/** Every service page, for the static publisher. */
async function serviceParams() {
  const page = await platform().catalogue.listServices({ limit: 1000 });
  return page.items.map((s) => ({ code: s.code }));
}

async function departmentParams() {
  return (await platform().catalogue.listDepartments()).map((d) => ({ id: d.id }));
}

/** Extra page routes registered by feature modules (ratings, critiques, rankings...). */
export const sitePages: ((app: Hono) => void)[] = [];
sitePages.push(registerRatingPages);
sitePages.push(registerCritiquePages);
sitePages.push(registerRankingPages);
sitePages.push(registerSupervisionPages);
sitePages.push(registerApiDocsPages);

export function mountSite(app: Hono): void {
  // First, so that it runs before every page route (web/page-guard.tsx).
  guardPages(app);

  app.get(
    '/assets/:file',
    ssgParams(() => CLIENT_ENTRIES.map((e) => ({ file: `${e}.js` }))),
    async (c) => {
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
    },
  );

  // The icon every page links to (published as a file too); /favicon.ico for whoever asks by the old name.
  const favicon = (c: Context) =>
    c.body(FAVICON_SVG, 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
  app.get('/favicon.svg', favicon);
  app.get('/favicon.ico', disableSSG(), favicon);

  app.post('/prefs/elder', async (c) => {
    const on = getCookie(c, 'wp_elder') !== '1';
    setCookie(c, 'wp_elder', on ? '1' : '0', cookieOptions(c, { maxAge: 365 * 24 * 3600 }));
    return c.redirect(sameSitePath((await formOf(c)).back), 303);
  });

  // Sign-out, whichever provider signed the staff member in: the session is deleted.
  app.post('/staff/sign-out', async (c) => {
    await endSession(c);
    return c.redirect('/', 303);
  });

  app.get('/', async (c) => {
    const p = platform();
    const { from, to } = lastTwoYears(p.clock.now());
    const [overview, ctx] = await Promise.all([cityOverview(p, from, to), pageContext(c)]);
    return html(c, <HomePage ctx={ctx} overview={overview} />);
  });

  app.get('/privacy', async (c) => html(c, <PrivacyPage ctx={await pageContext(c)} />));

  app.get('/services', async (c) => {
    const p = platform();
    const [page, departments] = await Promise.all([
      p.catalogue.listServices({ limit: 1000 }),
      p.catalogue.listDepartments(),
    ]);
    const sort = c.req.query('sort') === 'name' ? 'name' : 'speedup';
    return html(
      c,
      <ServicesPage
        ctx={await pageContext(c)}
        services={page.items}
        departments={new Map(departments.map((d) => [d.id, d.name]))}
        q={(c.req.query('q') ?? '').slice(0, 100)}
        sort={sort}
      />,
    );
  });

  app.get('/services/:code', ssgParams(serviceParams), async (c) => {
    const code = c.req.param('code');
    if (!ID.test(code)) return notFound(c);
    const p = platform();
    const found = await p.catalogue.getService(code);
    if (!found) return notFound(c);
    const { from, to } = lastTwoYears(p.clock.now());
    // Every read at once: the page waits for the slowest, not for their sum.
    const [curves, department, satisfaction, ctx] = await Promise.all([
      serviceCurves(p, code, from, to),
      p.catalogue.getDepartment(found.service.departmentId),
      serviceSatisfactionPanel(c, code),
      pageContext(c),
    ]);
    return html(
      c,
      <ServicePage
        ctx={ctx}
        curves={curves}
        departmentName={department?.name ?? found.service.departmentId}
        extra={satisfaction}
      />,
    );
  });

  app.get('/departments', async (c) => {
    const ctx = await pageContext(c);
    const departments = await platform().catalogue.listDepartments();
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'navDepartments')}>
        <h1>{t(ctx.lang, 'navDepartments')}</h1>
        <p>{t(ctx.lang, 'departmentsIntro')}</p>
        <ul>
          {departments.map((d) => (
            <li>
              <a href={`/departments/${encodeURIComponent(d.id)}`}>{d.name}</a>
              {d.district ? <span class="muted"> · {d.district}</span> : null}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get('/departments/:id', ssgParams(departmentParams), async (c) => {
    const id = c.req.param('id');
    if (!ID.test(id)) return notFound(c);
    const p = platform();
    const department = await p.catalogue.getDepartment(id);
    if (!department) return notFound(c);
    const { from, to } = lastTwoYears(p.clock.now());
    const [curves, services, satisfaction, ctx] = await Promise.all([
      unitCurves(p, 'dept', id, from, to),
      p.catalogue.listServices({ limit: 1000, departmentId: id }),
      departmentSatisfactionPanel(c, id),
      pageContext(c),
    ]);
    return html(
      c,
      <DepartmentPage
        ctx={ctx}
        department={department}
        services={services.items}
        series={curves.series}
        summary={curves.summary}
        from={from}
        to={to}
        extra={satisfaction}
      />,
    );
  });

  app.get('/staff', disableSSG(), async (c) => {
    const p = platform();
    const staff = await staffOf(c);
    const ctx = await pageContext(c);
    if (staff)
      ctx.banners = calendarBanners(ctx.lang, (await p.calendar.calendar()).loadedYears(), p.clock.now());
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
