/**
 * The window rating device (评价器): full-screen large targets for a tablet, no
 * keyboard. The rater taps one of the five levels and the device resets to the next
 * case of its window (or waits for one, reloading itself). The setup screen takes the
 * office-issued device key once, typed by staff.
 */
import type { CaseFacts } from '../../../functions/usecases/ratings/case-facts.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { SCORE_KEYS } from './labels.js';

const STYLE = `
.device-levels{display:grid;gap:1rem;margin:1.5rem 0}
.device-levels button{font-size:2rem;min-height:5.5rem;width:100%;border-radius:1rem;border:2px solid #1d4ed8;background:#eff6ff;color:#0b1f4d;cursor:pointer}
.device-levels button.bad{border-color:#b91c1c;background:#fef2f2;color:#5f0f0f}
.device-case{font-size:1.4rem}
.device-note{font-size:1.4rem;padding:1rem;border-radius:.5rem;background:#ecfdf5;color:#064e3b}
`;

export function DevicePage(props: {
  ctx: PageContext;
  next: CaseFacts | undefined;
  done: boolean;
  notice?: string;
}) {
  const { ctx, next, done } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'deviceTitle')} scripts={['/assets/device.js']}>
      {next ? null : <meta http-equiv="refresh" content="15" />}
      <style>{STYLE}</style>
      <h1>{t(lang, 'deviceTitle')}</h1>
      {done ? (
        <p class="device-note" role="status">
          {t(lang, 'deviceThanks')}
        </p>
      ) : null}
      {props.notice ? (
        <p class="device-note" role="alert">
          {props.notice}
        </p>
      ) : null}
      <p id="device-queue" class="device-note" hidden data-label={t(lang, 'deviceQueued')} />
      {next ? (
        <form id="device-form" method="post" action="/rate/device">
          <input type="hidden" name="caseId" value={next.caseId} />
          <p class="device-case">
            {t(lang, 'deviceCase')} {next.serviceName}（{next.caseId}）
          </p>
          <fieldset class="device-levels">
            <legend>{t(lang, 'rateOverall')}</legend>
            {[5, 4, 3, 2, 1].map((s) => (
              <button type="submit" name="score" value={String(s)} class={s <= 2 ? 'bad' : undefined}>
                {t(lang, SCORE_KEYS[s] ?? 'score3')}
              </button>
            ))}
          </fieldset>
        </form>
      ) : (
        <p class="device-case" role="status">
          {t(lang, 'deviceWaiting')}
        </p>
      )}
    </Layout>
  );
}

export function DeviceSetupPage(props: { ctx: PageContext; error?: string }) {
  const { lang } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t(lang, 'deviceSetupTitle')}>
      <h1>{t(lang, 'deviceSetupTitle')}</h1>
      <p>{t(lang, 'deviceSetupIntro')}</p>
      {props.error ? <p role="alert">{props.error}</p> : null}
      <form method="post" action="/rate/device/setup">
        <label for="device-key">{t(lang, 'deviceKey')}</label>
        <input id="device-key" name="key" type="password" autocomplete="off" required maxlength={100} />
        <button type="submit">{t(lang, 'deviceSetupSave')}</button>
      </form>
    </Layout>
  );
}
