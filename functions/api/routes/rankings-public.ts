/**
 * Public ranking reads (no login): the published table of a scope and period (the
 * contract's `GET /api/v1/rankings?scope=&period=`), every published version at a
 * stable URL with its open-data inputs, the methods, and a unit's rank history. JSON,
 * or CSV with `format=csv`. Drafts are never served here.
 */
import { Hono } from 'hono';
import { parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { parseScopePeriod } from '../../usecases/rankings/compute.js';
import { inputsTable, rankingTable } from '../../usecases/rankings/export.js';
import { allMethods, methodVersion } from '../../usecases/rankings/methods.js';
import {
  publishedInputs,
  publishedPeriods,
  publishedRanking,
  unitHistory,
} from '../../usecases/rankings/read.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { queryOf } from '../validation.js';
import { formatQuery, rankingQuery, unitIdSchema, versionSchema } from './rankings-schemas.js';

export const rankingsPublicRoutes = new Hono()
  .get('/rankings', async (c) => {
    const q = queryOf(c, rankingQuery);
    const p = platform();
    const view = await publishedRanking(p, q.scope, q.period, q.version ? Number(q.version) : undefined);
    if (wantsCsv(c)) {
      const table = rankingTable(view, await methodVersion(p, view.methodVersion));
      return csvResponse(
        c,
        `ranking-${view.scope}-${view.period}-v${view.version}.csv`,
        table.header,
        table.rows,
      );
    }
    return c.json(view);
  })
  .get('/rankings/methods', async (c) => c.json({ items: await allMethods(platform()) }))
  .get('/rankings/methods/:version', async (c) => {
    const version = Number(parseWith(versionSchema, c.req.param('version'), 'method version'));
    return c.json(await methodVersion(platform(), version));
  })
  .get('/rankings/:scope/periods', async (c) => {
    const { scope } = parseScopePeriod(c.req.param('scope'), '2000-01');
    const p = platform();
    const [months, quarters] = await Promise.all([
      publishedPeriods(p, scope, 'month'),
      publishedPeriods(p, scope, 'quarter'),
    ]);
    const brief = (h: { period: string; version: number; publishedAt?: string | undefined }) => ({
      period: h.period,
      version: h.version,
      publishedAt: h.publishedAt,
      url: `/api/v1/rankings/${scope}/${h.period}/versions/${h.version}`,
    });
    return c.json({ scope, months: months.map(brief), quarters: quarters.map(brief) });
  })
  .get('/rankings/:scope/units/:id', async (c) => {
    const id = parseWith(unitIdSchema, c.req.param('id'), 'unit id');
    return c.json(await unitHistory(platform(), c.req.param('scope'), id));
  })
  .get('/rankings/:scope/:period/versions/:version', async (c) => {
    queryOf(c, formatQuery);
    const version = Number(parseWith(versionSchema, c.req.param('version'), 'version'));
    const p = platform();
    const view = await publishedRanking(p, c.req.param('scope'), c.req.param('period'), version);
    if (wantsCsv(c)) {
      const table = rankingTable(view, await methodVersion(p, view.methodVersion));
      return csvResponse(
        c,
        `ranking-${view.scope}-${view.period}-v${view.version}.csv`,
        table.header,
        table.rows,
      );
    }
    return c.json(view);
  })
  .get('/rankings/:scope/:period/versions/:version/inputs', async (c) => {
    queryOf(c, formatQuery);
    const version = Number(parseWith(versionSchema, c.req.param('version'), 'version'));
    const { header, inputs } = await publishedInputs(
      platform(),
      c.req.param('scope'),
      c.req.param('period'),
      version,
    );
    if (wantsCsv(c)) {
      const table = inputsTable(inputs);
      return csvResponse(
        c,
        `ranking-inputs-${header.scope}-${header.period}-v${version}.csv`,
        table.header,
        table.rows,
      );
    }
    return c.json({
      scope: header.scope,
      period: header.period,
      version,
      methodVersion: header.methodVersion,
      months: header.months,
      method: header.links.method,
      units: inputs,
    });
  });
