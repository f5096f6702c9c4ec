/**
 * One published league table (`/rankings/:scope/:period`, a given version under
 * `/v/:version`): every indicator, movement and talk marks, the transparency figures,
 * top and bottom five, the versions with their corrections, and the open-data
 * downloads with stable URLs. Also the page of a scope with its list of periods.
 */
import type { RankingMethod } from '../../../functions/domain/rankings/method.js';
import type { RankingScope } from '../../../functions/domain/rankings/period.js';
import type { RankingHeader } from '../../../functions/domain/rankings/ranking.js';
import type { RankingView } from '../../../functions/usecases/rankings/read.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type MessageKey, t } from '../../i18n.js';
import { beijingTime, fill, periodLabel, scopeLabel } from './format.js';
import { RankingStyles, RankingTable, TopBottom } from './RankingTable.js';

export function RankingDetails(props: {
  ctx: PageContext;
  view: RankingView;
  method: RankingMethod;
  review?: boolean;
}) {
  const { view, method } = props;
  const { lang } = props.ctx;
  const scope = view.scope;
  const labels = new Map(method.indicators.map((i) => [i.id, i.label[lang]]));
  return (
    <>
      <p>
        {t(lang, 'rkVersion')} {view.version} · {t(lang, 'rkStatus')}{' '}
        <span class={`badge badge-${view.status}`}>{t(lang, `rkStatus_${view.status}` as MessageKey)}</span>
        {view.publishedAt ? ` · ${t(lang, 'rkPublishedAt')} ${beijingTime(view.publishedAt)}` : ''} ·{' '}
        <a href={`/rankings/method/${view.methodVersion}`}>
          {method.name[lang]} (v{view.methodVersion})
        </a>
      </p>
      {view.supersedes ? (
        <p>
          <strong>{fill(t(lang, 'rkSupersedes'), { v: view.supersedes })}</strong>
          {view.changes ? ` — ${t(lang, 'rkCorrection')}: ${view.changes}` : ''}
        </p>
      ) : null}
      {view.missingIndicators.length ? (
        <p class="muted">
          {t(lang, 'rkMissing')} {view.missingIndicators.map((id) => labels.get(id) ?? id).join('、')}
        </p>
      ) : null}
      {view.previous ? (
        <p>
          {t(lang, 'rkPrevious')}:{' '}
          <a href={`/rankings/${scope}/${view.previous.period}`}>{periodLabel(lang, view.previous.period)}</a>
        </p>
      ) : null}
      <TopBottom lang={lang} rows={view.units} top={view.top} bottom={view.bottom} />
      <RankingTable
        lang={lang}
        rows={view.units}
        method={method}
        caption={`${scopeLabel(lang, scope)} · ${periodLabel(lang, view.period)} · ${t(lang, 'rkVersion')} ${view.version}`}
        unitHref={(id) => `/rankings/${scope}/units/${encodeURIComponent(id)}`}
        full
        review={props.review}
      />
      {view.talks.length ? <p>{t(lang, 'rkTalkNote')}</p> : null}
      <p class="muted">{t(lang, 'rkTransparencyNote')}</p>
    </>
  );
}

export function Downloads(props: { ctx: PageContext; view: RankingView }) {
  const { lang } = props.ctx;
  const l = props.view.links;
  return (
    <section aria-labelledby="rk-downloads">
      <h2 id="rk-downloads">{t(lang, 'rkDownloads')}</h2>
      <ul>
        <li>
          <a href={l.csv}>{t(lang, 'rkDownloadTable')}</a> · <a href={l.self}>{t(lang, 'rkDownloadJson')}</a>
        </li>
        <li>
          <a href={l.inputsCsv}>{t(lang, 'rkDownloadInputs')}</a> ·{' '}
          <a href={l.inputs}>{t(lang, 'rkDownloadInputsJson')}</a>
        </li>
        <li>
          <a href={l.method}>{t(lang, 'rkDownloadMethod')}</a>
        </li>
      </ul>
      <p class="muted">{t(lang, 'rkDownloadNote')}</p>
    </section>
  );
}

export function RankingPage(props: {
  ctx: PageContext;
  view: RankingView;
  method: RankingMethod;
  periods?: { months: RankingHeader[]; quarters: RankingHeader[] } | undefined;
}) {
  const { ctx, view, method } = props;
  const { lang } = ctx;
  const title = `${t(lang, 'rkTitle')} · ${scopeLabel(lang, view.scope)} · ${periodLabel(lang, view.period)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <RankingStyles />
      <p>
        <a href="/rankings">{t(lang, 'rkTitle')}</a>
      </p>
      <h1>{title}</h1>
      <RankingDetails ctx={ctx} view={view} method={method} />
      {view.versions.length > 1 ? (
        <section aria-labelledby="rk-versions">
          <h2 id="rk-versions">{t(lang, 'rkVersions')}</h2>
          <ul>
            {view.versions.map((v) => (
              <li>
                <a href={`/rankings/${view.scope}/${view.period}/v/${v.version}`}>
                  {t(lang, 'rkVersion')} {v.version}
                </a>{' '}
                · {beijingTime(v.publishedAt)}
                {v.changes && v.version > 1 ? ` · ${t(lang, 'rkCorrection')}: ${v.changes}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Downloads ctx={ctx} view={view} />
      {props.periods ? <PeriodList ctx={ctx} scope={view.scope} periods={props.periods} /> : null}
      <p>
        <a href="/rankings/method">{t(lang, 'rkMethodLink')}</a>
      </p>
    </Layout>
  );
}

export function PeriodList(props: {
  ctx: PageContext;
  scope: RankingScope;
  periods: { months: RankingHeader[]; quarters: RankingHeader[] };
}) {
  const { lang } = props.ctx;
  const list = (headers: RankingHeader[]) => (
    <ul>
      {headers.map((h) => (
        <li>
          <a href={`/rankings/${props.scope}/${h.period}`}>{periodLabel(lang, h.period)}</a>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="rk-periods">
      <h2 id="rk-periods">{t(lang, 'rkAllPeriods')}</h2>
      {props.periods.quarters.length ? (
        <>
          <h3>{t(lang, 'rkQuarters')}</h3>
          {list(props.periods.quarters)}
        </>
      ) : null}
      {props.periods.months.length ? (
        <>
          <h3>{t(lang, 'rkMonths')}</h3>
          {list(props.periods.months)}
        </>
      ) : null}
    </section>
  );
}
