/**
 * The efficiency office's ranking console (`/staff/rankings`): compute a draft for a
 * period and kind of unit, list the drafts awaiting review, and review one with every
 * indicator (raw, sample, adjusted value, points) and the population values before
 * publishing it or discarding it. Plain forms: works without JavaScript.
 */
import type { RankingMethod } from '../../../functions/domain/rankings/method.js';
import { RANKING_SCOPES } from '../../../functions/domain/rankings/period.js';
import type { RankingHeader } from '../../../functions/domain/rankings/ranking.js';
import type { RankingView } from '../../../functions/usecases/rankings/read.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { beijingTime, indicatorValue, pct, periodLabel, scopeLabel } from './format.js';
import { Downloads, RankingDetails } from './RankingPage.js';
import { RankingStyles } from './RankingTable.js';

export function ErrorNote(props: { message?: string | undefined; title: string }) {
  return props.message ? (
    <div class="rk-error" role="alert">
      <strong>{props.title}</strong>: {props.message}
    </div>
  ) : null;
}

export function OfficePage(props: {
  ctx: PageContext;
  drafts: RankingHeader[];
  methods: RankingMethod[];
  error?: string | undefined;
  values?: { scope?: string; period?: string; changes?: string } | undefined;
}) {
  const { ctx } = props;
  const { lang } = ctx;
  const v = props.values ?? {};
  return (
    <Layout ctx={ctx} title={t(lang, 'rkOffice')}>
      <RankingStyles />
      <h1>{t(lang, 'rkOffice')}</h1>
      <p>{t(lang, 'rkOfficeIntro')}</p>
      <ErrorNote message={props.error} title={t(lang, 'rkError')} />
      <section aria-labelledby="compute">
        <h2 id="compute">{t(lang, 'rkCompute')}</h2>
        <form method="post" action="/staff/rankings/drafts" class="rk-form">
          <label for="scope">{t(lang, 'rkScopeLabel')}</label>
          <select id="scope" name="scope">
            {RANKING_SCOPES.map((s) => (
              <option value={s} selected={v.scope === s}>
                {scopeLabel(lang, s)}
              </option>
            ))}
          </select>
          <label for="period">{t(lang, 'rkPeriod')}</label>
          <input
            id="period"
            name="period"
            required
            pattern="\d{4}-(0[1-9]|1[0-2]|Q[1-4])"
            value={v.period ?? ''}
            aria-describedby="period-hint"
          />
          <span id="period-hint" class="muted">
            {t(lang, 'rkPeriodHint')}
          </span>
          <label for="methodVersion">{t(lang, 'rkMethodVersion')}</label>
          <select id="methodVersion" name="methodVersion">
            {[...props.methods].reverse().map((m) => (
              <option value={String(m.version)}>
                v{m.version} · {m.name[lang]}
              </option>
            ))}
          </select>
          <label for="changes">{t(lang, 'rkChanges')}</label>
          <textarea id="changes" name="changes" rows={3} maxlength={2000}>
            {v.changes ?? ''}
          </textarea>
          <p>
            <button type="submit" class="primary">
              {t(lang, 'rkCompute')}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="drafts">
        <h2 id="drafts">{t(lang, 'rkDrafts')}</h2>
        {props.drafts.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'rkScopeLabel')}</th>
                <th scope="col">{t(lang, 'rkPeriod')}</th>
                <th scope="col" class="num">
                  {t(lang, 'rkVersion')}
                </th>
                <th scope="col">{t(lang, 'rkCreatedAt')}</th>
                <th scope="col">{t(lang, 'rkReview')}</th>
              </tr>
            </thead>
            <tbody>
              {props.drafts.map((d) => (
                <tr>
                  <td>{scopeLabel(lang, d.scope)}</td>
                  <td>{periodLabel(lang, d.period)}</td>
                  <td class="num">{d.version}</td>
                  <td>{beijingTime(d.createdAt)}</td>
                  <td>
                    <a href={`/staff/rankings/${d.scope}/${d.period}/${d.version}`}>
                      {t(lang, 'rkReview')} {periodLabel(lang, d.period)} v{d.version}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t(lang, 'rkNoDrafts')}</p>
        )}
      </section>
      <p>
        <a href="/rankings/method">{t(lang, 'rkMethodLink')}</a>
      </p>
    </Layout>
  );
}

export function DraftReviewPage(props: {
  ctx: PageContext;
  view: RankingView;
  method: RankingMethod;
  error?: string | undefined;
}) {
  const { ctx, view, method } = props;
  const { lang } = ctx;
  const title = `${t(lang, 'rkDraftTitle')} · ${scopeLabel(lang, view.scope)} · ${periodLabel(lang, view.period)} v${view.version}`;
  const base = `/staff/rankings/${view.scope}/${view.period}/${view.version}`;
  return (
    <Layout ctx={ctx} title={title}>
      <RankingStyles />
      <p>
        <a href="/staff/rankings">{t(lang, 'rkOffice')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorNote message={props.error} title={t(lang, 'rkError')} />
      {view.status === 'draft' ? <p>{t(lang, 'rkDraftNote')}</p> : null}
      {view.changes ? (
        <p>
          {t(lang, 'rkCorrection')}: {view.changes}
        </p>
      ) : null}
      <table>
        <caption>{t(lang, 'rkPopulation')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'rkIndicator')}</th>
            <th scope="col" class="num">
              μ
            </th>
            <th scope="col" class="num">
              {t(lang, 'rkEffectiveWeight')}
            </th>
          </tr>
        </thead>
        <tbody>
          {method.indicators.map((i) => {
            const pop = view.population[i.id];
            return (
              <tr>
                <th scope="row">{i.label[lang]}</th>
                <td class="num">{indicatorValue(lang, i, pop?.mean)}</td>
                <td class="num">
                  {pop?.effectiveWeight === null || pop?.effectiveWeight === undefined
                    ? '—'
                    : i.role === 'score'
                      ? pct(lang, pop.effectiveWeight)
                      : `−${pop.effectiveWeight}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <RankingDetails ctx={ctx} view={view} method={method} review />
      {view.status === 'draft' ? (
        <p>
          <form method="post" action={`${base}/publish`} class="inline">
            <button type="submit" class="primary">
              {t(lang, 'rkPublish')}
            </button>
          </form>{' '}
          <form method="post" action={`${base}/discard`} class="inline">
            <button type="submit">{t(lang, 'rkDiscard')}</button>
          </form>
        </p>
      ) : (
        <Downloads ctx={ctx} view={view} />
      )}
    </Layout>
  );
}
