/**
 * The ranking method in plain words with its formula (`/rankings/method`, a given
 * version under `/rankings/method/:version`): each indicator, its points, direction
 * and the counts it is computed from; the shrinkage with a worked example; the minimum
 * sample; and every version with what changed.
 */
import type { RankingMethod } from '../../../functions/domain/rankings/method.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { beijingTime, fill, num } from './format.js';
import { RankingStyles } from './RankingTable.js';

const terms = (list: readonly string[]) =>
  list.map((term, i) => (term.startsWith('-') ? ` − ${term.slice(1)}` : `${i ? ' + ' : ''}${term}`)).join('');

export function MethodPage(props: { ctx: PageContext; method: RankingMethod; versions: RankingMethod[] }) {
  const { ctx, method } = props;
  const { lang } = ctx;
  const title = `${t(lang, 'rkMethodTitle')} · ${method.name[lang]}`;
  return (
    <Layout ctx={ctx} title={title}>
      <RankingStyles />
      <p>
        <a href="/rankings">{t(lang, 'rkTitle')}</a>
      </p>
      <h1>{method.name[lang]}</h1>
      <p>{t(lang, 'rkMethodIntro')}</p>
      <div class="table-wrap">
        <table>
          <caption>
            {t(lang, 'rkMethodTitle')} v{method.version}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'rkIndicator')}</th>
              <th scope="col" class="num">
                {t(lang, 'rkWeight')}
              </th>
              <th scope="col">{t(lang, 'rkDirection')}</th>
              <th scope="col">{t(lang, 'rkFormula')}</th>
            </tr>
          </thead>
          <tbody>
            {method.indicators.map((i) => (
              <tr>
                <th scope="row">
                  {i.label[lang]}
                  {i.description ? <span class="rk-sub">{i.description[lang]}</span> : null}
                </th>
                <td class="num">
                  {i.role === 'score'
                    ? num(lang, i.weight * 100, 0)
                    : `−${num(lang, i.weight, 0)} (${t(lang, 'rkPenalty')})`}
                </td>
                <td>{t(lang, i.direction === 'higher' ? 'rkHigher' : 'rkLower')}</td>
                <td>
                  <code>
                    ({terms(i.numerator)}) ÷ ({terms(i.denominator)})
                  </code>
                  {i.normalisation.kind === 'range' ? (
                    <span class="rk-sub">
                      [{i.normalisation.min}, {i.normalisation.max}] → [0, 1]
                    </span>
                  ) : (
                    <span class="rk-sub">min–max</span>
                  )}
                  {i.sample ? <span class="rk-sub">n = {terms(i.sample)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t(lang, 'rkStepsTitle')}</h2>
      <ol>
        <li>{t(lang, 'rkStep1')}</li>
        <li>
          {fill(t(lang, 'rkStep2'), { k: method.shrinkage.k })}
          <p class="rk-formula">x̃ = (n·x + k·μ) / (n + k), k = {method.shrinkage.k}</p>
        </li>
        <li>{t(lang, 'rkStep3')}</li>
        <li>
          {t(lang, 'rkStep4')}
          <p class="rk-formula">score = 100 · Σ w·g / Σ w − Σ penalty·(1 − g)</p>
        </li>
        <li>{fill(t(lang, 'rkStep5'), { min: method.minSample.min })}</li>
      </ol>
      <h2>{t(lang, 'rkExampleTitle')}</h2>
      <p>{t(lang, 'rkExample')}</p>
      <p class="muted">{t(lang, 'rkTransparencyNote')}</p>
      <p>
        <a href={`/api/v1/rankings/methods/${method.version}`}>{t(lang, 'rkDownloadMethod')}</a>
      </p>
      <h2>{t(lang, 'rkMethodVersions')}</h2>
      <ul>
        {props.versions.map((m) => (
          <li>
            <a href={`/rankings/method/${m.version}`}>v{m.version}</a> · {m.name[lang]} ·{' '}
            {beijingTime(m.createdAt)}
            {m.changes ? ` · ${m.changes}` : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
