/**
 * The rating form: five levels as large radio rows, optional sub-scores, an optional
 * comment, and an optional callback contact with the PIPL consent (purpose and
 * retention). A plain HTML form POST: it works the same with JavaScript off. On an
 * error it comes back filled in, with what to fix at the top.
 */
import { MAX_COMMENT_CHARS, SUB_SCORES, type SubScoreKey } from '../../../functions/domain/ratings/rating.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { beijingTime, SCORE_KEYS, SUB_SCORE_KEYS } from './labels.js';
import { RatingStyles } from './RatingStyles.js';

export interface RateFormValues {
  score?: string | undefined;
  sub?: Partial<Record<SubScoreKey, string>>;
  comment?: string | undefined;
  callback?: boolean;
  name?: string | undefined;
  phone?: string | undefined;
  consent?: boolean;
}

export interface CaseSummary {
  caseId: string;
  serviceName: string;
  departmentName: string;
  completedAt: string | undefined;
}

export function CaseFacts(props: { ctx: PageContext; info: CaseSummary }) {
  const { lang } = props.ctx;
  return (
    <dl class="facts">
      <dt>{t(lang, 'rateCase')}</dt>
      <dd>{props.info.caseId}</dd>
      <dt>{t(lang, 'service')}</dt>
      <dd>{props.info.serviceName}</dd>
      <dt>{t(lang, 'department')}</dt>
      <dd>{props.info.departmentName}</dd>
      {props.info.completedAt ? (
        <>
          <dt>{t(lang, 'rateCompleted')}</dt>
          <dd>{beijingTime(props.info.completedAt, lang)}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function RatePage(props: {
  ctx: PageContext;
  info: CaseSummary;
  token: string;
  values?: RateFormValues;
  errors?: string[];
}) {
  const { ctx, info } = props;
  const { lang } = ctx;
  const v = props.values ?? {};
  const action = `/rate/${encodeURIComponent(info.caseId)}${lang === 'en' ? '?lang=en' : ''}`;
  return (
    <Layout ctx={ctx} title={t(lang, 'rateTitle')}>
      <RatingStyles />
      <h1>{t(lang, 'rateTitle')}</h1>
      <CaseFacts ctx={ctx} info={info} />
      <p>{t(lang, 'rateIntro')}</p>
      {props.errors?.length ? (
        <div class="errors" role="alert" id="form-errors">
          <h2>{t(lang, 'rateErrorTitle')}</h2>
          <ul>
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form class="rate-form" method="post" action={action}>
        <input type="hidden" name="t" value={props.token} />
        <fieldset>
          <legend>{t(lang, 'rateOverall')}</legend>
          <div class="levels">
            {[5, 4, 3, 2, 1].map((s) => (
              <label>
                <input type="radio" name="score" value={String(s)} required checked={v.score === String(s)} />
                {t(lang, SCORE_KEYS[s]!)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'rateSubScores')}</legend>
          {SUB_SCORES.map((k) => (
            <>
              <label for={`sub-${k}`}>{t(lang, SUB_SCORE_KEYS[k])}</label>
              <select id={`sub-${k}`} name={k}>
                <option value="">{t(lang, 'subNone')}</option>
                {[5, 4, 3, 2, 1].map((s) => (
                  <option value={String(s)} selected={v.sub?.[k] === String(s)}>
                    {t(lang, SCORE_KEYS[s]!)}
                  </option>
                ))}
              </select>
            </>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'rateComment')}</legend>
          <label for="comment" class="visually-hidden">
            {t(lang, 'rateComment')}
          </label>
          <textarea
            id="comment"
            name="comment"
            maxlength={MAX_COMMENT_CHARS}
            aria-describedby="comment-hint"
            rows={5}
          >
            {v.comment ?? ''}
          </textarea>
          <p class="hint" id="comment-hint">
            {t(lang, 'rateCommentHint')}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'rateCallbackLegend')}</legend>
          <label class="check">
            <input type="checkbox" name="callback" value="1" checked={v.callback === true} />
            <span>{t(lang, 'rateCallbackWant')}</span>
          </label>
          <label for="cb-name">{t(lang, 'rateName')}</label>
          <input
            id="cb-name"
            name="name"
            type="text"
            maxlength={50}
            autocomplete="name"
            value={v.name ?? ''}
          />
          <label for="cb-phone">{t(lang, 'ratePhone')}</label>
          <input
            id="cb-phone"
            name="phone"
            type="tel"
            inputmode="tel"
            maxlength={20}
            autocomplete="tel"
            value={v.phone ?? ''}
          />
          <label class="check">
            <input type="checkbox" name="consent" value="1" checked={v.consent === true} />
            <span>{t(lang, 'rateConsent')}</span>
          </label>
          <p class="hint">
            <a href="/privacy">{t(lang, 'navPrivacy')}</a>
          </p>
        </fieldset>
        <button type="submit" class="primary">
          {t(lang, 'rateSubmit')}
        </button>
      </form>
    </Layout>
  );
}
