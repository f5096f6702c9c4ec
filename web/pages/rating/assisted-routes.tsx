/**
 * Staff-assisted entry `/staff/ratings/assisted`: department staff enter the rating a
 * rater gave them (on paper or in person) for a case of their department — the same use
 * case as `POST /api/v1/staff/ratings/assisted`, which records who entered it under the
 * `staff-assisted` channel so these ratings are reported apart.
 */
import type { Hono } from 'hono';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import { rateAssisted } from '../../../functions/usecases/ratings/channel-rating.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { t } from '../../i18n.js';
import { formOf } from '../../page-guard.js';
import { html } from '../../render.js';
import { staffOnly } from '../../staff-gate.js';
import { SCORE_KEYS } from './labels.js';

function AssistedPage(props: { ctx: PageContext; message?: string }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'assistedTitle')}>
      <h1>{t(lang, 'assistedTitle')}</h1>
      <p>{t(lang, 'assistedIntro')}</p>
      {props.message ? <p role="alert">{props.message}</p> : null}
      <form method="post" action="/staff/ratings/assisted">
        <label for="assisted-case">{t(lang, 'rateCase')}</label>
        <input id="assisted-case" name="caseId" required maxlength={64} />
        <label for="assisted-score">{t(lang, 'rateOverall')}</label>
        <select id="assisted-score" name="score">
          {[5, 4, 3, 2, 1].map((s) => (
            <option value={String(s)}>{t(lang, SCORE_KEYS[s] ?? 'score3')}</option>
          ))}
        </select>
        <button type="submit">{t(lang, 'assistedSave')}</button>
      </form>
    </Layout>
  );
}

export function registerAssistedPage(app: Hono): void {
  app.get('/staff/ratings/assisted', staffOnly('department'), (c) =>
    html(c, <AssistedPage ctx={c.var.ctx} />),
  );
  app.post('/staff/ratings/assisted', staffOnly('department'), async (c) => {
    const form = await formOf(c);
    const ctx = c.var.ctx;
    try {
      const { receipt } = await rateAssisted(platform(), c.var.staff, {
        caseId: (form.caseId ?? '').trim(),
        score: Number(form.score),
      });
      return html(
        c,
        <AssistedPage ctx={ctx} message={`${t(ctx.lang, 'assistedSaved')} ${receipt.caseId}`} />,
      );
    } catch (err) {
      if (!isRefusal(err)) throw err;
      return html(
        c,
        <AssistedPage ctx={ctx} message={errorText(ctx.lang, err, { detail: true })} />,
        pageStatusOf(err),
      );
    }
  });
}
