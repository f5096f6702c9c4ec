/**
 * The home page tells the story at a glance: how much faster than the statutory
 * limits the city delivers, how satisfied people are (样本不足 under 10 ratings),
 * how many critiques are answered on time, the top and bottom of the latest league
 * table, and where it is improving month by month (a table, then the city's curves
 * with their own data table). Complete without scripts; the chart only enhances it.
 */
import type { CurvePoint } from '../../functions/domain/curves.js';
import type { CityOverview, LeagueGlance } from '../../functions/usecases/overview.js';
import type { RankingRow } from '../../functions/usecases/rankings/read.js';
import { CurvesChart } from '../components/CurvesChart.js';
import { Layout, type PageContext } from '../components/Layout.js';
import { type Lang, monthLabel, number, percent, t, tf } from '../i18n.js';

/** A figure withheld in public for too few ratings reads 样本不足. */
function Judged(props: { lang: Lang; value: number | null; tooFew: boolean }) {
  if (props.tooFew && props.value === null) return <span class="too-few">{t(props.lang, 'tooFew')}</span>;
  return <>{percent(props.lang, props.value)}</>;
}

/** 1 − actual/statutory of a month, each case against its own limit. */
const speedUpOf = (p: CurvePoint): number | null =>
  p.cases && p.statutoryDays && p.actual.mean !== null ? 1 - p.actual.mean / p.statutoryDays : null;

/** The change since the month before, with an arrow and words (never colour alone). */
function Change(props: { lang: Lang; now: number | null; before: number | null }) {
  const { lang, now, before } = props;
  if (now === null || before === null) return null;
  const delta = now - before;
  if (Math.abs(delta) < 0.005)
    return (
      <span class="muted">
        {' '}
        <span aria-hidden="true">＝</span>
        <span class="visually-hidden">{t(lang, 'vsLastMonthSame')}</span>
      </span>
    );
  const up = delta > 0;
  return (
    <span class={up ? 'up' : 'down'}>
      {' '}
      <span aria-hidden="true">{up ? '↑' : '↓'}</span>
      <span class="visually-hidden">{t(lang, up ? 'vsLastMonthUp' : 'vsLastMonthDown')}</span>
    </span>
  );
}

function Card(props: { label: string; figure: unknown; sub?: unknown }) {
  return (
    <div class="card">
      <div>{props.label}</div>
      <div class="figure">{props.figure}</div>
      {props.sub ? <div class="sub">{props.sub}</div> : null}
    </div>
  );
}

function Units(props: { lang: Lang; rows: RankingRow[]; count: number }) {
  const { lang } = props;
  return (
    <ul class="ranked">
      {props.rows.map((u) => (
        <li>
          <strong>{tf(lang, 'homeRankOf', { rank: u.rank ?? '—', count: props.count })}</strong>{' '}
          <a href={`/rankings/department/units/${encodeURIComponent(u.id)}`}>{u.name}</a>{' '}
          <span class="muted">
            · {t(lang, 'homeScore')} {number(lang, u.score, 1)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function League(props: { lang: Lang; league: LeagueGlance | undefined }) {
  const { lang, league } = props;
  return (
    <section aria-labelledby="home-league" class="console">
      <h2 id="home-league">{t(lang, 'homeLeague')}</h2>
      {league ? (
        <>
          <p>
            {t(lang, 'homeLeagueIntro')} · <strong>{periodText(lang, league.period)}</strong>
          </p>
          <div class="split">
            <section aria-labelledby="home-top">
              <h3 id="home-top">{t(lang, 'homeTop')}</h3>
              <Units lang={lang} rows={league.top} count={league.rankedCount} />
            </section>
            {league.bottom.length ? (
              <section aria-labelledby="home-bottom">
                <h3 id="home-bottom">{t(lang, 'homeBottom')}</h3>
                <Units lang={lang} rows={league.bottom} count={league.rankedCount} />
              </section>
            ) : null}
          </div>
        </>
      ) : (
        <p>{t(lang, 'homeNoRanking')}</p>
      )}
      <p>
        <a href="/rankings">{t(lang, 'homeFullRanking')}</a>
      </p>
    </section>
  );
}

/** `2026-10` or `2026-Q3` in words. */
function periodText(lang: Lang, period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return lang === 'zh' ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  return monthLabel(lang, period);
}

function Trend(props: { lang: Lang; o: CityOverview }) {
  const { lang, o } = props;
  const months = 12;
  const curves = o.curves.series.slice(-months);
  const offset = o.curves.series.length - curves.length;
  const imp = o.improvement;
  const half = Math.floor(o.curves.series.length / 2);
  return (
    <section aria-labelledby="home-trend">
      <h2 id="home-trend">{t(lang, 'homeTrend')}</h2>
      {imp.faster !== null && imp.recentMeanDays !== null && imp.earlierMeanDays !== null ? (
        <p class="lead">
          {tf(lang, imp.faster >= 0 ? 'homeFaster' : 'homeSlower', {
            months: half,
            recent: number(lang, imp.recentMeanDays),
            earlier: number(lang, imp.earlierMeanDays),
            rate: percent(lang, Math.abs(imp.faster)),
          })}
        </p>
      ) : null}
      <section class="table-wrap" tabindex={0} aria-label={t(lang, 'homeTrendCaption')}>
        <table>
          <caption>{t(lang, 'homeTrendCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'month')}</th>
              <th scope="col" class="num">
                {t(lang, 'cases')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'actual')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'actualSpeedUpCol')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'onTimeRate')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'homeSatisfaction')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'homeCritiquesOnTime')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...curves.keys()].reverse().map((i) => {
              const p = curves[i]!;
              const before = o.curves.series[offset + i - 1];
              const s = o.satisfaction.series[offset + i];
              const c = o.critiques.series[offset + i];
              return (
                <tr>
                  <th scope="row">{monthLabel(lang, p.month)}</th>
                  <td class="num">{number(lang, p.cases, 0)}</td>
                  <td class="num">{number(lang, p.actual.mean)}</td>
                  <td class="num">
                    {percent(lang, speedUpOf(p))}
                    <Change lang={lang} now={speedUpOf(p)} before={before ? speedUpOf(before) : null} />
                  </td>
                  <td class="num">{percent(lang, p.onTimeRate)}</td>
                  <td class="num">
                    {s ? <Judged lang={lang} value={s.satisfactionScore} tooFew={s.tooFew} /> : '—'}
                  </td>
                  <td class="num">{percent(lang, c?.onTimeRate ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </section>
  );
}

export function HomePage(props: { ctx: PageContext; overview: CityOverview }) {
  const { ctx, overview: o } = props;
  const { lang } = ctx;
  const curves = o.curves.summary;
  const sat = o.satisfaction.summary;
  const cr = o.critiques.summary;
  return (
    <Layout ctx={ctx} title={t(lang, 'navHome')} scripts={['/assets/curves.js']}>
      <h1>{t(lang, 'homeTitle')}</h1>
      <p class="lead">{t(lang, 'homeIntro')}</p>
      <nav aria-label={t(lang, 'homeHowTo')}>
        <ul class="actions">
          <li>
            <a class="button primary" href="/services">
              {t(lang, 'homeFindService')}
            </a>
          </li>
          <li>
            <a class="button" href="/critiques/new">
              {t(lang, 'homeFindFault')}
            </a>
          </li>
          <li class="muted">{t(lang, 'homeRate')}</li>
        </ul>
      </nav>
      <section aria-labelledby="home-glance">
        <h2 id="home-glance">{t(lang, 'homeGlance')}</h2>
        <p class="muted">
          {t(lang, 'homeRange')}
          {t(lang, 'colon')}
          {monthLabel(lang, o.from)} – {monthLabel(lang, o.to)}
        </p>
        <div class="cards">
          <Card
            label={t(lang, 'actualSpeedUp')}
            figure={percent(lang, curves.actualSpeedUp)}
            sub={`${t(lang, 'homePromisedSub')} ${percent(lang, curves.promisedSpeedUp)}`}
          />
          <Card
            label={t(lang, 'onTimeRate')}
            figure={percent(lang, curves.onTimeRate)}
            sub={`${t(lang, 'homeCasesSub')} ${number(lang, curves.cases, 0)}`}
          />
          <Card
            label={t(lang, 'homeSatisfaction')}
            figure={<Judged lang={lang} value={sat.satisfactionScore} tooFew={sat.tooFew} />}
            sub={
              <>
                {t(lang, 'homeRatingsSub')} {number(lang, sat.ratings, 0)}
                {sat.goodRate !== null
                  ? ` · ${t(lang, 'homeGoodRateSub')} ${percent(lang, sat.goodRate)}`
                  : ''}
              </>
            }
          />
          <Card
            label={t(lang, 'homeCritiquesOnTime')}
            figure={percent(lang, cr.onTimeRate)}
            sub={`${t(lang, 'homeCritiquesSub')} ${number(lang, cr.answered, 0)} / ${number(lang, cr.received, 0)}`}
          />
        </div>
      </section>
      <League lang={lang} league={o.league} />
      <Trend lang={lang} o={o} />
      {/* The elderly-friendly mode keeps the month-by-month table above and leaves the curves out. */}
      <div class="elder-hide">
        <CurvesChart
          lang={lang}
          series={o.curves.series}
          title={t(lang, 'homeCityCurves')}
          intro={<p class="muted">{t(lang, 'homeCurvesIntro')}</p>}
          collapseTable
          csvHref={`/api/v1/city/curves?from=${o.from}&to=${o.to}&format=csv`}
        />
      </div>
    </Layout>
  );
}
