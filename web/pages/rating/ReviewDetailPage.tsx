/**
 * One bad review for staff: the rating, the (masked) callback contact, deadlines, and
 * the forms its department uses to record the callback, the rectification or an
 * appeal — and, for the efficiency office, the ruling on a pending appeal. Plain
 * forms, so the console works without JavaScript too.
 */
import { CALLBACK_OUTCOMES, RECTIFICATION_STATUSES } from '../../../functions/domain/ratings/rating.js';
import type { StaffReviewView } from '../../../functions/usecases/ratings/views.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import {
  APPEAL_STATUS_KEYS,
  beijingTime,
  OUTCOME_KEYS,
  RECT_STATUS_KEYS,
  STATE_KEYS,
  SUB_SCORE_KEYS,
  scoreLabel,
} from './labels.js';
import { RatingStyles } from './RatingStyles.js';
import { CallbackCell, RectificationCell } from './ReviewsInboxPage.js';

export function RulingForm(props: { ctx: PageContext; caseId: string; idSuffix?: string }) {
  const { lang } = props.ctx;
  const id = (s: string) => `${s}-${props.idSuffix ?? props.caseId}`;
  return (
    <form
      class="staff-form"
      method="post"
      action={`/staff/appeals/${encodeURIComponent(props.caseId)}/ruling`}
    >
      <fieldset>
        <legend>
          <h2>{t(lang, 'ruling')}</h2>
        </legend>
        <label class="check">
          <input type="radio" name="decision" value="upheld" required />
          <span>{t(lang, 'ruleUphold')}</span>
        </label>
        <label class="check">
          <input type="radio" name="decision" value="rejected" />
          <span>{t(lang, 'ruleReject')}</span>
        </label>
        <label for={id('rule-note')}>{t(lang, 'ruleNote')}</label>
        <textarea id={id('rule-note')} name="note" required maxlength={2000} />
      </fieldset>
      <button type="submit" class="primary">
        {t(lang, 'save')}
      </button>
    </form>
  );
}

export function ReviewFacts(props: { ctx: PageContext; r: StaffReviewView }) {
  const { ctx, r } = props;
  const { lang } = ctx;
  return (
    <dl class="facts">
      <dt>{t(lang, 'rateCase')}</dt>
      <dd>{r.caseId}</dd>
      <dt>{t(lang, 'service')}</dt>
      <dd>{r.serviceCode}</dd>
      <dt>{t(lang, 'windowCol')}</dt>
      <dd>{r.windowId ?? '—'}</dd>
      <dt>{t(lang, 'staffCol')}</dt>
      <dd>{r.staffId ?? '—'}</dd>
      <dt>{t(lang, 'ratedAtCol')}</dt>
      <dd>{beijingTime(r.ratedAt, lang)}</dd>
      <dt>{t(lang, 'scoreCol')}</dt>
      <dd>{scoreLabel(lang, r.score)}</dd>
      {Object.entries(r.subScores).map(([k, s]) => (
        <>
          <dt>{t(lang, SUB_SCORE_KEYS[k as keyof typeof SUB_SCORE_KEYS])}</dt>
          <dd>{scoreLabel(lang, Number(s))}</dd>
        </>
      ))}
      <dt>{t(lang, 'commentCol')}</dt>
      <dd>{r.comment ?? '—'}</dd>
      <dt>{t(lang, 'contactCol')}</dt>
      <dd>
        {r.contact
          ? `${r.contact.name} · ${r.contact.phone} (${t(lang, r.contact.matchesApplicant ? 'contactMatches' : 'contactDiffers')})`
          : t(lang, r.contactErasedAt ? 'contactErased' : 'contactNone')}
      </dd>
      <dt>{t(lang, 'callbackCol')}</dt>
      <dd>
        <CallbackCell ctx={ctx} r={r} />
        {r.callback ? (
          <div class="muted">
            {r.callback.by} · {t(lang, OUTCOME_KEYS[r.callback.outcome] ?? 'outcomeExplained')}
            {r.callback.note ? ` · ${r.callback.note}` : ''}
          </div>
        ) : null}
      </dd>
      <dt>{t(lang, 'rectCol')}</dt>
      <dd>
        <RectificationCell ctx={ctx} r={r} />
        {r.rectification ? (
          <div class="muted">
            {t(lang, 'rectPlan')}: {r.rectification.plan}
            {r.rectification.explanation
              ? ` · ${t(lang, 'rectExplanation')}: ${r.rectification.explanation}`
              : ''}
            {r.rectification.evidence ? ` · ${t(lang, 'rectEvidence')}: ${r.rectification.evidence}` : ''}
          </div>
        ) : null}
      </dd>
      {r.appeal ? (
        <>
          <dt>{t(lang, 'fileAppeal')}</dt>
          <dd>
            {t(lang, APPEAL_STATUS_KEYS[r.appeal.status]!)} ·{' '}
            {t(lang, r.appeal.kind === 'malicious' ? 'appealMalicious' : 'appealMistaken')}: {r.appeal.reason}
            {r.appeal.decisionNote ? (
              <div class="muted">
                {t(lang, 'ruleNote')}: {r.appeal.decisionNote}
              </div>
            ) : null}
          </dd>
        </>
      ) : null}
      {r.feedback ? (
        <>
          <dt>{t(lang, 'feedbackCol')}</dt>
          <dd>{t(lang, r.feedback.satisfied ? 'feedbackYes' : 'feedbackNo')}</dd>
        </>
      ) : null}
      <dt>{t(lang, 'filterStatus')}</dt>
      <dd>{t(lang, STATE_KEYS[r.state] ?? 'stateOpen')}</dd>
    </dl>
  );
}

export function ReviewDetailPage(props: {
  ctx: PageContext;
  r: StaffReviewView;
  canAct: boolean;
  canRule: boolean;
  /** Default for the callback time field (Beijing, datetime-local format). */
  nowLocal: string;
  actorName: string;
  error?: string | undefined;
  saved?: boolean;
}) {
  const { ctx, r } = props;
  const { lang } = ctx;
  const path = `/staff/reviews/${encodeURIComponent(r.caseId)}`;
  const open = !r.excluded;
  return (
    <Layout ctx={ctx} title={t(lang, 'reviewTitle')}>
      <RatingStyles />
      <p>
        <a href={`/staff/reviews?departmentId=${encodeURIComponent(r.departmentId)}`}>
          {t(lang, 'inboxTitle')}
        </a>
      </p>
      <h1>
        {t(lang, 'reviewTitle')} · {r.caseId}
      </h1>
      {props.saved ? (
        <p class="ok" role="status">
          {t(lang, 'saved')}
        </p>
      ) : null}
      {props.error ? (
        <div class="errors" role="alert">
          {props.error}
        </div>
      ) : null}
      <ReviewFacts ctx={ctx} r={r} />
      {props.canAct && open && !r.callbackDone ? (
        <form class="staff-form" method="post" action={`${path}/callback`}>
          <h2>{t(lang, 'recordCallback')}</h2>
          <label for="cb-at">{t(lang, 'callbackAt')}</label>
          <input id="cb-at" name="at" type="datetime-local" required value={props.nowLocal} />
          <label for="cb-by">{t(lang, 'callbackBy')}</label>
          <input id="cb-by" name="by" type="text" maxlength={50} value={props.actorName} />
          <label for="cb-outcome">{t(lang, 'callbackOutcome')}</label>
          <select id="cb-outcome" name="outcome">
            {CALLBACK_OUTCOMES.map((o) => (
              <option value={o}>{t(lang, OUTCOME_KEYS[o]!)}</option>
            ))}
          </select>
          <label for="cb-note">{t(lang, 'callbackNote')}</label>
          <textarea id="cb-note" name="note" maxlength={1000} />
          <button type="submit" class="primary">
            {t(lang, 'save')}
          </button>
        </form>
      ) : null}
      {props.canAct && open && !r.rectificationSettled ? (
        <form class="staff-form" method="post" action={`${path}/rectification`}>
          <h2>{t(lang, 'recordRectification')}</h2>
          <label for="rect-plan">{t(lang, 'rectPlan')}</label>
          <textarea id="rect-plan" name="plan" required maxlength={2000}>
            {r.rectification?.plan ?? ''}
          </textarea>
          <label for="rect-status">{t(lang, 'rectStatus')}</label>
          <select id="rect-status" name="status">
            {RECTIFICATION_STATUSES.map((s) => (
              <option value={s}>{t(lang, RECT_STATUS_KEYS[s]!)}</option>
            ))}
          </select>
          <label for="rect-explanation">{t(lang, 'rectExplanation')}</label>
          <textarea id="rect-explanation" name="explanation" maxlength={2000} />
          <label for="rect-evidence">{t(lang, 'rectEvidence')}</label>
          <textarea id="rect-evidence" name="evidence" maxlength={2000}>
            {r.rectification?.evidence ?? ''}
          </textarea>
          <button type="submit" class="primary">
            {t(lang, 'save')}
          </button>
        </form>
      ) : null}
      {props.canAct && open && !r.appeal ? (
        <form class="staff-form" method="post" action={`${path}/appeal`}>
          <h2>{t(lang, 'fileAppeal')}</h2>
          <label for="ap-kind">{t(lang, 'appealKind')}</label>
          <select id="ap-kind" name="kind">
            <option value="malicious">{t(lang, 'appealMalicious')}</option>
            <option value="mistaken">{t(lang, 'appealMistaken')}</option>
          </select>
          <label for="ap-reason">{t(lang, 'appealReason')}</label>
          <textarea id="ap-reason" name="reason" required minlength={4} maxlength={2000} />
          <button type="submit">{t(lang, 'save')}</button>
        </form>
      ) : null}
      {props.canRule && r.appeal?.status === 'pending' ? <RulingForm ctx={ctx} caseId={r.caseId} /> : null}
    </Layout>
  );
}
