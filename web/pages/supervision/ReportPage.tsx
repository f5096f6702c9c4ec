/**
 * The supervision report (`/staff/reports`): a GET form to pick the unit and period,
 * then the report as a printable page — a header with the unit, the period and the
 * generation time; case volume and on-time rate; open cases by colour; the overdue
 * list; bad reviews and their rectification; critiques and answers; supervision orders
 * and their outcome — with links to the same report as CSV (Excel) and JSON.
 */
import {
  MAX_LIST,
  REPORT_SCOPES,
  type SupervisionReport,
} from '../../../functions/domain/supervision/report.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type Lang, type MessageKey, t } from '../../i18n.js';
import { beijingTime, fill, num, pct, periodLabel } from '../rankings/format.js';
import { ErrorBox } from './OrderPages.js';
import { SupervisionStyles } from './styles.js';
import { LevelBadge } from './WarningsPage.js';

export interface ReportFormValues {
  scope?: string | undefined;
  id?: string | undefined;
  period?: string | undefined;
}

function Figure(props: { label: string; value: string | number }) {
  return (
    <div>
      {props.label}
      <strong>{props.value}</strong>
    </div>
  );
}

function Truncated(props: { lang: Lang; list: { truncated: boolean } }) {
  return props.list.truncated ? (
    <p class="muted">{fill(t(props.lang, 'svListTruncated'), { n: MAX_LIST })}</p>
  ) : null;
}

const yesNo = (lang: Lang, v: boolean | undefined) => (v === undefined ? '—' : t(lang, v ? 'svYes' : 'svNo'));

export function ReportBody(props: { lang: Lang; r: SupervisionReport; departments: Map<string, string> }) {
  const { lang, r } = props;
  const dept = (id: string) => props.departments.get(id) ?? id;
  const f = r.badReviews.figures;
  const cf = r.critiques.figures;
  return (
    <article class="sv-report" aria-labelledby="report-title">
      <header class="sv-report-header">
        <h1 id="report-title">
          {t(lang, 'svReportTitle')} · {r.name}
        </h1>
        <p>
          {t(lang, 'rkPeriod')}: <strong>{periodLabel(lang, r.period)}</strong> ({r.firstDay} – {r.lastDay}) ·{' '}
          {t(lang, 'svGeneratedAt')}: <strong>{beijingTime(r.generatedAt)}</strong>
        </p>
      </header>
      <section aria-labelledby="s-cases">
        <h2 id="s-cases">{t(lang, 'svCaseVolume')}</h2>
        <div class="sv-figures">
          <Figure label={t(lang, 'svReceived')} value={r.cases.received} />
          <Figure label={t(lang, 'svCompleted')} value={r.cases.completed} />
          <Figure label={t(lang, 'onTimeRate')} value={pct(lang, r.cases.onTimeRate)} />
          <Figure label={t(lang, 'svLate')} value={r.cases.late} />
          <Figure label={t(lang, 'svMeanDays')} value={num(lang, r.cases.meanDays)} />
          <Figure label={t(lang, 'svSuspendedShare')} value={pct(lang, r.cases.suspendedShare)} />
        </div>
        {r.cases.byMonth.length > 1 ? (
          <table>
            <caption class="visually-hidden">{t(lang, 'svCaseVolume')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'month')}</th>
                <th scope="col" class="num">
                  {t(lang, 'svReceived')}
                </th>
                <th scope="col" class="num">
                  {t(lang, 'svCompleted')}
                </th>
                <th scope="col" class="num">
                  {t(lang, 'onTimeRate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.cases.byMonth.map((m) => (
                <tr>
                  <th scope="row">{periodLabel(lang, m.month)}</th>
                  <td class="num">{m.received}</td>
                  <td class="num">{m.completed}</td>
                  <td class="num">{pct(lang, m.onTimeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section aria-labelledby="s-warnings">
        <h2 id="s-warnings">{t(lang, 'svWarningsNow')}</h2>
        <div class="sv-figures">
          <Figure label={t(lang, 'svOpen')} value={r.warnings.open} />
          {(['green', 'yellow', 'red', 'serious'] as const).map((l) => (
            <div>
              <LevelBadge lang={lang} level={l} />
              <strong>{r.warnings[l]}</strong>
            </div>
          ))}
        </div>
      </section>
      {r.departments.length ? (
        <section aria-labelledby="s-depts">
          <h2 id="s-depts">{t(lang, 'svDepartments')}</h2>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(lang, 'svDepartments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'department')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'svReceived')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svCompleted')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'onTimeRate')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svBad')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svCritiques')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svLevel_red')}+{t(lang, 'svLevel_serious')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svOrders')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.departments.map((d) => (
                  <tr>
                    <th scope="row">{d.name}</th>
                    <td class="num">{d.received}</td>
                    <td class="num">{d.completed}</td>
                    <td class="num">{pct(lang, d.onTimeRate)}</td>
                    <td class="num">{d.bad}</td>
                    <td class="num">{d.critiques}</td>
                    <td class="num">{d.warnings.red + d.warnings.serious}</td>
                    <td class="num">{d.orders}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="s-overdue">
        <h2 id="s-overdue">{t(lang, 'svOverdueList')}</h2>
        <h3>
          {t(lang, 'svOverdueCases')} ({r.overdue.cases.total})
        </h3>
        {r.overdue.cases.items.length ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(lang, 'svOverdueCases')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'svCase')}</th>
                  <th scope="col">{t(lang, 'department')}</th>
                  <th scope="col">{t(lang, 'service')}</th>
                  <th scope="col">{t(lang, 'svLevel')}</th>
                  <th scope="col">{t(lang, 'svAccepted')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'svElapsed')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'svDaysOver')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.overdue.cases.items.map((c) => (
                  <tr>
                    <th scope="row">{c.caseId}</th>
                    <td>{dept(c.departmentId)}</td>
                    <td>{c.serviceCode}</td>
                    <td>
                      <LevelBadge lang={lang} level={c.warning} />
                    </td>
                    <td>{c.acceptedDate}</td>
                    <td class="num">{c.elapsedDays}</td>
                    <td class="num">{c.daysOver}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
        <Truncated lang={lang} list={r.overdue.cases} />
        <h3>
          {t(lang, 'svOverdueOrders')} ({r.overdue.orders.total})
        </h3>
        {r.overdue.orders.items.length ? (
          <ul>
            {r.overdue.orders.items.map((o) => (
              <li>
                <a href={`/staff/orders/${encodeURIComponent(o.id)}`}>{o.id}</a> · {dept(o.departmentId)} ·{' '}
                {o.title} · {t(lang, 'svDeadline')} {o.deadline}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
        <h3>
          {t(lang, 'svOverdueReviews')} ({r.overdue.badReviews.total})
        </h3>
        {r.overdue.badReviews.items.length ? (
          <ul>
            {r.overdue.badReviews.items.map((b) => (
              <li>
                {b.caseId} · {dept(b.departmentId)} · {t(lang, 'svCallback')}: {b.callback} ·{' '}
                {t(lang, 'svRectification')}: {b.rectification}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
        <h3>
          {t(lang, 'svOverdueCritiques')} ({r.overdue.critiques.total})
        </h3>
        {r.overdue.critiques.items.length ? (
          <ul>
            {r.overdue.critiques.items.map((c) => (
              <li>
                {c.trackingCode} · {c.category} · {t(lang, 'svReplyDue')} {c.replyDue ?? '—'} · {c.text}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
      </section>
      <section aria-labelledby="s-reviews">
        <h2 id="s-reviews">{t(lang, 'svBadReviews')}</h2>
        <div class="sv-figures">
          <Figure label={t(lang, 'svRatings')} value={f.ratings} />
          <Figure label={t(lang, 'svBad')} value={f.bad} />
          <Figure label={t(lang, 'svGoodRate')} value={pct(lang, f.goodRate)} />
          <Figure
            label={t(lang, 'svCallbacks')}
            value={`${f.callbacksRequired}/${f.callbacksDone}/${f.callbacksOverdue}`}
          />
          <Figure
            label={t(lang, 'svRectifications')}
            value={`${f.rectificationsRequired}/${f.rectificationsSettled}/${f.rectificationsOnTime}/${f.rectificationsOverdue}`}
          />
        </div>
        {r.badReviews.items.length ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(lang, 'svBadReviews')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'svCase')}</th>
                  <th scope="col">{t(lang, 'department')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'svScore')}
                  </th>
                  <th scope="col">{t(lang, 'svRatedAt')}</th>
                  <th scope="col">{t(lang, 'svCallback')}</th>
                  <th scope="col">{t(lang, 'svRectification')}</th>
                  <th scope="col">{t(lang, 'svAppeal')}</th>
                </tr>
              </thead>
              <tbody>
                {r.badReviews.items.map((b) => (
                  <tr>
                    <th scope="row">{b.caseId}</th>
                    <td>{dept(b.departmentId)}</td>
                    <td class="num">{b.score ?? '—'}</td>
                    <td>{beijingTime(b.ratedAt)}</td>
                    <td>{b.callback}</td>
                    <td>{b.rectification}</td>
                    <td>{b.appeal ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
        <Truncated lang={lang} list={r.badReviews} />
      </section>
      <section aria-labelledby="s-critiques">
        <h2 id="s-critiques">{t(lang, 'svCritiques')}</h2>
        <div class="sv-figures">
          <Figure label={t(lang, 'svCritReceived')} value={cf.received} />
          <Figure label={t(lang, 'svCritAnswered')} value={cf.answered} />
          <Figure label={t(lang, 'svCritOnTime')} value={cf.answeredOnTime} />
          <Figure label={t(lang, 'svOverdue')} value={cf.overdue} />
        </div>
        {r.critiques.items.length ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(lang, 'svCritiques')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'svTrackingCode')}</th>
                  <th scope="col">{t(lang, 'svCategory')}</th>
                  <th scope="col">{t(lang, 'svStatus')}</th>
                  <th scope="col">{t(lang, 'svReplyDue')}</th>
                  <th scope="col">{t(lang, 'svCritAnswered')}</th>
                  <th scope="col">{t(lang, 'svCritOnTime')}</th>
                </tr>
              </thead>
              <tbody>
                {r.critiques.items.map((c) => (
                  <tr>
                    <th scope="row">{c.trackingCode}</th>
                    <td>{c.category}</td>
                    <td>{c.status}</td>
                    <td>{c.replyDue ?? '—'}</td>
                    <td>{yesNo(lang, c.answered)}</td>
                    <td>{yesNo(lang, c.answeredOnTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
        <Truncated lang={lang} list={r.critiques} />
      </section>
      <section aria-labelledby="s-orders">
        <h2 id="s-orders">{t(lang, 'svOrdersOutcome')}</h2>
        <div class="sv-figures">
          <Figure label={t(lang, 'svIssued')} value={r.orders.issued} />
          <Figure label={t(lang, 'svClosed')} value={r.orders.closed} />
          <Figure label={t(lang, 'svEscalated')} value={r.orders.escalated} />
          <Figure label={t(lang, 'svOverdue')} value={r.orders.overdue} />
        </div>
        {r.orders.items.length ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t(lang, 'svOrdersOutcome')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'svOrder')}</th>
                  <th scope="col">{t(lang, 'department')}</th>
                  <th scope="col">{t(lang, 'svTitleField')}</th>
                  <th scope="col">{t(lang, 'svDeadline')}</th>
                  <th scope="col">{t(lang, 'svStatus')}</th>
                  <th scope="col">{t(lang, 'svOutcome')}</th>
                </tr>
              </thead>
              <tbody>
                {r.orders.items.map((o) => (
                  <tr>
                    <th scope="row">{o.id}</th>
                    <td>{dept(o.departmentId)}</td>
                    <td>{o.title}</td>
                    <td>{o.deadline}</td>
                    <td>
                      {t(lang, `svStatus_${o.status}` as MessageKey)}
                      {o.overdue ? ` · ${t(lang, 'svOverdue')}` : ''}
                    </td>
                    <td>{o.outcome ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t(lang, 'svNoItems')}</p>
        )}
      </section>
    </article>
  );
}

export function ReportPage(props: {
  ctx: PageContext;
  values: ReportFormValues;
  report?: SupervisionReport | undefined;
  departments: Map<string, string>;
  ownDepartment?: string | undefined;
  error?: string | undefined;
}) {
  const { ctx, values, report } = props;
  const { lang } = ctx;
  const query = new URLSearchParams({
    scope: values.scope ?? '',
    id: values.id ?? '',
    period: values.period ?? '',
  }).toString();
  return (
    <Layout
      ctx={ctx}
      title={
        report ? `${t(lang, 'svReportTitle')} · ${report.name} · ${report.period}` : t(lang, 'svReports')
      }
    >
      <SupervisionStyles />
      <div class="no-print">
        {report ? null : <h1>{t(lang, 'svReports')}</h1>}
        <p>{t(lang, 'svReportIntro')}</p>
        <ErrorBox lang={lang} message={props.error} />
        <form method="get" action="/staff/reports" class="sv-filters">
          <div>
            <label for="scope">{t(lang, 'svReportScope')}</label>
            <select id="scope" name="scope">
              {REPORT_SCOPES.filter((s) => !props.ownDepartment || s === 'department').map((s) => (
                <option value={s} selected={values.scope === s}>
                  {t(lang, `svScope_${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="id">{t(lang, 'svReportId')}</label>
            <input
              id="id"
              name="id"
              maxlength={64}
              value={values.id ?? props.ownDepartment ?? ''}
              list="report-ids"
            />
            <datalist id="report-ids">
              {[...props.departments].map(([id, name]) => (
                <option value={id}>{name}</option>
              ))}
            </datalist>
          </div>
          <div>
            <label for="period">{t(lang, 'rkPeriod')}</label>
            <input
              id="period"
              name="period"
              required
              value={values.period ?? ''}
              pattern="\d{4}-(0[1-9]|1[0-2]|Q[1-4])"
              aria-describedby="period-hint"
            />
            <span id="period-hint" class="muted">
              {t(lang, 'rkPeriodHint')}
            </span>
          </div>
          <div>
            <button type="submit" class="primary">
              {t(lang, 'svGenerate')}
            </button>
          </div>
        </form>
        {report ? (
          <p>
            <a href={`/staff/reports.csv?${query}`} download>
              {t(lang, 'svDownloadCsv')}
            </a>{' '}
            · <a href={`/staff/reports.json?${query}`}>{t(lang, 'svDownloadJson')}</a> ·{' '}
            {t(lang, 'svPrintHint')}
          </p>
        ) : null}
      </div>
      {report ? <ReportBody lang={lang} r={report} departments={props.departments} /> : null}
    </Layout>
  );
}
