/**
 * The department's inbox of bad reviews (差评整改台账): newest first, filtered by
 * follow-up state, each row with its callback and rectification deadlines and
 * whether they were missed. The office and inspectors pick the department.
 */
import type { Department } from '../../../functions/domain/catalogue.js';
import type { StaffReviewView } from '../../../functions/usecases/ratings/views.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { beijingTime, RECT_STATUS_KEYS, STATE_KEYS, scoreLabel } from './labels.js';
import { RatingStyles } from './RatingStyles.js';

export const INBOX_FILTERS = ['open', 'overdue', 'appealed', 'closed', 'excluded', 'all'] as const;

export function CallbackCell(props: { ctx: PageContext; r: StaffReviewView }) {
  const { lang } = props.ctx;
  const r = props.r;
  if (r.callbackDone) return <>{`${t(lang, 'callbackDoneAt')} ${beijingTime(r.callback?.at, lang)}`}</>;
  if (!r.callbackRequired && !r.callback) return <>{t(lang, 'notNeeded')}</>;
  return (
    <>
      {`${t(lang, 'dueBy')} ${r.callbackDueDate ?? ''}`}
      {r.callbackOverdue ? <strong> · {t(lang, 'overdue')}</strong> : null}
    </>
  );
}

export function RectificationCell(props: { ctx: PageContext; r: StaffReviewView }) {
  const { lang } = props.ctx;
  const r = props.r;
  const status = r.rectification?.status;
  return (
    <>
      {status ? `${t(lang, RECT_STATUS_KEYS[status]!)} · ` : ''}
      {r.rectificationSettled
        ? beijingTime(r.rectification?.settledAt, lang)
        : `${t(lang, 'dueBy')} ${r.rectificationDueDate ?? ''}`}
      {r.rectificationOverdue ? <strong> · {t(lang, 'overdue')}</strong> : null}
    </>
  );
}

export function ReviewsInboxPage(props: {
  ctx: PageContext;
  departmentId: string;
  departments: Department[];
  canPickDepartment: boolean;
  filter: string;
  items: StaffReviewView[];
  nextCursor: string | null;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  const next = props.nextCursor
    ? `/staff/reviews?departmentId=${encodeURIComponent(props.departmentId)}&status=${props.filter}&cursor=${encodeURIComponent(props.nextCursor)}`
    : undefined;
  return (
    <Layout ctx={ctx} title={t(lang, 'inboxTitle')}>
      <RatingStyles />
      <h1>{t(lang, 'inboxTitle')}</h1>
      <p class="muted">{t(lang, 'inboxIntro')}</p>
      <form method="get" action="/staff/reviews" class="inline-form">
        {props.canPickDepartment ? (
          <div>
            <label for="f-dept">{t(lang, 'filterDepartment')}</label>
            <select id="f-dept" name="departmentId">
              {props.departments.map((d) => (
                <option value={d.id} selected={d.id === props.departmentId}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="departmentId" value={props.departmentId} />
        )}
        <div>
          <label for="f-status">{t(lang, 'filterStatus')}</label>
          <select id="f-status" name="status">
            {INBOX_FILTERS.map((f) => (
              <option value={f} selected={f === props.filter}>
                {t(lang, STATE_KEYS[f]!)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t(lang, 'filterShow')}</button>
      </form>
      {props.items.length === 0 ? (
        <p>{t(lang, 'noReviews')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t(lang, 'inboxTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'ratedAtCol')}</th>
                <th scope="col">{t(lang, 'rateCase')}</th>
                <th scope="col">{t(lang, 'scoreCol')}</th>
                <th scope="col">{t(lang, 'commentCol')}</th>
                <th scope="col">{t(lang, 'callbackCol')}</th>
                <th scope="col">{t(lang, 'rectCol')}</th>
                <th scope="col">{t(lang, 'filterStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((r) => (
                <tr>
                  <td>{beijingTime(r.ratedAt, lang)}</td>
                  <td>
                    <a href={`/staff/reviews/${encodeURIComponent(r.caseId)}`}>{r.caseId}</a>
                    <div class="muted">
                      {r.serviceCode}
                      {r.windowId ? ` · ${r.windowId}` : ''}
                      {r.staffId ? ` · ${r.staffId}` : ''}
                    </div>
                  </td>
                  <td>{scoreLabel(lang, r.score)}</td>
                  <td>{r.comment ?? ''}</td>
                  <td>
                    <CallbackCell ctx={ctx} r={r} />
                  </td>
                  <td>
                    <RectificationCell ctx={ctx} r={r} />
                  </td>
                  <td>{t(lang, STATE_KEYS[r.state] ?? 'stateOpen')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {next ? (
        <p>
          <a href={next}>{t(lang, 'moreItems')}</a>
        </p>
      ) : null}
    </Layout>
  );
}
