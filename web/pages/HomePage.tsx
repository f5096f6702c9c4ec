/**
 * The home page tells the story at a glance: the city's speed-up against statutory
 * limits, on-time rate and case volume, month by month.
 */

import type { Child } from 'hono/jsx';
import type { UnitCurves } from '../../functions/usecases/curves.js';
import { CurvesChart } from '../components/CurvesChart.js';
import { Layout, type PageContext } from '../components/Layout.js';
import { number, percent, t } from '../i18n.js';

export function HomePage(props: { ctx: PageContext; city: UnitCurves; extra?: Child }) {
  const { ctx, city } = props;
  const { lang } = ctx;
  const s = city.summary;
  return (
    <Layout ctx={ctx} title={t(lang, 'navHome')} scripts={['/assets/curves.js']}>
      <h1>{t(lang, 'homeTitle')}</h1>
      <p>{t(lang, 'homeIntro')}</p>
      <div class="cards">
        <div class="card">
          <div>{t(lang, 'promisedSpeedUp')}</div>
          <div class="figure">{percent(lang, s.promisedSpeedUp)}</div>
        </div>
        <div class="card">
          <div>{t(lang, 'actualSpeedUp')}</div>
          <div class="figure">{percent(lang, s.actualSpeedUp)}</div>
        </div>
        <div class="card">
          <div>{t(lang, 'onTimeRate')}</div>
          <div class="figure">{percent(lang, s.onTimeRate)}</div>
        </div>
        <div class="card">
          <div>{t(lang, 'cases')}</div>
          <div class="figure">{number(lang, s.cases, 0)}</div>
        </div>
      </div>
      {props.extra ?? null}
      <CurvesChart
        lang={lang}
        series={city.series}
        csvHref={`/api/v1/city/curves?from=${city.from}&to=${city.to}&format=csv`}
      />
    </Layout>
  );
}
