/**
 * The three curves as a chart (drawn by the client bundle) and, always, as a data
 * table: screen readers, printing and no-JavaScript readers get every figure. The
 * lines differ by colour, by line style (dashed, dotted, solid) and by the legend's
 * text, so colour is never the only signal.
 */
import type { Child } from 'hono/jsx';
import type { CurvePoint } from '../../functions/domain/curves.js';
import { type Lang, monthLabel, number, percent, t } from '../i18n.js';

export function CurvesChart(props: {
  lang: Lang;
  series: CurvePoint[];
  csvHref: string;
  /** Put the data table in a <details> the reader opens (the home page's compact form). */
  collapseTable?: boolean;
  /** Heading text (default: 效率曲线). */
  title?: string;
  intro?: Child;
}) {
  const { lang, series } = props;
  const labels = {
    statutory: t(lang, 'statutory'),
    promised: t(lang, 'promised'),
    actual: t(lang, 'actual'),
    p50: t(lang, 'actualP50'),
    p90: t(lang, 'actualP90'),
    axis: t(lang, 'workingDays'),
    months: series.map((p) => monthLabel(lang, p.month)),
  };
  const data = JSON.stringify({ series, labels }).replaceAll('<', '\\u003c');
  const table = (
    <section class="table-wrap" tabindex={0} aria-label={t(lang, 'dataTable')}>
      <table>
        <caption class="visually-hidden">{t(lang, 'dataTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'month')}</th>
            <th scope="col" class="num">
              {labels.statutory}
            </th>
            <th scope="col" class="num">
              {labels.promised}
            </th>
            <th scope="col" class="num">
              {t(lang, 'cases')}
            </th>
            <th scope="col" class="num">
              {labels.actual}
            </th>
            <th scope="col" class="num">
              {labels.p50}
            </th>
            <th scope="col" class="num">
              {labels.p90}
            </th>
            <th scope="col" class="num">
              {t(lang, 'onTimeRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {series.map((p) => (
            <tr>
              <th scope="row">{monthLabel(lang, p.month)}</th>
              <td class="num">{number(lang, p.statutoryDays, 0)}</td>
              <td class="num">{number(lang, p.promisedDays, 0)}</td>
              <td class="num">{number(lang, p.cases, 0)}</td>
              <td class="num">{number(lang, p.actual.mean)}</td>
              <td class="num">{number(lang, p.actual.p50, 0)}</td>
              <td class="num">{number(lang, p.actual.p90, 0)}</td>
              <td class="num">{percent(lang, p.onTimeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <section aria-labelledby="curves-title">
      <h2 id="curves-title">{props.title ?? t(lang, 'curvesTitle')}</h2>
      {props.intro ?? null}
      <ul class="legend">
        <li class="statutory">
          <span aria-hidden="true">━ ━ </span>
          {labels.statutory}
          {t(lang, 'legendDashed')}
        </li>
        <li class="promised">
          <span aria-hidden="true">┅┅ </span>
          {labels.promised}
          {t(lang, 'legendDotted')}
        </li>
        <li class="actual">
          <span aria-hidden="true">━━ </span>
          {labels.actual}
          {t(lang, 'legendSolid')}
        </li>
      </ul>
      <div class="chart-wrap">
        <canvas
          id="curves-chart"
          role="img"
          aria-label={`${t(lang, 'curvesTitle')}: ${labels.statutory}, ${labels.promised}, ${labels.actual}`}
        />
      </div>
      <script type="application/json" id="curves-data" dangerouslySetInnerHTML={{ __html: data }} />
      <p>
        <a href={props.csvHref} download>
          {t(lang, 'downloadCsv')}
        </a>
      </p>
      {props.collapseTable ? (
        <details>
          <summary>{t(lang, 'dataTable')}</summary>
          {table}
        </details>
      ) : (
        table
      )}
    </section>
  );
}
