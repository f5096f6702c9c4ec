/**
 * The printable supervision report `/staff/reports` (a department, a district or the
 * city over a month or quarter) and its CSV and JSON downloads. Department staff pull
 * their own department's report only.
 */
import type { Context, Hono } from 'hono';
import { csvResponse } from '../../../functions/api/csv.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { reportCsvRows } from '../../../functions/domain/supervision/report.js';
import { platform } from '../../../functions/platform.js';
import { departmentDirectory } from '../../../functions/usecases/catalogue/directory.js';
import { supervisionReport } from '../../../functions/usecases/supervision/reports.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { orRefusalPage } from '../refusal-page.js';
import { type ReportFormValues, ReportPage } from './ReportPage.js';
import { pickableDepartments, pinnedDepartment } from './scope.js';

const READERS = ['inspector', 'office', 'department'] as const;

const reportValues = (c: Context): ReportFormValues => ({
  scope: c.req.query('scope')?.slice(0, 20),
  id: c.req.query('id')?.slice(0, 64) || undefined,
  period: c.req.query('period')?.slice(0, 10),
});

export function registerReportPages(app: Hono): void {
  app.get('/staff/reports', staffOnly(...READERS), async (c) => {
    const { staff, ctx } = c.var;
    const values = reportValues(c);
    const { names } = await departmentDirectory(platform());
    const own = pinnedDepartment(staff);
    const form = { ctx, values, ownDepartment: own, departments: pickableDepartments(staff, names) };
    if (!values.period) return html(c, <ReportPage {...form} />);
    try {
      const report = await supervisionReport(platform(), staff, {
        scope: values.scope ?? 'department',
        id: values.id,
        period: values.period,
      });
      return html(c, <ReportPage {...form} departments={names} report={report} />);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return html(
        c,
        <ReportPage {...form} error={errorText(ctx.lang, err, { detail: true })} />,
        pageStatusOf(err),
      );
    }
  });

  for (const format of ['csv', 'json'] as const) {
    app.get(`/staff/reports.${format}`, staffOnly(...READERS), (c) =>
      orRefusalPage(c, c.var.ctx, async () => {
        const values = reportValues(c);
        const report = await supervisionReport(platform(), c.var.staff, {
          scope: values.scope ?? 'department',
          id: values.id,
          period: values.period ?? '',
        });
        if (format === 'json') return c.json(report);
        const { header, rows } = reportCsvRows(report);
        return csvResponse(c, `report-${report.scope}-${report.id}-${report.period}.csv`, header, rows);
      }),
    );
  }
}
