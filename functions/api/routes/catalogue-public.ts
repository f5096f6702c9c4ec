/**
 * Public catalogue reads: services (paginated), one service, its curves (JSON or CSV)
 * and departments. No login.
 */
import { type Context, Hono } from 'hono';
import type { CurvePoint } from '../../domain/curves.js';
import { notFound } from '../../domain/refusal.js';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import {
  allDepartments,
  departmentWithServices,
  serviceByCode,
  servicesPage,
} from '../../usecases/catalogue/directory.js';
import { CATALOGUE_COLUMNS, exportCatalogue } from '../../usecases/catalogue-csv.js';
import { departmentCurves, serviceCurves, unitCurves } from '../../usecases/curves.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { queryOf } from '../validation.js';
import { serviceListQuery } from './catalogue-schemas.js';
import { monthRange } from './month-range.js';

export const cataloguePublicRoutes = new Hono()
  .get('/services', async (c) => {
    const q = queryOf(c, serviceListQuery);
    const page = await servicesPage(platform(), {
      limit: Number(q.limit ?? 50),
      cursor: q.cursor,
      departmentId: q.departmentId,
    });
    if (q.format === 'csv') {
      return csvResponse(
        c,
        'services.csv',
        ['code', 'name', 'departmentId', 'statutoryDays', 'promisedDays'],
        page.items.map((s) => [s.code, s.name, s.departmentId, s.statutoryDays, s.promisedDays]),
      );
    }
    return c.json(page);
  })
  .get('/services:export', async (c) =>
    csvResponse(c, 'catalogue.csv', CATALOGUE_COLUMNS, await exportCatalogue(platform())),
  )
  .get('/services/:code', async (c) => {
    const code = parseWith(idSchema, c.req.param('code'), 'service code');
    const found = await serviceByCode(platform(), code);
    if (!found) throw notFound(`No service with code ${code}.`);
    return c.json({ ...found.service, limits: found.limits });
  })
  .get('/services/:code/curves', async (c) => {
    const code = parseWith(idSchema, c.req.param('code'), 'service code');
    const p = platform();
    const { from, to } = monthRange(c, p.clock.now());
    const curves = await serviceCurves(p, code, from, to);
    if (wantsCsv(c)) return curvesCsv(c, `curves-${code}-${from}-${to}.csv`, curves.series);
    return c.json({ service: curves.service, from, to, series: curves.series, summary: curves.summary });
  })
  .get('/departments/:id/curves', async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'department id');
    const p = platform();
    const curves = await departmentCurves(p, id, () => monthRange(c, p.clock.now()));
    const { from, to } = curves;
    if (wantsCsv(c)) return curvesCsv(c, `curves-dept-${id}-${from}-${to}.csv`, curves.series);
    return c.json({ departmentId: id, from, to, series: curves.series, summary: curves.summary });
  })
  .get('/city/curves', async (c) => {
    const p = platform();
    const { from, to } = monthRange(c, p.clock.now());
    const curves = await unitCurves(p, 'city', 'all', from, to);
    if (wantsCsv(c)) return curvesCsv(c, `curves-city-${from}-${to}.csv`, curves.series);
    return c.json({ from, to, series: curves.series, summary: curves.summary });
  })
  .get('/departments', async (c) => c.json({ items: await allDepartments(platform()) }))
  .get('/departments/:id', async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'department id');
    const { department, services } = await departmentWithServices(platform(), id);
    return c.json({ ...department, services });
  });

function curvesCsv(c: Context, filename: string, series: CurvePoint[]): Response {
  return csvResponse(
    c,
    filename,
    ['month', 'statutoryDays', 'promisedDays', 'cases', 'actualMean', 'actualP50', 'actualP90', 'onTimeRate'],
    series.map((s) => [
      s.month,
      s.statutoryDays,
      s.promisedDays,
      s.cases,
      s.actual.mean,
      s.actual.p50,
      s.actual.p90,
      s.onTimeRate,
    ]),
  );
}
