/**
 * The ranking pages, registered with the site through `sitePages`: the public league
 * tables (`/rankings`, per scope, per period and version, a unit's history, the
 * method), rendered live locally and to static files by the publisher (their
 * parameters enumerated with `ssgParams`), and the office's console under
 * `/staff/rankings` (compute, review, publish, discard; never static).
 */
import type { Context, Hono } from 'hono';
import { disableSSG, ssgParams } from 'hono/ssg';
import { isRankingScope, parsePeriod, RANKING_SCOPES } from '../../../functions/domain/rankings/period.js';
import { platform } from '../../../functions/platform.js';
import { computeDraft } from '../../../functions/usecases/rankings/compute.js';
import { allMethods, methodVersion } from '../../../functions/usecases/rankings/methods.js';
import { discardRanking, publishRanking } from '../../../functions/usecases/rankings/publish.js';
import {
  anyVersion,
  latestRanking,
  publishedPeriods,
  publishedRanking,
  unitHistory,
} from '../../../functions/usecases/rankings/read.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext } from '../../render.js';
import { staffLinks } from '../../staff-nav.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { field, type PageError, pageError, staffPage } from '../supervision/staff-page.js';
import { MethodPage } from './MethodPage.js';
import { DraftReviewPage, OfficePage } from './OfficePages.js';
import { RankingPage } from './RankingPage.js';
import { RankingsIndexPage } from './RankingsIndexPage.js';
import { UnitHistoryPage } from './UnitHistoryPage.js';

staffLinks.push({ href: '/staff/rankings', label: 'rkOffice', roles: ['office'] });

/**
 * A ranked unit's id: deliberately not `ID_PATTERN` (functions/domain/schemas.ts), as a
 * district is ranked by its Chinese name (the API's `unitIdSchema` admits any letters).
 */
const ID = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._:-]{0,63}$/;
const VERSION = /^[1-9]\d{0,5}$/;

async function notFound(c: Context, message?: string) {
  return html(c, <NotFoundPage ctx={await pageContext(c)} message={message} />, 404);
}

async function publishedScopePeriods(scope: (typeof RANKING_SCOPES)[number]) {
  const p = platform();
  const [months, quarters] = await Promise.all([
    publishedPeriods(p, scope, 'month'),
    publishedPeriods(p, scope, 'quarter'),
  ]);
  return { months, quarters };
}

export function registerRankingPages(app: Hono): void {
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

  app.get('/rankings/method', async (c) => {
    const versions = await allMethods(platform());
    const latest = versions.at(-1)!;
    return html(c, <MethodPage ctx={await pageContext(c)} method={latest} versions={versions} />);
  });

  app.get(
    '/rankings/method/:version',
    ssgParams(async () => (await allMethods(platform())).map((m) => ({ version: String(m.version) }))),
    async (c) => {
      const version = c.req.param('version');
      if (!VERSION.test(version)) return notFound(c);
      const versions = await allMethods(platform());
      const method = versions.find((m) => m.version === Number(version));
      if (!method) return notFound(c);
      return html(c, <MethodPage ctx={await pageContext(c)} method={method} versions={versions} />);
    },
  );

  // --- The office's console ---------------------------------------------------------

  const officeHome = async (c: Context, error?: PageError, values?: Record<string, string>) => {
    const page = await staffPage(c, ['office']);
    if (page instanceof Response) return page;
    const p = platform();
    const [drafts, methods] = await Promise.all([p.rankings.listDrafts(), allMethods(p)]);
    return html(
      c,
      <OfficePage ctx={page.ctx} drafts={drafts} methods={methods} error={error?.message} values={values} />,
      error?.status ?? 200,
    );
  };

  app.get('/staff/rankings', disableSSG(), (c) => officeHome(c));

  app.post('/staff/rankings/drafts', async (c) => {
    const page = await staffPage(c, ['office']);
    if (page instanceof Response) return page;
    const form = await formOf(c);
    const values = {
      scope: field(form, 'scope'),
      period: field(form, 'period'),
      changes: field(form, 'changes'),
    };
    const mv = field(form, 'methodVersion');
    try {
      const draft = await computeDraft(platform(), page.who, {
        ...values,
        methodVersion: VERSION.test(mv) ? Number(mv) : undefined,
        changes: values.changes || undefined,
      });
      return c.redirect(`/staff/rankings/${draft.scope}/${draft.period}/${draft.version}`, 303);
    } catch (err) {
      return officeHome(c, pageError(err), values);
    }
  });

  const review = async (c: Context, error?: PageError) => {
    const page = await staffPage(c, ['office', 'inspector']);
    if (page instanceof Response) return page;
    const { scope, period, version } = c.req.param() as Record<string, string>;
    if (!isRankingScope(scope) || !parsePeriod(period!) || !VERSION.test(version!)) return notFound(c);
    const p = platform();
    try {
      const view = await anyVersion(p, scope, period!, Number(version));
      const method = await methodVersion(p, view.methodVersion);
      return html(
        c,
        <DraftReviewPage ctx={page.ctx} view={view} method={method} error={error?.message} />,
        error?.status ?? 200,
      );
    } catch (err) {
      const e = pageError(err);
      return notFound(c, e.message);
    }
  };

  app.get('/staff/rankings/:scope/:period/:version', disableSSG(), (c) => review(c));

  app.post('/staff/rankings/:scope/:period/:version/:action{publish|discard}', async (c) => {
    const page = await staffPage(c, ['office']);
    if (page instanceof Response) return page;
    const { scope, period, version, action } = c.req.param() as Record<string, string>;
    if (!VERSION.test(version!)) return notFound(c);
    try {
      if (action === 'publish') {
        await publishRanking(platform(), page.who, scope!, period!, Number(version));
        return c.redirect(`/rankings/${scope}/${period}`, 303);
      }
      await discardRanking(platform(), page.who, scope!, period!, Number(version));
      return c.redirect('/staff/rankings', 303);
    } catch (err) {
      return review(c, pageError(err));
    }
  });

  // --- Public tables ------------------------------------------------------------------

  app.get(
    '/rankings/:scope',
    ssgParams(() => RANKING_SCOPES.map((scope) => ({ scope }))),
    async (c) => {
      const scope = c.req.param('scope');
      if (!isRankingScope(scope)) return notFound(c);
      const p = platform();
      const view = await latestRanking(p, scope);
      const periods = await publishedScopePeriods(scope);
      if (!view) {
        const ctx = await pageContext(c);
        return html(
          c,
          <RankingsIndexPage ctx={ctx} sections={[{ scope, view: undefined, method: undefined }]} />,
        );
      }
      const method = await methodVersion(p, view.methodVersion);
      return html(
        c,
        <RankingPage ctx={await pageContext(c)} view={view} method={method} periods={periods} />,
      );
    },
  );

  app.get(
    '/rankings/:scope/units/:id',
    ssgParams(async () => {
      const p = platform();
      const out: { scope: string; id: string }[] = [];
      for (const scope of RANKING_SCOPES) {
        const view = await latestRanking(p, scope);
        for (const u of view?.units ?? []) out.push({ scope, id: u.id });
      }
      return out;
    }),
    async (c) => {
      const scope = c.req.param('scope');
      const id = c.req.param('id');
      if (!isRankingScope(scope) || !ID.test(id)) return notFound(c);
      try {
        const h = await unitHistory(platform(), scope, id);
        return html(
          c,
          <UnitHistoryPage ctx={await pageContext(c)} scope={scope} name={h.name} history={h.history} />,
        );
      } catch (err) {
        return notFound(c, pageError(err).message);
      }
    },
  );

  const table = async (c: Context, version?: number) => {
    const { scope, period } = c.req.param() as Record<string, string>;
    if (!isRankingScope(scope) || !parsePeriod(period!)) return notFound(c);
    const p = platform();
    try {
      const view = await publishedRanking(p, scope, period!, version);
      const method = await methodVersion(p, view.methodVersion);
      return html(c, <RankingPage ctx={await pageContext(c)} view={view} method={method} />);
    } catch (err) {
      return notFound(c, pageError(err).message);
    }
  };

  app.get(
    '/rankings/:scope/:period',
    ssgParams(async () => {
      const p = platform();
      const out: { scope: string; period: string }[] = [];
      for (const scope of RANKING_SCOPES)
        for (const kind of ['month', 'quarter'] as const)
          for (const h of await publishedPeriods(p, scope, kind)) out.push({ scope, period: h.period });
      return out;
    }),
    (c) => table(c),
  );

  app.get(
    '/rankings/:scope/:period/v/:version',
    ssgParams(async () => {
      const p = platform();
      const out: { scope: string; period: string; version: string }[] = [];
      for (const scope of RANKING_SCOPES)
        for (const kind of ['month', 'quarter'] as const)
          for (const h of await p.rankings.listPublished(scope, kind))
            out.push({ scope, period: h.period, version: String(h.version) });
      return out;
    }),
    (c) => {
      const version = c.req.param('version');
      return VERSION.test(version) ? table(c, Number(version)) : notFound(c);
    },
  );
}
