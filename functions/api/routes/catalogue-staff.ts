/**
 * The efficiency office keeps the catalogue: departments, windows and service items
 * with effective-dated limits. Every write lands in the audit trail.
 */
import { type Context, Hono } from 'hono';
import { beijingDate } from '../../domain/calendar/index.js';
import { EARLIEST, limitProblems } from '../../domain/catalogue.js';
import { invalid, notFound } from '../../domain/refusal.js';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { importCatalogue, MAX_IMPORT_ROWS, parseCatalogueCsv } from '../../usecases/catalogue-csv.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody } from '../validation.js';
import { departmentBody, serviceBody, windowBody } from './catalogue-schemas.js';

export const catalogueStaffRoutes = new Hono<AuthEnv>()
  .put('/departments/:id', requireStaff('office'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'department id');
    const body = await jsonBody(c, departmentBody);
    const p = platform();
    const before = await p.catalogue.getDepartment(id);
    const department = { id, ...body };
    const outcome = await p.catalogue.putDepartment(department);
    await audit(c, 'department.put', `department:${id}`, before, department);
    return c.json(department, outcome === 'created' ? 201 : 200);
  })
  .put('/windows/:id', requireStaff('office'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'window id');
    const body = await jsonBody(c, windowBody);
    const p = platform();
    if (!(await p.catalogue.getDepartment(body.departmentId)))
      throw notFound(`No department ${body.departmentId}.`);
    const window = { id, ...body };
    const outcome = await p.catalogue.putWindow(window);
    await audit(c, 'window.put', `window:${id}`, undefined, window);
    return c.json(window, outcome === 'created' ? 201 : 200);
  })
  .post('/services:import', requireStaff('office'), async (c) => {
    const text = await c.req.text();
    const parsed = parseCatalogueCsv(text);
    if ('error' in parsed) throw invalid(parsed.error);
    if (parsed.records.length > MAX_IMPORT_ROWS) throw invalid(`At most ${MAX_IMPORT_ROWS} rows per import.`);
    const results = await importCatalogue(platform(), parsed.records);
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    await audit(c, 'services.import', 'catalogue', undefined, counts);
    return c.json({ results, counts });
  })
  .put('/services/:code', requireStaff('office'), async (c) => {
    const code = parseWith(idSchema, c.req.param('code'), 'service code');
    const body = await jsonBody(c, serviceBody);
    const problems = limitProblems(body.statutoryDays, body.promisedDays);
    if (problems.length) throw invalid(problems.join('; '));
    const p = platform();
    if (!(await p.catalogue.getDepartment(body.departmentId)))
      throw notFound(`No department ${body.departmentId}.`);
    const before = await p.catalogue.getService(code);
    const limits = {
      effectiveFrom: body.effectiveFrom ?? (before ? beijingDate(p.clock.now()) : EARLIEST),
      statutoryDays: body.statutoryDays,
      promisedDays: body.promisedDays,
    };
    const outcome = await p.catalogue.putService(
      { code, name: body.name, departmentId: body.departmentId, kind: body.kind ?? 'service' },
      limits,
    );
    const after = await p.catalogue.getService(code);
    await audit(c, 'service.put', `service:${code}`, before, after);
    return c.json({ ...after?.service, limits: after?.limits }, outcome === 'created' ? 201 : 200);
  });

async function audit(c: Context<AuthEnv>, action: string, target: string, before: unknown, after: unknown) {
  const who = principalOf(c);
  await platform().audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action,
    target,
    before,
    after,
  });
}
