/**
 * The three curves as a chart (drawn by the client bundle) and, always, as a data
 * table: screen readers, printing and no-JavaScript readers get every figure.
 */
import type { CurvePoint } from '../../functions/domain/curves.js';
import { type Lang, number, percent, t } from '../i18n.js';

export function CurvesChart(props: { lang: Lang; series: CurvePoint[]; csvHref: string }) {
  const { lang, series } = props;
  const labels = {
    statutory: t(lang, 'statutory'),
    promised: t(lang, 'promised'),
    actual: t(lang, 'actual'),
    p50: t(lang, 'actualP50'),
    p90: t(lang, 'actualP90'),
    axis: t(lang, 'workingDays'),
  };
  const data = JSON.stringify({ series, labels }).replaceAll('<', '\\u003c');
  return (
    <section aria-labelledby="curves-title">
      <h2 id="curves-title">{t(lang, 'curvesTitle')}</h2>
      <ul class="legend">
        <li class="statutory">━ ━ {labels.statutory}</li>
        <li class="promised">┅┅ {labels.promised}</li>
        <li class="actual">━━ {labels.actual}</li>
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
      <div class="table-wrap">
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
                <th scope="row">{p.month}</th>
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
      </div>
    </section>
  );
}
