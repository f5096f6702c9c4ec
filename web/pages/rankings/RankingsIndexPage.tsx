/**
 * `/rankings`: the latest league table of each kind of unit (departments, districts,
 * windows) with its top and bottom five and talk marks, or an explanatory empty state
 * before anything is published. Always a 200.
 */
import type { RankingMethod } from '../../../functions/domain/rankings/method.js';
import type { RankingScope } from '../../../functions/domain/rankings/period.js';
import type { RankingView } from '../../../functions/usecases/rankings/read.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { beijingTime, periodLabel, scopeLabel } from './format.js';
import { RankingStyles, RankingTable, TopBottom } from './RankingTable.js';

export interface ScopeSection {
  scope: RankingScope;
  view: RankingView | undefined;
  method: RankingMethod | undefined;
}

export function RankingsIndexPage(props: { ctx: PageContext; sections: ScopeSection[] }) {
  const { ctx } = props;
  const { lang } = ctx;
  const any = props.sections.some((s) => s.view);
  return (
    <Layout ctx={ctx} title={t(lang, 'rkTitle')}>
      <RankingStyles />
      <h1>{t(lang, 'rkTitle')}</h1>
      <p>{t(lang, 'rkIntro')}</p>
      {any ? null : (
        <section class="rk-scope" aria-labelledby="rk-empty">
          <h2 id="rk-empty">{t(lang, 'rkEmptyTitle')}</h2>
          <p>{t(lang, 'rkEmpty')}</p>
        </section>
      )}
      {props.sections.map(({ scope, view, method }) => (
        <section class="rk-scope" aria-labelledby={`rk-${scope}`}>
          <h2 id={`rk-${scope}`}>{scopeLabel(lang, scope)}</h2>
          {view && method ? (
            <>
              <p>
                {t(lang, 'rkLatest')}: <strong>{periodLabel(lang, view.period)}</strong> ·{' '}
                {t(lang, 'rkVersion')} {view.version} · {t(lang, 'rkPublishedAt')}{' '}
                {beijingTime(view.publishedAt)}
              </p>
              <TopBottom lang={lang} rows={view.units} top={view.top} bottom={view.bottom} />
              <RankingTable
                lang={lang}
                rows={view.units}
                method={method}
                caption={`${scopeLabel(lang, scope)} · ${periodLabel(lang, view.period)}`}
                unitHref={(id) => `/rankings/${scope}/units/${encodeURIComponent(id)}`}
                full
              />
              {view.talks.length ? <p>{t(lang, 'rkTalkNote')}</p> : null}
              <p class="muted">{t(lang, 'rkTransparencyNote')}</p>
              <p>
                <a href={`/rankings/${scope}/${view.period}`}>{t(lang, 'rkFullTable')}</a> ·{' '}
                <a href={`/rankings/${scope}`}>{t(lang, 'rkAllPeriods')}</a>
              </p>
            </>
          ) : (
            <p>{t(lang, 'rkScopeEmpty')}</p>
          )}
        </section>
      ))}
      <p>
        <a href="/rankings/method">{t(lang, 'rkMethodLink')}</a>
      </p>
    </Layout>
  );
}
