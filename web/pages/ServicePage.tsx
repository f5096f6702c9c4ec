/**
 * One service: its limits, the compression ratios (提速比), case count, on-time rate,
 * and the three curves with their data table.
 */

import type { Child } from 'hono/jsx';
import type { ServiceCurves } from '../../functions/usecases/curves.js';
import { CurvesChart } from '../components/CurvesChart.js';
import { Layout, type PageContext } from '../components/Layout.js';
import { number, percent, t } from '../i18n.js';

export function ServicePage(props: {
  ctx: PageContext;
  curves: ServiceCurves;
  departmentName: string;
  extra?: Child;
}) {
  const { ctx, curves } = props;
  const { lang } = ctx;
  const s = curves.summary;
  return (
    <Layout ctx={ctx} title={curves.service.name} scripts={['/assets/curves.js']}>
      <h1>{curves.service.name}</h1>
      <p class="muted">
        {t(lang, 'code')}: {curves.service.code} · {t(lang, 'department')}:{' '}
        <a href={`/departments/${encodeURIComponent(curves.service.departmentId)}`}>{props.departmentName}</a>
      </p>
      <div class="cards">
        <div class="card">
          <div>{t(lang, 'statutory')}</div>
          <div class="figure">
            {curves.service.statutoryDays} <small>{t(lang, 'workingDays')}</small>
          </div>
        </div>
        <div class="card">
          <div>{t(lang, 'promised')}</div>
          <div class="figure">
            {curves.service.promisedDays} <small>{t(lang, 'workingDays')}</small>
          </div>
        </div>
        <div class="card">
          <div>{t(lang, 'actual')}</div>
          <div class="figure">
            {number(lang, s.meanDays)} <small>{t(lang, 'workingDays')}</small>
          </div>
        </div>
        <div class="card">
          <div>{t(lang, 'onTimeRate')}</div>
          <div class="figure">{percent(lang, s.onTimeRate)}</div>
          <div class="muted">
            {t(lang, 'cases')}: {number(lang, s.cases, 0)}
          </div>
        </div>
      </div>
      <p>
        {t(lang, 'promisedSpeedUp')} <strong>{percent(lang, s.promisedSpeedUp)}</strong>
        {t(lang, 'semicolon')}
        {t(lang, 'actualSpeedUp')} <strong>{percent(lang, s.actualSpeedUp)}</strong>
      </p>
      <CurvesChart
        lang={lang}
        series={curves.series}
        csvHref={`/api/v1/services/${encodeURIComponent(curves.service.code)}/curves?from=${curves.from}&to=${curves.to}&format=csv`}
      />
      {props.extra ?? null}
    </Layout>
  );
}
