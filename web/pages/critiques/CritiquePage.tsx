/**
 * A critique's own page, shown to whoever holds its tracking code whatever its status:
 * where it stands, who answers for it and by when, every public answer with the time
 * it took, the timeline, and — once answered — the nitpicker's "solved / not solved"
 * form (a plain POST), which needs the nitpicker's private key: carried in a hidden
 * field when the page was opened through the private link, typed in otherwise. Right
 * after submitting, the receipt shows the tracking code, the private link and the key.
 * All text is masked and escaped (see publicCritique).
 */
import type { PublicCritique } from '../../../functions/domain/critiques/public-view.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { inParens, t } from '../../i18n.js';
import { CritiqueStyles, categoryLabel, eventLabel, StatusBadge, when } from './parts.js';

export function CritiquePage(props: {
  ctx: PageContext;
  c: PublicCritique;
  justSubmitted?: boolean;
  /** Opened through the private link: the (checked) key and that link. */
  nitpicker?: { key: string; url: string } | undefined;
  /** A key was given but is not this critique's. */
  keyRefused?: boolean;
  confirmed?: boolean;
  error?: string;
}) {
  const { ctx, c } = props;
  const { lang } = ctx;
  const title = `${categoryLabel(lang, c.category)} · ${c.targetName ?? c.departmentName ?? t(lang, 'crGeneral')}`;
  const canConfirm = (c.status === 'answered' || c.status === 'rectified') && c.confirmation !== 'solved';
  return (
    <Layout ctx={ctx} title={`${t(lang, 'crPageTitle')} ${c.trackingCode}`}>
      <CritiqueStyles />
      {props.justSubmitted ? (
        <div class="ok" role="status">
          <p>{t(lang, 'crThanks')}</p>
          <p class="code">{c.trackingCode}</p>
          {props.nitpicker ? (
            <>
              <p>{t(lang, 'crPrivateLinkIntro')}</p>
              <p>
                <a href={props.nitpicker.url} class="cr-private-link">
                  {props.nitpicker.url}
                </a>
              </p>
              <p>
                {t(lang, 'crPrivateKey')}
                {t(lang, 'colon')}
                <code class="cr-private-key">{props.nitpicker.key}</code>
              </p>
              <p class="hint">{t(lang, 'crPrivateKeyWarning')}</p>
            </>
          ) : null}
        </div>
      ) : null}
      {props.keyRefused ? (
        <p class="errors" role="alert">
          {t(lang, 'crKeyRefused')}
        </p>
      ) : null}
      {props.confirmed ? (
        <p class="ok" role="status">
          {t(lang, 'crConfirmSaved')}
        </p>
      ) : null}
      {props.error ? (
        <p class="errors" role="alert">
          {props.error}
        </p>
      ) : null}
      <h1>{title}</h1>
      <p class="cr-meta">
        <span>
          {t(lang, 'crTrackCode')}: <span class="code">{c.trackingCode}</span>
        </span>
        <StatusBadge lang={lang} status={c.status} />
        {c.overdue ? <span class="badge late">{t(lang, 'crOverdue')}</span> : null}
        {c.award ? <span class="badge award">{t(lang, 'crAwardBadge')}</span> : null}
      </p>
      <dl class="facts">
        <dt>{t(lang, 'crSubmitted')}</dt>
        <dd>{when(c.createdAt, lang)}</dd>
        <dt>{t(lang, 'crCategoryLabel')}</dt>
        <dd>{categoryLabel(lang, c.category)}</dd>
        <dt>{t(lang, 'crTarget')}</dt>
        <dd>{c.targetName ?? t(lang, 'crGeneral')}</dd>
        {c.departmentName ? (
          <>
            <dt>{t(lang, 'crDepartment')}</dt>
            <dd>{c.departmentName}</dd>
          </>
        ) : null}
        {c.replyDue && (c.status === 'routed' || c.status === 'reopened') ? (
          <>
            <dt>{t(lang, 'crReplyDue')}</dt>
            <dd>{c.replyDue}</dd>
          </>
        ) : null}
        <dt>{t(lang, 'crNicknameCol')}</dt>
        <dd>{c.nickname ?? t(lang, 'crAnonymous')}</dd>
        {c.meToo ? (
          <>
            <dt>{t(lang, 'crMeTooLabel')}</dt>
            <dd>
              +{c.meToo} {t(lang, 'crMeToo')}
            </dd>
          </>
        ) : null}
        {c.responseDays !== undefined ? (
          <>
            <dt>{t(lang, 'crResponseTime')}</dt>
            <dd>
              {c.responseDays} {t(lang, 'crWorkingDays')}
              {inParens(lang, c.answeredOnTime ? t(lang, 'crOnTime') : t(lang, 'crLate'))}
            </dd>
          </>
        ) : null}
        {c.notSolvedCount ? (
          <>
            <dt>{t(lang, 'crNotSolvedCount')}</dt>
            <dd>{c.notSolvedCount}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t(lang, 'crText')}</h2>
      <p class="cr-text">{c.text}</p>
      {c.duplicateOf ? (
        <p>
          {t(lang, 'crDuplicateOf')} <a href={`/critiques/${c.duplicateOf}`}>{c.duplicateOf}</a>
        </p>
      ) : null}
      {c.rejectReason ? (
        <>
          <h2>{t(lang, 'crRejectReason')}</h2>
          <p class="cr-text">{c.rejectReason}</p>
        </>
      ) : null}
      {c.award ? (
        <>
          <h2>{t(lang, 'crAwardBadge')}</h2>
          <p class="cr-text">
            {t(lang, 'crCitation')}: {c.award.citation}
            {inParens(lang, when(c.award.grantedAt, lang))}
          </p>
        </>
      ) : null}
      <h2>{t(lang, 'crAnswers')}</h2>
      {c.replies.length ? (
        c.replies.map((r) => (
          <section class="cr-answer" aria-label={`${t(lang, 'crAnswers')} ${when(r.at, lang)}`}>
            <p class="cr-meta">
              <strong>
                {r.kind === 'rectification' ? t(lang, 'crKindRectification') : t(lang, 'crAnswers')}
              </strong>
              <span>{r.by === 'office' ? t(lang, 'crByOffice') : (c.departmentName ?? r.departmentId)}</span>
              <span>{when(r.at, lang)}</span>
            </p>
            {r.text}
          </section>
        ))
      ) : (
        <p>{t(lang, 'crNoAnswer')}</p>
      )}
      {c.confirmation === 'solved' ? <p class="ok">{t(lang, 'crConfirmedSolved')}</p> : null}
      {canConfirm ? (
        <form method="post" action={`/critiques/${c.trackingCode}/confirm`} class="cr-form">
          <fieldset>
            <legend>{t(lang, 'crConfirmTitle')}</legend>
            <p class="hint">{t(lang, 'crConfirmHint')}</p>
            {props.nitpicker ? (
              <input type="hidden" name="key" value={props.nitpicker.key} />
            ) : (
              <>
                <label for="nitpicker-key">{t(lang, 'crPrivateKey')}</label>
                <p class="hint" id="nitpicker-key-hint">
                  {t(lang, 'crPrivateKeyHint')}
                </p>
                <input
                  id="nitpicker-key"
                  name="key"
                  type="text"
                  required
                  autocomplete="off"
                  spellcheck={false}
                  maxlength={80}
                  aria-describedby="nitpicker-key-hint"
                />
              </>
            )}
            <label for="comment">{t(lang, 'crConfirmComment')}</label>
            <textarea id="comment" name="comment" maxlength={500} rows={3} />
            <p class="cr-links">
              <button type="submit" name="verdict" value="solved" class="primary">
                {t(lang, 'crSolved')}
              </button>
              <button type="submit" name="verdict" value="not-solved">
                {t(lang, 'crNotSolved')}
              </button>
            </p>
          </fieldset>
        </form>
      ) : null}
      <h2>{t(lang, 'crTimeline')}</h2>
      <ol class="cr-timeline">
        {c.events.map((e) => (
          <li>
            <time datetime={e.at}>{when(e.at, lang)}</time> {eventLabel(lang, e.kind)}
            {e.kind === 'routed' && e.text ? ` ${e.text}` : ''}
            {e.kind === 'duplicate' && e.ref ? ` ${e.ref}` : ''}
            {(e.kind === 'notSolved' || e.kind === 'solved') && e.text ? `${t(lang, 'colon')}${e.text}` : ''}
          </li>
        ))}
      </ol>
      <p>
        <a href="/critiques">{t(lang, 'crBoardTitle')}</a>
      </p>
    </Layout>
  );
}
