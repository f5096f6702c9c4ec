/**
 * The bad-review detail page of the console, shown on a visit and again after a refused
 * follow-up form (with the refusal's text and status), and the 403 page for a review or
 * inbox of another department.
 */
import type { Context } from 'hono';
import type { Principal } from '../../../functions/domain/identity.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { reviewFor } from '../../../functions/usecases/ratings/follow-up.js';
import { staffReviewView } from '../../../functions/usecases/ratings/views.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { errorText, type RefusalStatus } from '../../error-text.js';
import { t } from '../../i18n.js';
import { html } from '../../render.js';
import { nowLocal } from './follow-up-form.js';
import { ReviewDetailPage } from './ReviewDetailPage.js';

/** The 403 page for another department's review or inbox. */
export function otherDepartmentPage(c: Context, ctx: PageContext): Response {
  return html(
    c,
    <Layout ctx={ctx} title={t(ctx.lang, 'forbiddenTitle')}>
      <h1>{t(ctx.lang, 'forbiddenTitle')}</h1>
      <p>{t(ctx.lang, 'forbiddenOtherDept')}</p>
    </Layout>,
    403,
  );
}

/** A review's page for a staff member who may see it (403 or 404 page otherwise). */
export async function reviewPage(
  c: Context,
  who: Principal,
  ctx: PageContext,
  caseId: string,
  refused?: { error: string; status: RefusalStatus },
): Promise<Response> {
  const p = platform();
  let rating: Awaited<ReturnType<typeof reviewFor>>;
  try {
    rating = await reviewFor(p, who, caseId);
  } catch (err) {
    if (isRefusal(err, 'forbidden')) return otherDepartmentPage(c, ctx);
    if (!isRefusal(err, 'not_found')) throw err;
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'reviewTitle')}>
        <h1>{t(ctx.lang, 'reviewTitle')}</h1>
        <p>{errorText(ctx.lang, err, { detail: true })}</p>
      </Layout>,
      404,
    );
  }
  return html(
    c,
    <ReviewDetailPage
      ctx={ctx}
      r={staffReviewView(rating)}
      canAct={who.departments.has(rating.departmentId)}
      canRule={who.roles.has('office')}
      nowLocal={nowLocal(p.clock.now())}
      actorName={who.subject}
      error={refused?.error}
      saved={c.req.query('saved') === '1'}
    />,
    refused?.status ?? 200,
  );
}
