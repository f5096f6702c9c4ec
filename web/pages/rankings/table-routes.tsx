/**
 * The public league tables: a scope's latest table `/rankings/:scope` (with its other
 * published periods), a period's current table and every published version of it, and
 * a ranked unit's history. Public pages the edge keeps (web/cache-rules.ts).
 */
import type { Context, Hono } from 'hono';
import { isRankingScope, parsePeriod } from '../../../functions/domain/rankings/period.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { methodVersion } from '../../../functions/usecases/rankings/methods.js';
import {
  latestRanking,
  publishedPeriods,
  publishedRanking,
  unitHistory,
} from '../../../functions/usecases/rankings/read.js';
import { html, pageContext } from '../../render.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { refusalPage } from '../refusal-page.js';
import { UNIT_ID, VERSION } from './params.js';
import { RankingPage } from './RankingPage.js';
import { RankingsIndexPage } from './RankingsIndexPage.js';
import { UnitHistoryPage } from './UnitHistoryPage.js';

async function notFound(c: Context, err?: unknown): Promise<Response> {
  const ctx = await pageContext(c);
  if (isRefusal(err)) return refusalPage(c, ctx, err, 404);
  if (err) throw err;
  return html(c, <NotFoundPage ctx={ctx} />, 404);
}

/** A period's table: the current version, or the one asked for. */
async function table(c: Context, version?: number): Promise<Response> {
  const { scope, period } = c.req.param() as Record<string, string>;
  if (!isRankingScope(scope) || !parsePeriod(period!)) return notFound(c);
  const p = platform();
  try {
    const view = await publishedRanking(p, scope, period!, version);
    const method = await methodVersion(p, view.methodVersion);
    return html(c, <RankingPage ctx={await pageContext(c)} view={view} method={method} />);
  } catch (err) {
    return notFound(c, err);
  }
}

export function registerRankingTables(app: Hono): void {
  app.get('/rankings/:scope', async (c) => {
    const scope = c.req.param('scope');
    if (!isRankingScope(scope)) return notFound(c);
    const p = platform();
    const [view, months, quarters] = await Promise.all([
      latestRanking(p, scope),
      publishedPeriods(p, scope, 'month'),
      publishedPeriods(p, scope, 'quarter'),
    ]);
    const ctx = await pageContext(c);
    if (!view)
      return html(
        c,
        <RankingsIndexPage ctx={ctx} sections={[{ scope, view: undefined, method: undefined }]} />,
      );
    const method = await methodVersion(p, view.methodVersion);
    return html(c, <RankingPage ctx={ctx} view={view} method={method} periods={{ months, quarters }} />);
  });

  app.get('/rankings/:scope/units/:id', async (c) => {
    const scope = c.req.param('scope');
    const id = c.req.param('id');
    if (!isRankingScope(scope) || !UNIT_ID.test(id)) return notFound(c);
    try {
      const h = await unitHistory(platform(), scope, id);
      const ctx = await pageContext(c);
      return html(c, <UnitHistoryPage ctx={ctx} scope={scope} name={h.name} history={h.history} />);
    } catch (err) {
      return notFound(c, err);
    }
  });

  app.get('/rankings/:scope/:period', (c) => table(c));

  app.get('/rankings/:scope/:period/v/:version', (c) => {
    const version = c.req.param('version');
    return VERSION.test(version) ? table(c, Number(version)) : notFound(c);
  });
}
