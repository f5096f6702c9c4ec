/**
 * The rater's rating flow: the rating page `/rate/:caseId?t=…` (the form, or the rating
 * and its follow-up once rated), its plain form POST — the same use case as
 * `POST /api/v1/ratings` — and the rater's feedback on a rectification.
 */
import type { Hono } from 'hono';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { caseFactsOf } from '../../../functions/usecases/ratings/case-facts.js';
import { submitFeedback } from '../../../functions/usecases/ratings/rater.js';
import { submitRating } from '../../../functions/usecases/ratings/submit-rating.js';
import { errorText, fieldMessages, pageStatusOf } from '../../error-text.js';
import { t } from '../../i18n.js';
import { formOf } from '../../page-guard.js';
import { html, langOfRequest, pageContext } from '../../render.js';
import { RatePage } from './RatePage.js';
import { feedbackFromForm, RATE_FIELD_MESSAGES, ratingFromForm } from './rate-form.js';
import { backToRating, linkProblemPage, problemPage, standingPage } from './rater-page.js';

export function registerRatePages(app: Hono): void {
  app.get('/rate/:caseId', (c) => standingPage(c, c.req.param('caseId'), c.req.query('t') ?? ''));

  app.post('/rate/:caseId', async (c) => {
    const caseId = c.req.param('caseId');
    const { payload, values, token } = ratingFromForm(caseId, await formOf(c));
    try {
      await submitRating(platform(), payload);
      return backToRating(c, caseId, token, '&done=1');
    } catch (err) {
      if (isRefusal(err, 'already_rated')) return backToRating(c, caseId, token);
      if (!isRefusal(err)) throw err;
      const problem = await linkProblemPage(c, err);
      if (problem) return problem;
      const [ctx, facts] = await Promise.all([pageContext(c), caseFactsOf(platform(), caseId)]);
      if (!facts) return problemPage(c, 'missing');
      const errors = isRefusal(err, 'rate_limited')
        ? [t(ctx.lang, 'errRateLimited')]
        : fieldMessages(ctx.lang, err, RATE_FIELD_MESSAGES, 'errGeneric');
      return html(
        c,
        <RatePage ctx={ctx} info={facts} token={token} values={values} errors={errors} />,
        pageStatusOf(err),
      );
    }
  });

  app.post('/rate/:caseId/feedback', async (c) => {
    const caseId = c.req.param('caseId');
    const { token, body } = feedbackFromForm(await formOf(c));
    try {
      await submitFeedback(platform(), caseId, body);
      return backToRating(c, caseId, token, '&saved=1');
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const problem = await linkProblemPage(c, err);
      if (problem) return problem;
      const message = errorText(langOfRequest(c), err, {
        detail: true,
        say: { rate_limited: 'errRateLimited', invalid_request: 'errFeedback' },
      });
      return standingPage(c, caseId, token, message);
    }
  });
}
