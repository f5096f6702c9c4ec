/**
 * The bad-review console of a department: its inbox `/staff/reviews` (by state, paged),
 * a review's page with its follow-up forms, and their plain form posts — the same use
 * case as `POST /api/v1/staff/reviews/:caseId/<action>`. Department staff act on their
 * own department's reviews; the office and inspectors read every department's.
 */
import type { Hono } from 'hono';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import type { InboxFilter } from '../../../functions/store/ratings.js';
import { reviewInbox } from '../../../functions/usecases/ratings/console.js';
import { actOnReview } from '../../../functions/usecases/ratings/follow-up.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { formOf } from '../../page-guard.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { followUpFromForm } from './follow-up-form.js';
import { INBOX_FILTERS, ReviewsInboxPage } from './ReviewsInboxPage.js';
import { otherDepartmentPage, reviewPage } from './review-page.js';

const READERS = ['department', 'office', 'inspector'] as const;

const filterOf = (asked: string | undefined): InboxFilter => INBOX_FILTERS.find((f) => f === asked) ?? 'open';

export function registerReviewPages(app: Hono): void {
  app.get('/staff/reviews', staffOnly(...READERS), async (c) => {
    const { staff, ctx } = c.var;
    const filter = filterOf(c.req.query('status'));
    try {
      const inbox = await reviewInbox(platform(), staff, {
        departmentId: c.req.query('departmentId'),
        filter,
        cursor: c.req.query('cursor'),
      });
      return html(
        c,
        <ReviewsInboxPage
          ctx={ctx}
          departmentId={inbox.departmentId ?? ''}
          departments={inbox.departments}
          canPickDepartment={inbox.departments.length > 1}
          filter={filter}
          items={inbox.items}
          nextCursor={inbox.nextCursor}
        />,
      );
    } catch (err) {
      if (isRefusal(err, 'forbidden')) return otherDepartmentPage(c, ctx);
      throw err;
    }
  });

  app.get('/staff/reviews/:caseId', staffOnly(...READERS), (c) =>
    reviewPage(c, c.var.staff, c.var.ctx, c.req.param('caseId')),
  );

  for (const action of ['callback', 'rectification', 'appeal'] as const) {
    app.post(`/staff/reviews/:caseId/${action}`, staffOnly('department'), async (c) => {
      const { staff, ctx } = c.var;
      const caseId = c.req.param('caseId');
      try {
        await actOnReview(platform(), staff, caseId, action, followUpFromForm(action, await formOf(c)));
        return c.redirect(`/staff/reviews/${encodeURIComponent(caseId)}?saved=1`, 303);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        if (isRefusal(err, 'forbidden')) return otherDepartmentPage(c, ctx);
        const refused = { error: errorText(ctx.lang, err, { detail: true }), status: pageStatusOf(err) };
        return reviewPage(c, staff, ctx, caseId, refused);
      }
    });
  }
}
