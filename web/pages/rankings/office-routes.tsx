/**
 * The efficiency office's rankings console `/staff/rankings` (never static): compute a
 * draft for a scope and period, review a version with its inputs (inspectors may read),
 * then publish or discard it — the same use cases as `/api/v1/staff/rankings…`.
 */
import type { Context, Hono } from 'hono';
import { isRankingScope, parsePeriod } from '../../../functions/domain/rankings/period.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { computeDraft } from '../../../functions/usecases/rankings/compute.js';
import { rankingDrafts } from '../../../functions/usecases/rankings/listings.js';
import { allMethods, methodVersion } from '../../../functions/usecases/rankings/methods.js';
import { discardRanking, publishRanking } from '../../../functions/usecases/rankings/publish.js';
import { anyVersion } from '../../../functions/usecases/rankings/read.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext } from '../../render.js';
import { type StaffViewer, staffOnly } from '../../staff-gate.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { refusalPage } from '../refusal-page.js';
import { DraftReviewPage, OfficePage } from './OfficePages.js';
import { VERSION } from './params.js';

/** A refusal as the console's forms show it (text and status), or nothing. */
const shown = (v: StaffViewer, refused: unknown) =>
  isRefusal(refused)
    ? { message: errorText(v.ctx.lang, refused, { detail: true }), status: pageStatusOf(refused) }
    : undefined;

async function officeHome(c: Context, v: StaffViewer, refused?: unknown, values?: Record<string, string>) {
  const p = platform();
  const [drafts, methods] = await Promise.all([rankingDrafts(p), allMethods(p)]);
  const error = shown(v, refused);
  return html(
    c,
    <OfficePage ctx={v.ctx} drafts={drafts} methods={methods} error={error?.message} values={values} />,
    error?.status ?? 200,
  );
}

async function review(c: Context, v: StaffViewer, refused?: unknown) {
  const { scope, period, version } = c.req.param() as Record<string, string>;
  if (!isRankingScope(scope) || !parsePeriod(period!) || !VERSION.test(version!))
    return html(c, <NotFoundPage ctx={await pageContext(c)} />, 404);
  const p = platform();
  try {
    const view = await anyVersion(p, scope, period!, Number(version));
    const method = await methodVersion(p, view.methodVersion);
    const error = shown(v, refused);
    return html(
      c,
      <DraftReviewPage ctx={v.ctx} view={view} method={method} error={error?.message} />,
      error?.status ?? 200,
    );
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refusalPage(c, v.ctx, err, 404);
  }
}

export function registerRankingOffice(app: Hono): void {
  app.get('/staff/rankings', staffOnly('office'), (c) => officeHome(c, c.var));

  app.post('/staff/rankings/drafts', staffOnly('office'), async (c) => {
    const form = await formOf(c);
    const field = (name: string) => form[name]?.trim() ?? '';
    const values = { scope: field('scope'), period: field('period'), changes: field('changes') };
    const mv = field('methodVersion');
    try {
      const draft = await computeDraft(platform(), c.var.staff, {
        ...values,
        methodVersion: VERSION.test(mv) ? Number(mv) : undefined,
        changes: values.changes || undefined,
      });
      return c.redirect(`/staff/rankings/${draft.scope}/${draft.period}/${draft.version}`, 303);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return officeHome(c, c.var, err, values);
    }
  });

  app.get('/staff/rankings/:scope/:period/:version', staffOnly('office', 'inspector'), (c) =>
    review(c, c.var),
  );

  app.post(
    '/staff/rankings/:scope/:period/:version/:action{publish|discard}',
    staffOnly('office'),
    async (c) => {
      const { scope, period, version, action } = c.req.param();
      if (!VERSION.test(version)) return html(c, <NotFoundPage ctx={c.var.ctx} />, 404);
      try {
        if (action === 'publish') {
          await publishRanking(platform(), c.var.staff, scope, period, Number(version));
          return c.redirect(`/rankings/${scope}/${period}`, 303);
        }
        await discardRanking(platform(), c.var.staff, scope, period, Number(version));
        return c.redirect('/staff/rankings', 303);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        return review(c, c.var, err);
      }
    },
  );
}
