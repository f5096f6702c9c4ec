/**
 * The staff console of the find-fault window: the office's triage queue and lists by
 * status, a department's inbox, a critique with the actions the signed-in role may
 * take (plain POST forms), and the office's Open311 api_keys.
 */
import type { Child } from 'hono/jsx';
import type { Department } from '../../../functions/domain/catalogue.js';
import { MAX_REPLY_DAYS, STATUSES } from '../../../functions/domain/critiques/model.js';
import type { staffCritique } from '../../../functions/domain/critiques/public-view.js';
import type { ApiKeyRecord } from '../../../functions/store/critique-api-keys.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type Lang, t } from '../../i18n.js';
import { CritiqueStyles, categoryLabel, eventLabel, StatusBadge, statusLabel, when } from './parts.js';

export type StaffCritique = ReturnType<typeof staffCritique>;

function Notice(props: { saved?: boolean | undefined; error?: string | undefined; lang: Lang }) {
  return (
    <>
      {props.saved ? (
        <p class="ok" role="status">
          {t(props.lang, 'crActDone')}
        </p>
      ) : null}
      {props.error ? (
        <p class="errors" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}

export function StaffInboxPage(props: {
  ctx: PageContext;
  items: StaffCritique[];
  status?: string | undefined;
  seesAll: boolean;
  nextCursor: string | null;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'crStaffTitle')}>
      <CritiqueStyles />
      <h1>{t(lang, 'crStaffTitle')}</h1>
      <form method="get" action="/staff/critiques" class="cr-filters">
        <div>
          <label for="s-status">{t(lang, 'crStaffListOf')}</label>
          <select id="s-status" name="status">
            {props.seesAll ? null : <option value="">{t(lang, 'crAny')}</option>}
            {STATUSES.map((s) => (
              <option value={s} selected={props.status === s}>
                {statusLabel(lang, s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t(lang, 'crFilterApply')}</button>
      </form>
      {props.items.length ? (
        <ol class="cr-list" style="margin-top:1rem">
          {props.items.map((c) => (
            <li class="cr-item">
              <h2>
                <a href={`/staff/critiques/${c.trackingCode}`}>
                  {c.trackingCode} · {categoryLabel(lang, c.category)} ·{' '}
                  {c.targetName ?? t(lang, 'crGeneral')}
                </a>
              </h2>
              <p class="cr-meta">
                <StatusBadge lang={lang} status={c.status} />
                {c.overdue ? <span class="badge late">{t(lang, 'crOverdue')}</span> : null}
                <span>{when(c.createdAt, lang)}</span>
                {c.replyDue ? (
                  <span>
                    {t(lang, 'crReplyDue')} {c.replyDue}
                  </span>
                ) : null}
                {c.assignedDepartmentName ? <span>{c.assignedDepartmentName}</span> : null}
              </p>
              <p class="cr-text">{c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t(lang, 'crStaffNone')}</p>
      )}
      {props.nextCursor ? (
        <p class="pager">
          <a
            href={`/staff/critiques?${new URLSearchParams({ ...(props.status ? { status: props.status } : {}), cursor: props.nextCursor })}`}
          >
            {t(lang, 'crNextPage')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

function ActionForm(props: {
  code: string;
  action: string;
  label: string;
  children?: Child;
  primary?: boolean;
}) {
  return (
    <form method="post" action={`/staff/critiques/${props.code}/${props.action}`}>
      {props.children}
      <button type="submit" class={props.primary ? 'primary' : undefined}>
        {props.label}
      </button>
    </form>
  );
}

function TextField(props: { id: string; name: string; label: string; multiline?: boolean; max: number }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea id={props.id} name={props.name} required maxlength={props.max} rows={4} />
      ) : (
        <input id={props.id} name={props.name} type="text" required maxlength={props.max} />
      )}
    </>
  );
}

export function StaffCritiquePage(props: {
  ctx: PageContext;
  c: StaffCritique;
  departments: Department[];
  isOffice: boolean;
  isDepartment: boolean;
  saved?: boolean;
  error?: string;
}) {
  const { ctx, c, isOffice, isDepartment } = props;
  const { lang } = ctx;
  const code = c.trackingCode;
  const s = c.status;
  const canAnswer = isOffice || (isDepartment && Boolean(c.assignedDepartmentId));
  return (
    <Layout ctx={ctx} title={`${t(lang, 'crStaffTitle')} ${code}`}>
      <CritiqueStyles />
      <Notice lang={lang} saved={props.saved} error={props.error} />
      <h1>
        {code} · {categoryLabel(lang, c.category)}
      </h1>
      <p class="cr-meta">
        <StatusBadge lang={lang} status={s} />
        {c.overdue ? <span class="badge late">{t(lang, 'crOverdue')}</span> : null}
        <a href={`/critiques/${code}`}>{t(lang, 'crPageTitle')}</a>
      </p>
      <dl class="facts">
        <dt>{t(lang, 'crSubmitted')}</dt>
        <dd>{when(c.createdAt, lang)}</dd>
        <dt>{t(lang, 'crTarget')}</dt>
        <dd>{c.targetName ?? t(lang, 'crGeneral')}</dd>
        <dt>{t(lang, 'crDepartment')}</dt>
        <dd>{c.assignedDepartmentName ?? c.targetDepartmentName ?? '—'}</dd>
        {c.replyDue ? (
          <>
            <dt>{t(lang, 'crReplyDue')}</dt>
            <dd>{c.replyDue}</dd>
          </>
        ) : null}
        <dt>{t(lang, 'crNicknameCol')}</dt>
        <dd>{c.nickname ?? t(lang, 'crAnonymous')}</dd>
        <dt>{t(lang, 'crStaffContact')}</dt>
        <dd>{c.contact?.masked ?? '—'}</dd>
        <dt>{t(lang, 'crStaffChannel')}</dt>
        <dd>{c.channel}</dd>
        <dt>{t(lang, 'crMeTooLabel')}</dt>
        <dd>{c.meToo}</dd>
      </dl>
      <h2>{t(lang, 'crStaffText')}</h2>
      <p class="cr-text">{c.text}</p>
      <h2>{t(lang, 'crAnswers')}</h2>
      {c.replies.length ? (
        c.replies.map((r) => (
          <section class="cr-answer" aria-label={when(r.at, lang)}>
            <p class="cr-meta">
              <strong>
                {r.kind === 'rectification' ? t(lang, 'crKindRectification') : t(lang, 'crAnswers')}
              </strong>
              <span>{when(r.at, lang)}</span>
            </p>
            {r.text}
          </section>
        ))
      ) : (
        <p>{t(lang, 'crNoAnswer')}</p>
      )}
      <div class="cr-staff">
        {isOffice && s === 'submitted' ? (
          <ActionForm code={code} action="accept" label={t(lang, 'crActAccept')} primary />
        ) : null}
        {isOffice && ['submitted', 'accepted', 'routed', 'reopened'].includes(s) ? (
          <ActionForm code={code} action="route" label={t(lang, 'crActRoute')}>
            <label for="departmentId">{t(lang, 'department')}</label>
            <select id="departmentId" name="departmentId">
              {props.departments.map((d) => (
                <option value={d.id} selected={(c.assignedDepartmentId ?? c.targetDepartmentId) === d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <label for="replyDays">{t(lang, 'crActReplyDays')}</label>
            <input id="replyDays" name="replyDays" type="number" min={1} max={MAX_REPLY_DAYS} value="5" />
          </ActionForm>
        ) : null}
        {isOffice && (s === 'submitted' || s === 'accepted') ? (
          <>
            <ActionForm code={code} action="reject" label={t(lang, 'crActReject')}>
              <TextField id="reject-reason" name="reason" label={t(lang, 'crActReason')} max={1000} />
            </ActionForm>
            <ActionForm code={code} action="duplicate" label={t(lang, 'crActDuplicate')}>
              <TextField id="duplicate-of" name="duplicateOf" label={t(lang, 'crActDuplicateOf')} max={40} />
            </ActionForm>
          </>
        ) : null}
        {canAnswer && ['accepted', 'routed', 'reopened', 'answered', 'rectified'].includes(s) ? (
          <ActionForm code={code} action="reply" label={t(lang, 'crActReply')} primary>
            <TextField id="reply-text" name="text" label={t(lang, 'crActReply')} multiline max={4000} />
          </ActionForm>
        ) : null}
        {canAnswer && ['accepted', 'routed', 'reopened', 'answered'].includes(s) ? (
          <ActionForm code={code} action="rectify" label={t(lang, 'crActRectify')}>
            <TextField
              id="rectify-text"
              name="text"
              label={t(lang, 'crActRectifyText')}
              multiline
              max={4000}
            />
          </ActionForm>
        ) : null}
        {isDepartment && !isOffice && (s === 'routed' || s === 'reopened') ? (
          <ActionForm code={code} action="hand-back" label={t(lang, 'crActHandBack')}>
            <TextField id="handback-reason" name="reason" label={t(lang, 'crActReason')} max={1000} />
          </ActionForm>
        ) : null}
        {isOffice && s === 'rectified' && !c.award ? (
          <ActionForm code={code} action="award" label={t(lang, 'crActAward')}>
            <TextField id="citation" name="citation" label={t(lang, 'crCitation')} multiline max={1000} />
          </ActionForm>
        ) : null}
        {isOffice && c.award ? (
          <ActionForm code={code} action="revoke-award" label={t(lang, 'crActRevokeAward')} />
        ) : null}
      </div>
      <h2>{t(lang, 'crTimeline')}</h2>
      <ol class="cr-timeline">
        {c.events.map((e) => (
          <li>
            <time datetime={e.at}>{when(e.at, lang)}</time> {eventLabel(lang, e.kind)}
            {e.departmentId ? ` · ${e.departmentId}` : ''}
            {e.text ? `${t(lang, 'colon')}${e.text}` : ''}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function StaffKeysPage(props: {
  ctx: PageContext;
  keys: ApiKeyRecord[];
  issued?: string | undefined;
  error?: string | undefined;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'crKeysTitle')}>
      <CritiqueStyles />
      <h1>{t(lang, 'crKeysTitle')}</h1>
      <p>{t(lang, 'crKeysIntro')}</p>
      <Notice lang={lang} error={props.error} />
      {props.issued ? (
        <div class="ok" role="status">
          <p>{t(lang, 'crKeyIssued')}</p>
          <p class="code" style="font-size:1rem;overflow-wrap:anywhere">
            {props.issued}
          </p>
        </div>
      ) : null}
      <div class="cr-staff">
        <form method="post" action="/staff/open311-keys">
          <label for="key-name">{t(lang, 'crKeyName')}</label>
          <input id="key-name" name="name" type="text" required maxlength={100} />
          <button type="submit" class="primary">
            {t(lang, 'crKeyIssue')}
          </button>
        </form>
      </div>
      <section class="table-wrap" tabindex={0} aria-label={t(lang, 'crStaffKeysNav')}>
        <table>
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">{t(lang, 'crKeyName')}</th>
              <th scope="col">{t(lang, 'crKeyCreated')}</th>
              <th scope="col">{t(lang, 'crStatusLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr>
                <td>{k.id}</td>
                <td>{k.name}</td>
                <td>{when(k.createdAt, lang)}</td>
                <td>
                  {k.revokedAt ? (
                    `${t(lang, 'crKeyRevoked')} ${when(k.revokedAt, lang)}`
                  ) : (
                    <form method="post" action={`/staff/open311-keys/${k.id}/revoke`} style="margin:0">
                      <button type="submit" aria-label={`${t(lang, 'crKeyRevoke')} ${k.name}`}>
                        {t(lang, 'crKeyRevoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
