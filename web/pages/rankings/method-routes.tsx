/**
 * The rankings' front page `/rankings` (each scope's latest table) and the method pages
 * `/rankings/method` and `/rankings/method/:version`, every version that was ever used
 * kept readable. Rendered live locally and to static files by the publisher.
 */
import type { Context, Hono } from 'hono';
import { RANKING_SCOPES } from '../../../functions/domain/rankings/period.js';
import { platform } from '../../../functions/platform.js';
import { allMethods, methodVersion } from '../../../functions/usecases/rankings/methods.js';
import { latestRanking } from '../../../functions/usecases/rankings/read.js';
import { html, pageContext } from '../../render.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { MethodPage } from './MethodPage.js';
import { VERSION } from './params.js';
import { RankingsIndexPage } from './RankingsIndexPage.js';

async function methodPage(c: Context, version?: number): Promise<Response> {
  const versions = await allMethods(platform());
  const method = version === undefined ? versions.at(-1) : versions.find((m) => m.version === version);
  if (!method) return html(c, <NotFoundPage ctx={await pageContext(c)} />, 404);
  return html(c, <MethodPage ctx={await pageContext(c)} method={method} versions={versions} />);
}

export function registerRankingsFront(app: Hono): void {
  app.get('/rankings', async (c) => {
    const p = platform();
    const sections = await Promise.all(
      RANKING_SCOPES.map(async (scope) => {
        const view = await latestRanking(p, scope);
        return { scope, view, method: view ? await methodVersion(p, view.methodVersion) : undefined };
      }),
    );
    return html(c, <RankingsIndexPage ctx={await pageContext(c)} sections={sections} />);
  });

  app.get('/rankings/method', (c) => methodPage(c));

  app.get('/rankings/method/:version', async (c) => {
    const version = c.req.param('version');
    return VERSION.test(version)
      ? methodPage(c, Number(version))
      : html(c, <NotFoundPage ctx={await pageContext(c)} />, 404);
  });
}
