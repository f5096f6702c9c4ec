/**
 * A department: its services and the curves of all its cases together (limits differ
 * per service, so the department's lines are case-weighted means).
 */

import type { Child } from 'hono/jsx';
import type { Department, Service } from '../../functions/domain/catalogue.js';
import type { CurvePoint, CurveSummary } from '../../functions/domain/curves.js';
import { CurvesChart } from '../components/CurvesChart.js';
import { Layout, type PageContext } from '../components/Layout.js';
import { number, percent, t } from '../i18n.js';

export function DepartmentPage(props: {
  ctx: PageContext;
  department: Department;
  services: Service[];
  series: CurvePoint[];
  summary: CurveSummary;
  from: string;
  to: string;
  extra?: Child;
}) {
  const { ctx, department, summary } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={department.name} scripts={['/assets/curves.js']}>
      <h1>{department.name}</h1>
      {department.district ? <p class="muted">{department.district}</p> : null}
      <div class="cards">
        <div class="card">
          <div>{t(lang, 'cases')}</div>
          <div class="figure">{number(lang, summary.cases, 0)}</div>
        </div>
        <div class="card">
          <div>{t(lang, 'actual')}</div>
          <div class="figure">
            {number(lang, summary.meanDays)} <small>{t(lang, 'workingDays')}</small>
          </div>
        </div>
        <div class="card">
          <div>{t(lang, 'onTimeRate')}</div>
          <div class="figure">{percent(lang, summary.onTimeRate)}</div>
        </div>
        <div class="card">
          <div>{t(lang, 'actualSpeedUp')}</div>
          <div class="figure">{percent(lang, summary.actualSpeedUp)}</div>
        </div>
      </div>
      <CurvesChart
        lang={lang}
        series={props.series}
        csvHref={`/api/v1/departments/${encodeURIComponent(department.id)}/curves?from=${props.from}&to=${props.to}&format=csv`}
      />
      <h2>{t(lang, 'navServices')}</h2>
      <ul>
        {props.services.map((s) => (
          <li>
            <a href={`/services/${encodeURIComponent(s.code)}`}>{s.name}</a> ({s.promisedDays}/
            {s.statutoryDays} {t(lang, 'workingDays')})
          </li>
        ))}
      </ul>
      {props.extra ?? null}
    </Layout>
  );
}
