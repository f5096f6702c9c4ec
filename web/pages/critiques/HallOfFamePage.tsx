/**
 * 啄木鸟奖: the awarded critiques, newest first, with their citations, and the
 * leaderboard of public nicknames by awards and adopted critiques.
 */
import type { AwardRecord } from '../../../functions/store/critique-awards.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { CritiqueStyles, categoryLabel, when } from './parts.js';

export function HallOfFamePage(props: {
  ctx: PageContext;
  awards: AwardRecord[];
  leaders: { nickname: string; adopted: number; awards: number }[];
}) {
  const { ctx } = props;
  const { lang } = ctx;
  return (
    <Layout ctx={ctx} title={t(lang, 'crHallTitle')}>
      <CritiqueStyles />
      <h1>{t(lang, 'crHallTitle')}</h1>
      <p>{t(lang, 'crHallIntro')}</p>
      <h2>{t(lang, 'crAwardsTitle')}</h2>
      {props.awards.length ? (
        <ol class="cr-list">
          {props.awards.map((a) => (
            <li class="cr-item">
              <article aria-label={a.trackingCode}>
                <h3>
                  <a href={`/critiques/${a.trackingCode}`}>
                    {categoryLabel(lang, a.category as 'correction')} ·{' '}
                    {a.targetName ?? a.departmentName ?? t(lang, 'crGeneral')}
                  </a>
                </h3>
                <p class="cr-meta">
                  <span class="badge award">{t(lang, 'crAwardBadge')}</span>
                  <span>{a.nickname ?? t(lang, 'crAnonymous')}</span>
                  <span>{when(a.grantedAt, lang)}</span>
                </p>
                <p class="cr-text">
                  <strong>{t(lang, 'crCitation')}:</strong> {a.citation}
                </p>
                <p class="cr-text muted">{a.excerpt}</p>
              </article>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t(lang, 'crNoAwards')}</p>
      )}
      <h2>{t(lang, 'crLeaderboard')}</h2>
      <p>{t(lang, 'crLeaderboardIntro')}</p>
      {props.leaders.length ? (
        <section class="table-wrap" tabindex={0} aria-label={t(lang, 'crLeaderboard')}>
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t(lang, 'crRank')}
                </th>
                <th scope="col">{t(lang, 'crNicknameCol')}</th>
                <th scope="col" class="num">
                  {t(lang, 'crAwardsCol')}
                </th>
                <th scope="col" class="num">
                  {t(lang, 'crAdoptedCol')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.leaders.map((l, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <th scope="row">{l.nickname}</th>
                  <td class="num">{l.awards}</td>
                  <td class="num">{l.adopted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p>{t(lang, 'crNoLeaders')}</p>
      )}
    </Layout>
  );
}
