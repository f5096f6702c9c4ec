/**
 * The supervision console pages, registered with the site through `sitePages`: the
 * live warnings board, supervision orders (list, issue, respond, close, escalate, with
 * the audit trail) and the printable report with its CSV and JSON downloads. Signed in
 * through the staff session cookie; never rendered to static files.
 */
import type { Context, Hono } from 'hono';
import { disableSSG } from 'hono/ssg';
import { csvResponse } from '../../../functions/api/csv.js';
import type { Principal } from '../../../functions/domain/identity.js';
import { ID_PATTERN } from '../../../functions/domain/schemas.js';
import {
  ORDER_STATUSES,
  type OrderStatus,
  type OrderTargetType,
} from '../../../functions/domain/supervision/order.js';
import { reportCsvRows } from '../../../functions/domain/supervision/report.js';
import { BOARD_LEVELS, type BoardLevel } from '../../../functions/domain/supervision/warnings-board.js';
import { platform } from '../../../functions/platform.js';
import {
  close,
  escalate,
  issue,
  listOrders,
  orderDetail,
  respond,
} from '../../../functions/usecases/supervision/orders.js';
import { supervisionReport } from '../../../functions/usecases/supervision/reports.js';
import { warningsBoard } from '../../../functions/usecases/supervision/warnings.js';
import { warningsCsv } from '../../../functions/usecases/supervision/warnings-csv.js';
import { formOf } from '../../page-guard.js';
import { html } from '../../render.js';
import { staffLinks } from '../../staff-nav.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { type IssueValues, OrderPage, OrdersPage } from './OrderPages.js';
import { type ReportFormValues, ReportPage } from './ReportPage.js';
import { field, type PageError, pageError, type StaffPage, staffPage } from './staff-page.js';
import { type BoardFilterValues, WarningsPage } from './WarningsPage.js';

staffLinks.push(
  { href: '/staff/warnings', label: 'svWarnings', roles: ['inspector', 'office', 'department'] },
  { href: '/staff/orders', label: 'svOrders', roles: ['inspector', 'office', 'department'] },
  { href: '/staff/reports', label: 'svReports', roles: ['inspector', 'office', 'department'] },
);

const READERS = ['inspector', 'office', 'department'] as const;
const ID = ID_PATTERN;

const everyone = (who: Principal) => who.roles.has('inspector') || who.roles.has('office');

async function departmentNames(): Promise<{ names: Map<string, string>; districts: string[] }> {
  const departments = await platform().catalogue.listDepartments();
  return {
    names: new Map(departments.map((d) => [d.id, d.name])),
    districts: [...new Set(departments.map((d) => d.district).filter((d): d is string => !!d))].sort(),
  };
}

function boardFilter(c: Context): BoardFilterValues {
  const q = c.req.query();
  return {
    level: BOARD_LEVELS.includes(q.level as BoardLevel) ? q.level : undefined,
    departmentId: q.departmentId && ID.test(q.departmentId) ? q.departmentId : undefined,
    district: q.district ? q.district.slice(0, 64) : undefined,
    minAgeDays: q.minAgeDays && /^\d{1,4}$/.test(q.minAgeDays) ? q.minAgeDays : undefined,
  };
}

async function board(c: Context, page: StaffPage, limit: number) {
  const f = boardFilter(c);
  const offset = /^\d{1,6}$/.test(c.req.query('offset') ?? '') ? Number(c.req.query('offset')) : 0;
  return {
    filter: f,
    view: await warningsBoard(platform(), page.who, {
      level: f.level as BoardLevel | undefined,
      departmentId: f.departmentId,
      district: f.district,
      minAgeDays: f.minAgeDays === undefined ? undefined : Number(f.minAgeDays),
      limit,
      offset,
    }),
  };
}

async function errorPage(c: Context, page: StaffPage, e: PageError) {
  return html(c, <NotFoundPage ctx={page.ctx} message={e.message} />, e.status);
}

export function registerSupervisionPages(app: Hono): void {
  // --- Warnings board -----------------------------------------------------------------
  app.get('/staff/warnings', disableSSG(), async (c) => {
    const page = await staffPage(c, [...READERS]);
    if (page instanceof Response) return page;
    try {
      const [{ filter, view }, { names, districts }] = await Promise.all([
        board(c, page, 100),
        departmentNames(),
      ]);
      return html(
        c,
        <WarningsPage
          ctx={page.ctx}
          board={view}
          departments={
            everyone(page.who) ? names : new Map([...names].filter(([id]) => page.who.departments.has(id)))
          }
          districts={districts}
          filter={filter}
          canIssue={page.who.roles.has('inspector')}
          ownDepartmentOnly={!everyone(page.who)}
        />,
      );
    } catch (err) {
      return errorPage(c, page, pageError(err));
    }
  });

  app.get('/staff/warnings.csv', disableSSG(), async (c) => {
    const page = await staffPage(c, [...READERS]);
    if (page instanceof Response) return page;
    try {
      const { view } = await board(c, page, 100_000);
      const csv = warningsCsv(view);
      return csvResponse(c, csv.filename, csv.header, csv.rows);
    } catch (err) {
      return errorPage(c, page, pageError(err));
    }
  });

  // --- Orders -------------------------------------------------------------------------
  const ordersPage = async (c: Context, page: StaffPage, values: IssueValues, error?: PageError) => {
    const q = c.req.query('status');
    const status =
      q === 'open' || ORDER_STATUSES.includes(q as OrderStatus) ? (q as OrderStatus | 'open') : 'open';
    try {
      const [list, { names }] = await Promise.all([
        listOrders(platform(), page.who, {
          status,
          departmentId: everyone(page.who) ? undefined : [...page.who.departments][0],
          limit: 100,
        }),
        departmentNames(),
      ]);
      return html(
        c,
        <OrdersPage
          ctx={page.ctx}
          orders={list.items}
          status={status}
          departments={names}
          canIssue={page.who.roles.has('inspector')}
          values={values}
          error={error?.message}
        />,
        error?.status ?? 200,
      );
    } catch (err) {
      return errorPage(c, page, pageError(err));
    }
  };

  app.get('/staff/orders', disableSSG(), async (c) => {
    const page = await staffPage(c, [...READERS]);
    if (page instanceof Response) return page;
    return ordersPage(c, page, {
      targetType: c.req.query('targetType'),
      targetId: c.req.query('targetId')?.slice(0, 64),
    });
  });

  app.post('/staff/orders', async (c) => {
    const page = await staffPage(c, ['inspector']);
    if (page instanceof Response) return page;
    const form = await formOf(c);
    const values: IssueValues = {
      targetType: field(form, 'targetType'),
      targetId: field(form, 'targetId'),
      departmentId: field(form, 'departmentId') || undefined,
      title: field(form, 'title'),
      instructions: field(form, 'instructions'),
      deadline: field(form, 'deadline'),
    };
    const problems: string[] = [];
    if (!['case', 'rating', 'critique', 'department'].includes(values.targetType ?? ''))
      problems.push('target type');
    if (!ID.test(values.targetId ?? '')) problems.push('target id');
    if (!values.title || values.title.length > 200) problems.push('subject');
    if (!values.instructions || values.instructions.length > 2000) problems.push('instructions');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.deadline ?? '') || Number.isNaN(Date.parse(values.deadline!)))
      problems.push('deadline');
    if (problems.length)
      return ordersPage(c, page, values, { status: 400, message: `Please check: ${problems.join(', ')}.` });
    try {
      const order = await issue(platform(), page.who, {
        targetType: values.targetType as OrderTargetType,
        targetId: values.targetId!,
        departmentId: values.departmentId,
        title: values.title!,
        instructions: values.instructions!,
        deadline: values.deadline!,
      });
      return c.redirect(`/staff/orders/${encodeURIComponent(order.id)}`, 303);
    } catch (err) {
      return ordersPage(c, page, values, pageError(err));
    }
  });

  const orderPage = async (c: Context, page: StaffPage, error?: PageError) => {
    const id = c.req.param('id') ?? '';
    if (!ID.test(id)) return errorPage(c, page, { status: 404, message: `No supervision order ${id}.` });
    try {
      const [{ order, audit }, { names }] = await Promise.all([
        orderDetail(platform(), page.who, id),
        departmentNames(),
      ]);
      return html(
        c,
        <OrderPage
          ctx={page.ctx}
          order={order}
          audit={audit}
          departmentName={names.get(order.departmentId) ?? order.departmentId}
          canRespond={page.who.departments.has(order.departmentId)}
          canDecide={page.who.roles.has('inspector')}
          error={error?.message}
        />,
        error?.status ?? 200,
      );
    } catch (err) {
      return errorPage(c, page, pageError(err));
    }
  };

  app.get('/staff/orders/:id', disableSSG(), async (c) => {
    const page = await staffPage(c, [...READERS]);
    if (page instanceof Response) return page;
    return orderPage(c, page);
  });

  app.post('/staff/orders/:id/:action{respond|close|escalate}', async (c) => {
    const action = c.req.param('action');
    const page = await staffPage(c, action === 'respond' ? ['department'] : ['inspector']);
    if (page instanceof Response) return page;
    const id = c.req.param('id');
    if (!ID.test(id)) return errorPage(c, page, { status: 404, message: `No supervision order ${id}.` });
    const form = await formOf(c);
    const note = field(form, action === 'close' ? 'outcome' : 'note').slice(0, 2000);
    if (!note) return orderPage(c, page, { status: 400, message: 'Please write a note.' });
    try {
      const p = platform();
      if (action === 'respond') await respond(p, page.who, id, note);
      else if (action === 'close') await close(p, page.who, id, note);
      else {
        const deadline = field(form, 'deadline');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline))
          return orderPage(c, page, { status: 400, message: 'deadline: expected YYYY-MM-DD.' });
        await escalate(p, page.who, id, { note, deadline });
      }
      return c.redirect(`/staff/orders/${encodeURIComponent(id)}`, 303);
    } catch (err) {
      return orderPage(c, page, pageError(err));
    }
  });

  // --- Reports ------------------------------------------------------------------------
  const reportValues = (c: Context): ReportFormValues => ({
    scope: c.req.query('scope')?.slice(0, 20),
    id: c.req.query('id')?.slice(0, 64) || undefined,
    period: c.req.query('period')?.slice(0, 10),
  });

  app.get('/staff/reports', disableSSG(), async (c) => {
    const page = await staffPage(c, [...READERS]);
    if (page instanceof Response) return page;
    const values = reportValues(c);
    const { names } = await departmentNames();
    const own = everyone(page.who) ? undefined : [...page.who.departments][0];
    const departments = own ? new Map([...names].filter(([id]) => page.who.departments.has(id))) : names;
    if (!values.period)
      return html(
        c,
        <ReportPage ctx={page.ctx} values={values} departments={departments} ownDepartment={own} />,
      );
    try {
      const report = await supervisionReport(platform(), page.who, {
        scope: values.scope ?? 'department',
        id: values.id,
        period: values.period,
      });
      return html(
        c,
        <ReportPage ctx={page.ctx} values={values} report={report} departments={names} ownDepartment={own} />,
      );
    } catch (err) {
      const e = pageError(err);
      return html(
        c,
        <ReportPage
          ctx={page.ctx}
          values={values}
          departments={departments}
          ownDepartment={own}
          error={e.message}
        />,
        e.status,
      );
    }
  });

  const download = (format: 'csv' | 'json') => async (c: Context) => {
    const page = await staffPage(c, [...READERS]);
    if (page instanceof Response) return page;
    const values = reportValues(c);
    try {
      const report = await supervisionReport(platform(), page.who, {
        scope: values.scope ?? 'department',
        id: values.id,
        period: values.period ?? '',
      });
      if (format === 'json') return c.json(report);
      const { header, rows } = reportCsvRows(report);
      return csvResponse(c, `report-${report.scope}-${report.id}-${report.period}.csv`, header, rows);
    } catch (err) {
      return errorPage(c, page, pageError(err));
    }
  };
  app.get('/staff/reports.csv', disableSSG(), download('csv'));
  app.get('/staff/reports.json', disableSSG(), download('json'));
}
