/**
 * Supervision orders in the console: the list with a status filter and, for
 * inspectors, the form to issue one (`/staff/orders`); and one order with its steps,
 * its audit trail and the forms the caller's role allows — the department responds,
 * the inspector closes (办结销号) or escalates (`/staff/orders/:id`).
 */

import {
  ORDER_STATUSES,
  ORDER_TARGET_TYPES,
  type SupervisionOrder,
} from '../../../functions/domain/supervision/order.js';
import type { AuditEntry } from '../../../functions/store/audit.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type Lang, type MessageKey, t } from '../../i18n.js';
import { beijingTime } from '../rankings/format.js';
import { SupervisionStyles } from './styles.js';

const statusLabel = (lang: Lang, s: string) => t(lang, `svStatus_${s}` as MessageKey);

export function ErrorBox(props: { lang: Lang; message?: string | undefined }) {
  return props.message ? (
    <div class="sv-error" role="alert">
      <strong>{t(props.lang, 'svErrorTitle')}</strong>: {props.message}
    </div>
  ) : null;
}

export interface IssueValues {
  targetType?: string | undefined;
  targetId?: string | undefined;
  departmentId?: string | undefined;
  title?: string | undefined;
  instructions?: string | undefined;
  deadline?: string | undefined;
}

export function OrdersPage(props: {
  ctx: PageContext;
  orders: SupervisionOrder[];
  status: string;
  departments: Map<string, string>;
  canIssue: boolean;
  values: IssueValues;
  error?: string | undefined;
}) {
  const { ctx, values } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'svOrders')}>
      <SupervisionStyles />
      <h1>{t(lang, 'svOrders')}</h1>
      <ErrorBox lang={lang} message={props.error} />
      <form method="get" action="/staff/orders" class="sv-filters">
        <div>
          <label for="status">{t(lang, 'svStatus')}</label>
          <select id="status" name="status">
            {['open', ...ORDER_STATUSES].map((s) => (
              <option value={s} selected={props.status === s}>
                {statusLabel(lang, s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t(lang, 'svFilter')}</button>
        </div>
      </form>
      {props.orders.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t(lang, 'svOrders')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'svOrder')}</th>
                <th scope="col">{t(lang, 'svTitleField')}</th>
                <th scope="col">{t(lang, 'department')}</th>
                <th scope="col">{t(lang, 'svTargetType')}</th>
                <th scope="col">{t(lang, 'svDeadline')}</th>
                <th scope="col">{t(lang, 'svStatus')}</th>
                <th scope="col" class="num">
                  {t(lang, 'svLevelN')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.orders.map((o) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/orders/${encodeURIComponent(o.id)}`}>{o.id}</a>
                  </th>
                  <td>{o.title}</td>
                  <td>{props.departments.get(o.departmentId) ?? o.departmentId}</td>
                  <td>
                    {t(lang, `svTarget_${o.targetType}` as MessageKey)} {o.targetId}
                  </td>
                  <td>{o.deadline}</td>
                  <td>
                    {statusLabel(lang, o.status)}
                    {o.overdue ? <strong> · {t(lang, 'svOverdue')}</strong> : null}
                  </td>
                  <td class="num">{o.level}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t(lang, 'svNoOrders')}</p>
      )}
      {props.canIssue ? (
        <section aria-labelledby="issue">
          <h2 id="issue">{t(lang, 'svIssueOrder')}</h2>
          <form method="post" action="/staff/orders" class="sv-form">
            <label for="targetType">{t(lang, 'svTargetType')}</label>
            <select id="targetType" name="targetType">
              {ORDER_TARGET_TYPES.map((tt) => (
                <option value={tt} selected={values.targetType === tt}>
                  {t(lang, `svTarget_${tt}` as MessageKey)}
                </option>
              ))}
            </select>
            <label for="targetId">{t(lang, 'svTargetId')}</label>
            <input id="targetId" name="targetId" required maxlength={64} value={values.targetId ?? ''} />
            <label for="departmentId">{t(lang, 'svDepartmentOptional')}</label>
            <select id="departmentId" name="departmentId">
              <option value="">—</option>
              {[...props.departments].map(([id, name]) => (
                <option value={id} selected={values.departmentId === id}>
                  {name}
                </option>
              ))}
            </select>
            <label for="title">{t(lang, 'svTitleField')}</label>
            <input id="title" name="title" required maxlength={200} value={values.title ?? ''} />
            <label for="instructions">{t(lang, 'svInstructions')}</label>
            <textarea id="instructions" name="instructions" required rows={4} maxlength={2000}>
              {values.instructions ?? ''}
            </textarea>
            <label for="deadline">{t(lang, 'svDeadline')}</label>
            <input id="deadline" name="deadline" type="date" required value={values.deadline ?? ''} />
            <p>
              <button type="submit" class="primary">
                {t(lang, 'svIssue')}
              </button>
            </p>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

function summary(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const v = value as Record<string, unknown>;
  return ['status', 'level', 'deadline', 'overdue']
    .filter((k) => v[k] !== undefined)
    .map((k) => `${k}: ${String(v[k])}`)
    .join(', ');
}

export function OrderPage(props: {
  ctx: PageContext;
  order: SupervisionOrder;
  audit: AuditEntry[];
  departmentName: string;
  canRespond: boolean;
  canDecide: boolean;
  error?: string | undefined;
}) {
  const { ctx, order: o } = props;
  const { lang } = ctx;
  const base = `/staff/orders/${encodeURIComponent(o.id)}`;
  return (
    <Layout ctx={ctx} title={`${t(lang, 'svOrder')} ${o.id}`}>
      <SupervisionStyles />
      <p class="no-print">
        <a href="/staff/orders">{t(lang, 'svOrders')}</a>
      </p>
      <h1>
        {t(lang, 'svOrder')} {o.id}
      </h1>
      <ErrorBox lang={lang} message={props.error} />
      <dl class="sv-figures">
        <div>
          <dt>{t(lang, 'svTitleField')}</dt>
          <dd>{o.title}</dd>
        </div>
        <div>
          <dt>{t(lang, 'department')}</dt>
          <dd>{props.departmentName}</dd>
        </div>
        <div>
          <dt>{t(lang, 'svTargetType')}</dt>
          <dd>
            {t(lang, `svTarget_${o.targetType}` as MessageKey)} {o.targetId}
            {o.targetLabel ? <span class="muted"> ({o.targetLabel})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t(lang, 'svDeadline')}</dt>
          <dd>{o.deadline}</dd>
        </div>
        <div>
          <dt>{t(lang, 'svStatus')}</dt>
          <dd>
            {statusLabel(lang, o.status)}
            {o.overdue ? ` · ${t(lang, 'svOverdue')}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t(lang, 'svLevelN')}</dt>
          <dd>{o.level}</dd>
        </div>
      </dl>
      <h2>{t(lang, 'svInstructions')}</h2>
      <p>{o.instructions}</p>
      <h2>{t(lang, 'svSteps')}</h2>
      <ol>
        {o.steps.map((s) => (
          <li>
            {beijingTime(s.at)} · {t(lang, `svAction_${s.action}` as MessageKey)} · {s.by}
            {s.deadline && s.action !== 'overdue' ? ` · ${t(lang, 'svDeadline')} ${s.deadline}` : ''}
            {s.note ? <p>{s.note}</p> : null}
          </li>
        ))}
      </ol>
      {props.canRespond && (o.status === 'issued' || o.status === 'escalated') ? (
        <section aria-labelledby="respond">
          <h2 id="respond">{t(lang, 'svRespond')}</h2>
          <form method="post" action={`${base}/respond`} class="sv-form">
            <label for="note">{t(lang, 'svResponse')}</label>
            <textarea id="note" name="note" required rows={4} maxlength={2000} />
            <p>
              <button type="submit" class="primary">
                {t(lang, 'svRespond')}
              </button>
            </p>
          </form>
        </section>
      ) : null}
      {props.canDecide && o.status !== 'closed' ? (
        <>
          {o.status === 'responded' ? (
            <section aria-labelledby="close">
              <h2 id="close">{t(lang, 'svClose')}</h2>
              <form method="post" action={`${base}/close`} class="sv-form">
                <label for="outcome">{t(lang, 'svOutcome')}</label>
                <textarea id="outcome" name="outcome" required rows={3} maxlength={2000} />
                <p>
                  <button type="submit" class="primary">
                    {t(lang, 'svClose')}
                  </button>
                </p>
              </form>
            </section>
          ) : null}
          <section aria-labelledby="escalate">
            <h2 id="escalate">{t(lang, 'svEscalate')}</h2>
            <form method="post" action={`${base}/escalate`} class="sv-form">
              <label for="escalate-note">{t(lang, 'svEscalateNote')}</label>
              <textarea id="escalate-note" name="note" required rows={3} maxlength={2000} />
              <label for="escalate-deadline">{t(lang, 'svNewDeadline')}</label>
              <input id="escalate-deadline" name="deadline" type="date" required />
              <p>
                <button type="submit">{t(lang, 'svEscalate')}</button>
              </p>
            </form>
          </section>
        </>
      ) : null}
      <h2>{t(lang, 'svAudit')}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t(lang, 'svAudit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'time')}</th>
              <th scope="col">{t(lang, 'svWho')}</th>
              <th scope="col">{t(lang, 'svAction')}</th>
              <th scope="col">{t(lang, 'svBefore')}</th>
              <th scope="col">{t(lang, 'svAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {props.audit.map((a) => (
              <tr>
                <td>{beijingTime(a.at)}</td>
                <td>
                  {a.actor} <span class="muted">({(a.roles ?? []).join(', ')})</span>
                </td>
                <td>{a.action}</td>
                <td>{summary(a.before)}</td>
                <td>{summary(a.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
