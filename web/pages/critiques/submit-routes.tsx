/**
 * The submit form `/critiques/new` and its plain POST — the same use case as
 * `POST /api/v1/critiques` — which redirects once to the critique's private link (the
 * receipt shows the link and the nitpicker's key); a refused form comes back filled in.
 */
import type { Context, Hono } from 'hono';
import { submitterOf } from '../../../functions/api/routes/critiques-client.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { departmentsAndServices } from '../../../functions/usecases/catalogue/directory.js';
import { submitCritique } from '../../../functions/usecases/critiques/submit.js';
import { errorText, pageStatusOf, type RefusalStatus } from '../../error-text.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext } from '../../render.js';
import { SubmitPage, type SubmitValues } from './SubmitPage.js';
import { type SubmitErrors, submissionFromForm } from './submit-form.js';

async function submitForm(
  c: Context,
  values: SubmitValues,
  errors: SubmitErrors,
  status: 200 | RefusalStatus,
) {
  const { departments, services } = await departmentsAndServices(platform());
  return html(
    c,
    <SubmitPage
      ctx={await pageContext(c)}
      departments={departments}
      services={services}
      values={values}
      errors={errors}
    />,
    status,
  );
}

export function registerSubmitPages(app: Hono): void {
  app.get('/critiques/new', (c) => submitForm(c, {}, {}, 200));

  app.post('/critiques/new', async (c) => {
    const { lang } = await pageContext(c);
    const { values, errors, input } = submissionFromForm(lang, await formOf(c));
    if (!input) return submitForm(c, values, errors, 400);
    try {
      const out = await submitCritique(platform(), input, await submitterOf(c, 'web'));
      const key = out.nitpickerKey ? `&key=${out.nitpickerKey}` : '';
      return c.redirect(`/critiques/${out.trackingCode}?new=1${key}`, 303);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const text = errorText(lang, err, { detail: true, say: { rate_limited: 'crErrRateLimited' } });
      return submitForm(c, values, { form: text }, pageStatusOf(err));
    }
  });
}
