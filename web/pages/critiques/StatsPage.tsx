/**
 * Critiques per department, from the monthly aggregates: received, answered, answered
 * on time and the on-time rate, the median response time, "not solved" verdicts and
 * answers currently overdue, with the city's total.
 */
import type { CritiqueStats } from '../../../functions/domain/critiques/contribution.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { inParens, type Lang, monthLabel, number, percent, t } from '../../i18n.js';
import { CritiqueStyles } from './parts.js';

function Row(props: { lang: Lang; name: string; s: CritiqueStats; href?: string }) {
  const { lang, s } = props;
  return (
    <tr>
      <th scope="row">{props.href ? <a href={props.href}>{props.name}</a> : props.name}</th>
      <td class="num">{number(lang, s.received, 0)}</td>
      <td class="num">{number(lang, s.answered, 0)}</td>
      <td class="num">{number(lang, s.answeredOnTime, 0)}</td>
      <td class="num">{percent(lang, s.onTimeRate)}</td>
      <td class="num">
        {s.medianResponseDays === null
          ? '—'
          : `${number(lang, s.medianResponseDays, 0)} ${t(lang, 'crWorkingDays')}`}
      </td>
      <td class="num">{number(lang, s.notSolved, 0)}</td>
      <td class="num">{number(lang, s.overdue, 0)}</td>
    </tr>
  );
}

export function StatsPage(props: {
  ctx: PageContext;
  from: string;
  to: string;
  city: CritiqueStats;
  departments: ({ departmentId: string; name: string } & CritiqueStats)[];
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'crStatsTitle')}>
      <CritiqueStyles />
      <h1>{t(lang, 'crStatsTitle')}</h1>
      <p>
        {t(lang, 'crStatsIntro')}
        {inParens(lang, `${monthLabel(lang, props.from)} – ${monthLabel(lang, props.to)}`)}
      </p>
      <section class="table-wrap" tabindex={0} aria-label={t(lang, 'crStatsTitle')}>
        <table>
          <caption class="visually-hidden">{t(lang, 'crStatsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'department')}</th>
              <th scope="col" class="num">
                {t(lang, 'crReceived')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'crAnswered')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'crAnsweredOnTime')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'crOnTimeRate')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'crMedianDays')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'crNotSolvedCol')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'crOverdueCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.departments.map((d) => (
              <Row
                lang={lang}
                name={d.name}
                s={d}
                href={`/critiques/board?departmentId=${encodeURIComponent(d.departmentId)}`}
              />
            ))}
          </tbody>
          <tfoot>
            <Row lang={lang} name={t(lang, 'crCityRow')} s={props.city} />
          </tfoot>
        </table>
      </section>
    </Layout>
  );
}
