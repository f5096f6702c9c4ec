/**
 * The efficiency office's appeals queue `/staff/appeals`: the appeals waiting for a
 * ruling, each with its ruling form, and that form's plain post — the same use case as
 * `POST /api/v1/staff/appeals/:caseId/ruling`.
 */
import type { Hono } from 'hono';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { pendingAppeals } from '../../../functions/usecases/ratings/console.js';
import { actOnReview } from '../../../functions/usecases/ratings/follow-up.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { formOf } from '../../page-guard.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { AppealsPage } from './AppealsPage.js';
import { followUpFromForm } from './follow-up-form.js';

export function registerAppealPages(app: Hono): void {
  app.get('/staff/appeals', staffOnly('office'), async (c) =>
    html(
      c,
      <AppealsPage
        ctx={c.var.ctx}
        items={await pendingAppeals(platform())}
        saved={c.req.query('saved') === '1'}
      />,
    ),
  );

  app.post('/staff/appeals/:caseId/ruling', staffOnly('office'), async (c) => {
    const { staff, ctx } = c.var;
    const caseId = c.req.param('caseId');
    try {
      await actOnReview(platform(), staff, caseId, 'ruling', followUpFromForm('ruling', await formOf(c)));
      return c.redirect('/staff/appeals?saved=1', 303);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return html(
        c,
        <AppealsPage
          ctx={ctx}
          items={await pendingAppeals(platform())}
          error={errorText(ctx.lang, err, { detail: true })}
        />,
        pageStatusOf(err),
      );
    }
  });
}
