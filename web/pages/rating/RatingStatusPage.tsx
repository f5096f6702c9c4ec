/**
 * What the rater sees once the case is rated: a thank-you (right after rating) or
 * "already rated", their rating, what happens next, the follow-up of a bad review
 * so far, and — once the department reports its rectification — a form to say
 * whether it satisfied them. No script needed.
 */
import type { RaterView } from '../../../functions/usecases/ratings/views.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { beijingTime, OUTCOME_KEYS, SUB_SCORE_KEYS, scoreLabel } from './labels.js';
import { CaseFacts, type CaseSummary } from './RatePage.js';
import { RatingStyles } from './RatingStyles.js';

function FollowUp(props: { ctx: PageContext; view: RaterView; departmentName: string }) {
  const { lang } = props.ctx;
  const f = props.view.followUp;
  if (!f) return null;
  const rect = f.rectification;
  return (
    <section aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{t(lang, 'followUpTitle')}</h2>
      <ul class="steps">
        {props.view.callbackRequested || f.callback ? (
          <li>
            {f.callback?.done
              ? `${t(lang, 'callbackDoneAt')}: ${beijingTime(f.callback.at, lang)} · ${t(lang, OUTCOME_KEYS[f.callback.outcome] ?? 'outcomeExplained')}`
              : `${t(lang, 'callbackPending')} (${t(lang, 'dueBy')} ${f.callbackDueDate ?? ''})`}
          </li>
        ) : null}
        <li>
          {rect?.status === 'done'
            ? `${t(lang, 'rectDone')}: ${beijingTime(rect.settledAt, lang)}`
            : rect?.status === 'cannot'
              ? t(lang, 'rectCannot')
              : rect?.status === 'planned'
                ? `${t(lang, 'rectPlanned')} (${t(lang, 'dueBy')} ${f.rectificationDueDate ?? ''})`
                : `${t(lang, 'rectPending')} (${t(lang, 'dueBy')} ${f.rectificationDueDate ?? ''})`}
        </li>
      </ul>
      {rect ? (
        <dl class="facts">
          <dt>{t(lang, 'rectPlan')}</dt>
          <dd>{rect.plan}</dd>
          {rect.explanation ? (
            <>
              <dt>{t(lang, 'rectExplanation')}</dt>
              <dd>{rect.explanation}</dd>
            </>
          ) : null}
          {rect.evidence ? (
            <>
              <dt>{t(lang, 'rectEvidence')}</dt>
              <dd>{rect.evidence}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {f.appeal?.status === 'pending' ? <p>{t(lang, 'appealPendingRater')}</p> : null}
      {f.appeal?.status === 'upheld' ? (
        <p>
          {t(lang, 'appealUpheldRater')} {f.appeal.decisionNote}
        </p>
      ) : null}
      {f.appeal?.status === 'rejected' ? <p>{t(lang, 'appealRejectedRater')}</p> : null}
      {f.feedback ? (
        <p>
          {t(lang, 'feedbackGiven')} {t(lang, f.feedback.satisfied ? 'feedbackYes' : 'feedbackNo')}
        </p>
      ) : null}
    </section>
  );
}

function FeedbackForm(props: {
  ctx: PageContext;
  caseId: string;
  token: string;
  error?: string | undefined;
}) {
  const { lang } = props.ctx;
  return (
    <form
      class="rate-form"
      method="post"
      action={`/rate/${encodeURIComponent(props.caseId)}/feedback${lang === 'en' ? '?lang=en' : ''}`}
    >
      <input type="hidden" name="t" value={props.token} />
      {props.error ? (
        <div class="errors" role="alert">
          {props.error}
        </div>
      ) : null}
      <fieldset>
        <legend>{t(lang, 'feedbackTitle')}</legend>
        <div class="levels">
          <label>
            <input type="radio" name="satisfied" value="yes" required />
            {t(lang, 'feedbackYes')}
          </label>
          <label>
            <input type="radio" name="satisfied" value="no" />
            {t(lang, 'feedbackNo')}
          </label>
        </div>
        <label for="fb-comment">{t(lang, 'feedbackComment')}</label>
        <textarea id="fb-comment" name="comment" maxlength={500} rows={3} />
      </fieldset>
      <button type="submit" class="primary">
        {t(lang, 'feedbackSubmit')}
      </button>
    </form>
  );
}

export function RatingStatusPage(props: {
  ctx: PageContext;
  info: CaseSummary;
  view: RaterView;
  token: string;
  /** Right after rating: a thank-you rather than "already rated". */
  justRated: boolean;
  /** Right after giving feedback. */
  feedbackSaved?: boolean;
  feedbackError?: string | undefined;
}) {
  const { ctx, view } = props;
  const { lang } = ctx;
  const f = view.followUp;
  return (
    <Layout ctx={ctx} title={t(lang, props.justRated ? 'thanksTitle' : 'yourRating')}>
      <RatingStyles />
      <h1>{t(lang, props.justRated ? 'thanksTitle' : 'yourRating')}</h1>
      {props.justRated ? null : (
        <p class="ok" role="status">
          {t(lang, 'alreadyRated')}
        </p>
      )}
      {props.feedbackSaved ? (
        <p class="ok" role="status">
          {t(lang, 'saved')}
        </p>
      ) : null}
      <CaseFacts ctx={ctx} info={props.info} />
      <h2>{t(lang, 'yourRating')}</h2>
      <dl class="facts">
        <dt>{t(lang, 'scoreCol')}</dt>
        <dd>{scoreLabel(lang, view.score)}</dd>
        {Object.entries(view.subScores).map(([k, s]) => (
          <>
            <dt>{t(lang, SUB_SCORE_KEYS[k as keyof typeof SUB_SCORE_KEYS])}</dt>
            <dd>{scoreLabel(lang, Number(s))}</dd>
          </>
        ))}
        {view.comment ? (
          <>
            <dt>{t(lang, 'commentCol')}</dt>
            <dd>{view.comment}</dd>
          </>
        ) : null}
        <dt>{t(lang, 'ratedAtCol')}</dt>
        <dd>{beijingTime(view.ratedAt, lang)}</dd>
      </dl>
      <h2>{t(lang, 'whatNextTitle')}</h2>
      {f ? (
        <ul class="steps">
          <li>{t(lang, 'nextBad1')}</li>
          {view.callbackRequested || f.callbackDueDate ? (
            <li>
              {t(lang, 'nextBadCallback')} <strong>{f.callbackDueDate}</strong>
            </li>
          ) : null}
          <li>
            {t(lang, 'nextBadRectify')} <strong>{f.rectificationDueDate}</strong>
          </li>
          <li>{t(lang, 'nextBadFeedback')}</li>
        </ul>
      ) : (
        <p>{t(lang, 'nextGood')}</p>
      )}
      <FollowUp ctx={ctx} view={view} departmentName={props.info.departmentName} />
      {f?.canGiveFeedback ? (
        <FeedbackForm ctx={ctx} caseId={view.caseId} token={props.token} error={props.feedbackError} />
      ) : null}
      <p>
        <a href={`/services/${encodeURIComponent(view.serviceCode)}${lang === 'en' ? '?lang=en' : ''}`}>
          {props.info.serviceName}
        </a>
      </p>
    </Layout>
  );
}
