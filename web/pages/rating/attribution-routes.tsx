/**
 * The console's figures per window and per staff member (评价到人) `/staff/ratings`:
 * staff only, never on the public pages. A department's staff see their own
 * department; the office and inspectors pick one.
 */
import type { Hono } from 'hono';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { staffAttribution } from '../../../functions/usecases/ratings/console.js';
import { lastTwoYears } from '../../chart-window.js';
import { Layout } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { AttributionPage } from './AttributionPage.js';
import { otherDepartmentPage } from './review-page.js';

export function registerAttributionPage(app: Hono): void {
  app.get('/staff/ratings', staffOnly('department', 'office', 'inspector'), async (c) => {
    const { staff, ctx } = c.var;
    const p = platform();
    let figures: Awaited<ReturnType<typeof staffAttribution>>;
    try {
      figures = await staffAttribution(p, staff, {
        departmentId: c.req.query('departmentId'),
        ...lastTwoYears(p.clock.now()),
      });
    } catch (err) {
      if (isRefusal(err, 'forbidden')) return otherDepartmentPage(c, ctx);
      throw err;
    }
    const { data, departments } = figures;
    if (!data)
      return html(
        c,
        <Layout ctx={ctx} title={t(ctx.lang, 'attributionTitle')}>
          <h1>{t(ctx.lang, 'attributionTitle')}</h1>
          <p>{t(ctx.lang, 'noData')}</p>
        </Layout>,
        404,
      );
    return html(
      c,
      <AttributionPage
        ctx={ctx}
        data={data}
        departments={departments}
        canPickDepartment={departments.length > 1}
      />,
    );
  });
}
