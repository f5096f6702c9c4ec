/**
 * The supervision report (`/staff/reports`): a GET form to pick the unit and period,
 * then the report as a printable page — a header with the unit, the period and the
 * generation time; case volume and on-time rate; open cases by colour; the overdue
 * list; bad reviews and their rectification; critiques and answers; supervision orders
 * and their outcome — with links to the same report as CSV (Excel) and JSON.
 */
import type { Child } from 'hono/jsx';
import {
  MAX_LIST,
  REPORT_SCOPES,
  type SupervisionReport,
} from '../../../functions/domain/supervision/report.js';
import { type Column, DataTable } from '../../components/DataTable.js';
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

/**
 * One part of the report: a section labelled by its `h2`, then its headline
 * figures (if any) and its lists. Every part of the printed report has this frame, so
 * it is written once and the `aria-labelledby`/`id` pair cannot drift apart.
 */
function ReportSection(props: { id: string; title: string; figures?: Child; children?: Child }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.figures ? <div class="sv-figures">{props.figures}</div> : null}
      {props.children}
    </section>
  );
}

/**
 * A table of the report (departments, overdue cases, bad reviews, critiques, orders): the rows
 * in a scrollable table, or 无 / "None" when there are none — the same rule for every
 * list, so a reader always sees that the list was looked at.
 */
function ReportTable<T>(props: {
  lang: Lang;
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
}) {
  return props.rows.length ? (
    <div class="table-wrap">
      <DataTable caption={props.caption} columns={props.columns} rows={props.rows} />
    </div>
  ) : (
    <p>{t(props.lang, 'svNoItems')}</p>
  );
}

/**
 * An overdue list that reads better as one line per item than as a table (orders,
 * reviews, critiques past their deadline): a heading with the total, then the lines, or
 * 无 / "None" like every other list of the report.
 */
function OverdueList<T>(props: {
  lang: Lang;
  title: string;
  list: { total: number; items: readonly T[] };
  item: (row: T) => Child;
}) {
  const { lang, list } = props;
  return (
    <>
      <h3>
        {props.title} ({list.total})
      </h3>
      {list.items.length ? (
        <ul>
          {list.items.map((row) => (
            <li>{props.item(row)}</li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'svNoItems')}</p>
      )}
    </>
  );
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
      <ReportSection
        id="s-cases"
        title={t(lang, 'svCaseVolume')}
        figures={
          <>
            <Figure label={t(lang, 'svReceived')} value={r.cases.received} />
            <Figure label={t(lang, 'svCompleted')} value={r.cases.completed} />
            <Figure label={t(lang, 'onTimeRate')} value={pct(lang, r.cases.onTimeRate)} />
            <Figure label={t(lang, 'svLate')} value={r.cases.late} />
            <Figure label={t(lang, 'svMeanDays')} value={num(lang, r.cases.meanDays)} />
            <Figure label={t(lang, 'svSuspendedShare')} value={pct(lang, r.cases.suspendedShare)} />
          </>
        }
      >
        {r.cases.byMonth.length > 1 ? (
          <DataTable
            caption={t(lang, 'svCaseVolume')}
            rows={r.cases.byMonth}
            columns={[
              { label: t(lang, 'month'), cell: (m) => periodLabel(lang, m.month) },
              { label: t(lang, 'svReceived'), num: true, cell: (m) => m.received },
              { label: t(lang, 'svCompleted'), num: true, cell: (m) => m.completed },
              { label: t(lang, 'onTimeRate'), num: true, cell: (m) => pct(lang, m.onTimeRate) },
            ]}
          />
        ) : null}
      </ReportSection>
      <ReportSection
        id="s-warnings"
        title={t(lang, 'svWarningsNow')}
        figures={
          <>
            <Figure label={t(lang, 'svOpen')} value={r.warnings.open} />
            {(['green', 'yellow', 'red', 'serious'] as const).map((l) => (
              <div>
                <LevelBadge lang={lang} level={l} />
                <strong>{r.warnings[l]}</strong>
              </div>
            ))}
          </>
        }
      />
      {r.departments.length ? (
        <ReportSection id="s-depts" title={t(lang, 'svDepartments')}>
          <ReportTable
            lang={lang}
            caption={t(lang, 'svDepartments')}
            rows={r.departments}
            columns={[
              { label: t(lang, 'department'), cell: (d) => d.name },
              { label: t(lang, 'svReceived'), num: true, cell: (d) => d.received },
              { label: t(lang, 'svCompleted'), num: true, cell: (d) => d.completed },
              { label: t(lang, 'onTimeRate'), num: true, cell: (d) => pct(lang, d.onTimeRate) },
              { label: t(lang, 'svBad'), num: true, cell: (d) => d.bad },
              { label: t(lang, 'svCritiques'), num: true, cell: (d) => d.critiques },
              {
                label: `${t(lang, 'svLevel_red')}+${t(lang, 'svLevel_serious')}`,
                num: true,
                cell: (d) => d.warnings.red + d.warnings.serious,
              },
              { label: t(lang, 'svOrders'), num: true, cell: (d) => d.orders },
            ]}
          />
        </ReportSection>
      ) : null}
      <ReportSection id="s-overdue" title={t(lang, 'svOverdueList')}>
        <h3>
          {t(lang, 'svOverdueCases')} ({r.overdue.cases.total})
        </h3>
        <ReportTable
          lang={lang}
          caption={t(lang, 'svOverdueCases')}
          rows={r.overdue.cases.items}
          columns={[
            { label: t(lang, 'svCase'), cell: (c) => c.caseId },
            { label: t(lang, 'department'), cell: (c) => dept(c.departmentId) },
            { label: t(lang, 'service'), cell: (c) => c.serviceCode },
            { label: t(lang, 'svLevel'), cell: (c) => <LevelBadge lang={lang} level={c.warning} /> },
            { label: t(lang, 'svAccepted'), cell: (c) => c.acceptedDate },
            { label: t(lang, 'svElapsed'), num: true, cell: (c) => c.elapsedDays },
            { label: t(lang, 'svDaysOver'), num: true, cell: (c) => c.daysOver },
          ]}
        />
        <Truncated lang={lang} list={r.overdue.cases} />
        <OverdueList
          lang={lang}
          title={t(lang, 'svOverdueOrders')}
          list={r.overdue.orders}
          item={(o) => (
            <>
              <a href={`/staff/orders/${encodeURIComponent(o.id)}`}>{o.id}</a> · {dept(o.departmentId)} ·{' '}
              {o.title} · {t(lang, 'svDeadline')} {o.deadline}
            </>
          )}
        />
        <OverdueList
          lang={lang}
          title={t(lang, 'svOverdueReviews')}
          list={r.overdue.badReviews}
          item={(b) => (
            <>
              {b.caseId} · {dept(b.departmentId)} · {t(lang, 'svCallback')}: {b.callback} ·{' '}
              {t(lang, 'svRectification')}: {b.rectification}
            </>
          )}
        />
        <OverdueList
          lang={lang}
          title={t(lang, 'svOverdueCritiques')}
          list={r.overdue.critiques}
          item={(c) => (
            <>
              {c.trackingCode} · {c.category} · {t(lang, 'svReplyDue')} {c.replyDue ?? '—'} · {c.text}
            </>
          )}
        />
      </ReportSection>
      <ReportSection
        id="s-reviews"
        title={t(lang, 'svBadReviews')}
        figures={
          <>
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
          </>
        }
      >
        <ReportTable
          lang={lang}
          caption={t(lang, 'svBadReviews')}
          rows={r.badReviews.items}
          columns={[
            { label: t(lang, 'svCase'), cell: (b) => b.caseId },
            { label: t(lang, 'department'), cell: (b) => dept(b.departmentId) },
            { label: t(lang, 'svScore'), num: true, cell: (b) => b.score ?? '—' },
            { label: t(lang, 'svRatedAt'), cell: (b) => beijingTime(b.ratedAt) },
            { label: t(lang, 'svCallback'), cell: (b) => b.callback },
            { label: t(lang, 'svRectification'), cell: (b) => b.rectification },
            { label: t(lang, 'svAppeal'), cell: (b) => b.appeal ?? '—' },
          ]}
        />
        <Truncated lang={lang} list={r.badReviews} />
      </ReportSection>
      <ReportSection
        id="s-critiques"
        title={t(lang, 'svCritiques')}
        figures={
          <>
            <Figure label={t(lang, 'svCritReceived')} value={cf.received} />
            <Figure label={t(lang, 'svCritAnswered')} value={cf.answered} />
            <Figure label={t(lang, 'svCritOnTime')} value={cf.answeredOnTime} />
            <Figure label={t(lang, 'svOverdue')} value={cf.overdue} />
          </>
        }
      >
        <ReportTable
          lang={lang}
          caption={t(lang, 'svCritiques')}
          rows={r.critiques.items}
          columns={[
            { label: t(lang, 'svTrackingCode'), cell: (c) => c.trackingCode },
            { label: t(lang, 'svCategory'), cell: (c) => c.category },
            { label: t(lang, 'svStatus'), cell: (c) => c.status },
            { label: t(lang, 'svReplyDue'), cell: (c) => c.replyDue ?? '—' },
            { label: t(lang, 'svCritAnswered'), cell: (c) => yesNo(lang, c.answered) },
            { label: t(lang, 'svCritOnTime'), cell: (c) => yesNo(lang, c.answeredOnTime) },
          ]}
        />
        <Truncated lang={lang} list={r.critiques} />
      </ReportSection>
      <ReportSection
        id="s-orders"
        title={t(lang, 'svOrdersOutcome')}
        figures={
          <>
            <Figure label={t(lang, 'svIssued')} value={r.orders.issued} />
            <Figure label={t(lang, 'svClosed')} value={r.orders.closed} />
            <Figure label={t(lang, 'svEscalated')} value={r.orders.escalated} />
            <Figure label={t(lang, 'svOverdue')} value={r.orders.overdue} />
          </>
        }
      >
        <ReportTable
          lang={lang}
          caption={t(lang, 'svOrdersOutcome')}
          rows={r.orders.items}
          columns={[
            { label: t(lang, 'svOrder'), cell: (o) => o.id },
            { label: t(lang, 'department'), cell: (o) => dept(o.departmentId) },
            { label: t(lang, 'svTitleField'), cell: (o) => o.title },
            { label: t(lang, 'svDeadline'), cell: (o) => o.deadline },
            {
              label: t(lang, 'svStatus'),
              cell: (o) => (
                <>
                  {t(lang, `svStatus_${o.status}` as MessageKey)}
                  {o.overdue ? ` · ${t(lang, 'svOverdue')}` : ''}
                </>
              ),
            },
            { label: t(lang, 'svOutcome'), cell: (o) => o.outcome ?? '—' },
          ]}
        />
      </ReportSection>
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
