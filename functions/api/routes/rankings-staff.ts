/**
 * The efficiency office's ranking work: create a method version, compute a draft for a
 * scope and period, review any version with every indicator, publish it (immutable:
 * a second publish is a 409), or discard a draft. Writes sit under `/api/v1/rankings`,
 * staff-only reads under `/api/v1/staff/rankings` (the API gateway's staff routes).
 */
import { Hono } from 'hono';
import { parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { computeDraft } from '../../usecases/rankings/compute.js';
import { inputsTable, rankingTable } from '../../usecases/rankings/export.js';
import { rankingDrafts } from '../../usecases/rankings/listings.js';
import { methodBodySchema } from '../../usecases/rankings/method-schema.js';
import { createMethod, methodVersion } from '../../usecases/rankings/methods.js';
import { discardRanking, publishRanking } from '../../usecases/rankings/publish.js';
import { anyVersion, anyVersionInputs } from '../../usecases/rankings/read.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { jsonBody } from '../validation.js';
import { draftBody, versionSchema } from './rankings-schemas.js';

export const rankingsStaffRoutes = new Hono<AuthEnv>()
  .post('/rankings/methods', requireStaff('office'), async (c) => {
    const body = await jsonBody(c, methodBodySchema);
    const method = await createMethod(platform(), principalOf(c), body);
    return c.json(method, 201);
  })
  .post('/rankings/drafts', requireStaff('office'), async (c) => {
    const body = await jsonBody(c, draftBody);
    const p = platform();
    const draft = await anyVersionAfter(p, await computeDraft(p, principalOf(c), body));
    return c.json(draft, 201);
  })
  .get('/staff/rankings/drafts', requireStaff('office', 'inspector'), async (c) =>
    c.json({ items: await rankingDrafts(platform()) }),
  )
  .get('/staff/rankings/:scope/:period/versions/:version', requireStaff('office', 'inspector'), async (c) => {
    const version = Number(parseWith(versionSchema, c.req.param('version'), 'version'));
    const p = platform();
    const view = await anyVersion(p, c.req.param('scope'), c.req.param('period'), version);
    if (wantsCsv(c)) {
      const table = rankingTable(view, await methodVersion(p, view.methodVersion));
      return csvResponse(
        c,
        `ranking-${view.scope}-${view.period}-v${view.version}-${view.status}.csv`,
        table.header,
        table.rows,
      );
    }
    return c.json(view);
  })
  .get(
    '/staff/rankings/:scope/:period/versions/:version/inputs',
    requireStaff('office', 'inspector'),
    async (c) => {
      const version = Number(parseWith(versionSchema, c.req.param('version'), 'version'));
      const { view, inputs } = await anyVersionInputs(
        platform(),
        c.req.param('scope'),
        c.req.param('period'),
        version,
      );
      if (wantsCsv(c)) {
        const table = inputsTable(inputs);
        return csvResponse(
          c,
          `ranking-inputs-${view.scope}-${view.period}-v${version}.csv`,
          table.header,
          table.rows,
        );
      }
      return c.json({ scope: view.scope, period: view.period, version, months: view.months, units: inputs });
    },
  )
  .post('/rankings/:scope/:period/versions/:version/publish', requireStaff('office'), async (c) => {
    const version = Number(parseWith(versionSchema, c.req.param('version'), 'version'));
    const p = platform();
    const ranking = await publishRanking(
      p,
      principalOf(c),
      c.req.param('scope'),
      c.req.param('period'),
      version,
    );
    return c.json(await anyVersionAfter(p, ranking));
  })
  .delete('/rankings/:scope/:period/versions/:version', requireStaff('office'), async (c) => {
    const version = Number(parseWith(versionSchema, c.req.param('version'), 'version'));
    await discardRanking(platform(), principalOf(c), c.req.param('scope'), c.req.param('period'), version);
    return c.body(null, 204);
  });

/** The full review view (movement, talks, links) of a version just written. */
function anyVersionAfter(
  p: ReturnType<typeof platform>,
  r: { scope: string; period: string; version: number },
) {
  return anyVersion(p, r.scope, r.period, r.version);
}
