/**
 * A unit's rank over time (`/rankings/:scope/units/:id`): a small line chart drawn as
 * inline SVG (no script needed) and the same figures as a table, for months and
 * quarters separately.
 */
import type { RankingScope } from '../../../functions/domain/rankings/period.js';
import type { HistoryPoint } from '../../../functions/usecases/rankings/read.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type Lang, t } from '../../i18n.js';
import { num, periodLabel, scopeLabel } from './format.js';
import { RankingStyles, TalkBadge } from './RankingTable.js';

function RankChart(props: { lang: Lang; points: HistoryPoint[]; label: string }) {
  const ranked = props.points.filter((p) => p.rank !== null);
  if (ranked.length < 2) return null;
  const width = 640;
  const height = 200;
  const pad = 32;
  const maxRank = Math.max(...props.points.map((p) => p.rankedCount), 2);
  const x = (i: number) => pad + (i * (width - 2 * pad)) / Math.max(props.points.length - 1, 1);
  const y = (rank: number) => pad + ((rank - 1) * (height - 2 * pad)) / (maxRank - 1);
  const coords = props.points
    .map((p, i) => (p.rank === null ? undefined : `${x(i).toFixed(1)},${y(p.rank).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg
      class="rk-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.label}
      width={width}
      height={height}
    >
      <title>{props.label}</title>
      <line x1={pad} y1={y(1)} x2={width - pad} y2={y(1)} stroke="#d6d6d0" />
      <line x1={pad} y1={y(maxRank)} x2={width - pad} y2={y(maxRank)} stroke="#d6d6d0" />
      <text x={4} y={y(1) + 4} font-size="12" fill="#555">
        1
      </text>
      <text x={4} y={y(maxRank) + 4} font-size="12" fill="#555">
        {maxRank}
      </text>
      <polyline points={coords} fill="none" stroke="#0b4f8a" stroke-width="3" />
      {props.points.map((p, i) =>
        p.rank === null ? null : (
          <circle cx={x(i)} cy={y(p.rank)} r="5" fill={p.talk ? '#a1001c' : '#0b4f8a'} />
        ),
      )}
    </svg>
  );
}

export function UnitHistoryPage(props: {
  ctx: PageContext;
  scope: RankingScope;
  name: string;
  history: { month: HistoryPoint[]; quarter: HistoryPoint[] };
}) {
  const { ctx, scope, name } = props;
  const { lang } = ctx;
  const title = `${name} · ${t(lang, 'rkHistory')}`;
  const section = (kind: 'month' | 'quarter', heading: string) => {
    const points = props.history[kind];
    if (!points.length) return null;
    return (
      <section aria-labelledby={`h-${kind}`}>
        <h2 id={`h-${kind}`}>{heading}</h2>
        <RankChart lang={lang} points={points} label={`${name} · ${heading} ${t(lang, 'rkHistoryOf')}`} />
        <div class="table-wrap">
          <table>
            <caption>
              {name} · {heading}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'rkPeriod')}</th>
                <th scope="col" class="num">
                  {t(lang, 'rkRank')}
                </th>
                <th scope="col" class="num">
                  {t(lang, 'rkScore')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={`/rankings/${scope}/${p.period}`}>{periodLabel(lang, p.period)}</a>
                  </th>
                  <td class="num">
                    {p.rank === null ? t(lang, 'rkUnitNotRanked') : `${p.rank} / ${p.rankedCount}`}{' '}
                    {p.talk ? <TalkBadge lang={lang} /> : null}
                  </td>
                  <td class="num">{num(lang, p.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  };
  return (
    <Layout ctx={ctx} title={title}>
      <RankingStyles />
      <p>
        <a href="/rankings">{t(lang, 'rkTitle')}</a> ·{' '}
        <a href={`/rankings/${scope}`}>{scopeLabel(lang, scope)}</a>
      </p>
      <h1>{title}</h1>
      {section('month', t(lang, 'rkMonths'))}
      {section('quarter', t(lang, 'rkQuarters'))}
    </Layout>
  );
}
