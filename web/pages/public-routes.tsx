/**
 * The public pages of the catalogue and the city's figures: the home page, the privacy
 * notice, the services (a list to search and sort, and each service's curves and
 * satisfaction) and the departments (a list, and each one's curves, services and
 * satisfaction). Rendered by the pages function and kept at the edge (web/cache-rules.ts).
 */
import type { Context, Hono } from 'hono';
import { isId } from '../../functions/domain/schemas.js';
import { platform } from '../../functions/platform.js';
import {
  allDepartments,
  allServices,
  departmentById,
  departmentDirectory,
  serviceByCode,
} from '../../functions/usecases/catalogue/directory.js';
import { serviceCurves, unitCurves } from '../../functions/usecases/curves.js';
import { cityOverview } from '../../functions/usecases/overview.js';
import { lastTwoYears } from '../chart-window.js';
import { Layout } from '../components/Layout.js';
import { t } from '../i18n.js';
import { html, pageContext } from '../render.js';
import { DepartmentPage } from './DepartmentPage.js';
import { HomePage } from './HomePage.js';
import { NotFoundPage } from './NotFoundPage.js';
import { PrivacyPage } from './PrivacyPage.js';
import { departmentSatisfactionPanel, serviceSatisfactionPanel } from './rating/panels.js';
import { ServicePage } from './ServicePage.js';
import { ServicesPage } from './ServicesPage.js';

async function notFound(c: Context) {
  return html(c, <NotFoundPage ctx={await pageContext(c)} />, 404);
}

export function registerPublicPages(app: Hono): void {
  app.get('/', async (c) => {
    const p = platform();
    const { from, to } = lastTwoYears(p.clock.now());
    const [overview, ctx] = await Promise.all([cityOverview(p, from, to), pageContext(c)]);
    return html(c, <HomePage ctx={ctx} overview={overview} />);
  });

  app.get('/privacy', async (c) => html(c, <PrivacyPage ctx={await pageContext(c)} />));

  app.get('/services', async (c) => {
    const p = platform();
    const [services, { names }] = await Promise.all([allServices(p), departmentDirectory(p)]);
    return html(
      c,
      <ServicesPage
        ctx={await pageContext(c)}
        services={services}
        departments={names}
        q={(c.req.query('q') ?? '').slice(0, 100)}
        sort={c.req.query('sort') === 'name' ? 'name' : 'speedup'}
      />,
    );
  });

  app.get('/services/:code', async (c) => {
    const code = c.req.param('code');
    if (!isId(code)) return notFound(c);
    const p = platform();
    const found = await serviceByCode(p, code);
    if (!found) return notFound(c);
    const { from, to } = lastTwoYears(p.clock.now());
    // Every read at once: the page waits for the slowest, not for their sum.
    const [curves, department, satisfaction, ctx] = await Promise.all([
      serviceCurves(p, code, from, to),
      departmentById(p, found.service.departmentId),
      serviceSatisfactionPanel(c, code),
      pageContext(c),
    ]);
    const departmentName = department?.name ?? found.service.departmentId;
    return html(
      c,
      <ServicePage ctx={ctx} curves={curves} departmentName={departmentName} extra={satisfaction} />,
    );
  });

  app.get('/departments', async (c) => {
    const ctx = await pageContext(c);
    const departments = await allDepartments(platform());
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

  app.get('/departments/:id', async (c) => {
    const id = c.req.param('id');
    if (!isId(id)) return notFound(c);
    const p = platform();
    const department = await departmentById(p, id);
    if (!department) return notFound(c);
    const { from, to } = lastTwoYears(p.clock.now());
    const [curves, services, satisfaction, ctx] = await Promise.all([
      unitCurves(p, 'dept', id, from, to),
      allServices(p, id),
      departmentSatisfactionPanel(c, id),
      pageContext(c),
    ]);
    return html(
      c,
      <DepartmentPage
        ctx={ctx}
        department={department}
        services={services}
        series={curves.series}
        summary={curves.summary}
        from={from}
        to={to}
        extra={satisfaction}
      />,
    );
  });
}
