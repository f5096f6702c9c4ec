/**
 * The public satisfaction panel of a service or department page: ratings, coverage,
 * satisfaction score, good/bad review rates, callback and on-time rectification rates,
 * the score distribution, a month-by-month table and (for a department) one row per
 * window. Figures on fewer than 10 ratings read 样本不足 / "too few to judge", exactly
 * where the API gives null with `tooFew: true`.
 */
import type {
  SatisfactionFigures,
  SatisfactionPoint,
} from '../../../functions/domain/ratings/satisfaction.js';
import type { NamedFigures } from '../../../functions/usecases/ratings/satisfaction.js';
import { type Lang, monthLabel, number, percent, t } from '../../i18n.js';
import { SCORE_KEYS } from './labels.js';
import { RatingStyles } from './RatingStyles.js';

/** A rate, or 样本不足 when the figure is withheld for too few ratings. */
function Judged(props: { lang: Lang; value: number | null; tooFew: boolean }) {
  if (props.tooFew && props.value === null) return <span class="too-few">{t(props.lang, 'tooFew')}</span>;
  return <>{percent(props.lang, props.value)}</>;
}

function Card(props: { label: string; children: unknown }) {
  return (
    <div class="card">
      <div>{props.label}</div>
      <div class="figure">{props.children}</div>
    </div>
  );
}

export function SatisfactionCards(props: { lang: Lang; s: SatisfactionFigures }) {
  const { lang, s } = props;
  return (
    <div class="cards">
      <Card label={t(lang, 'ratingsCount')}>{number(lang, s.ratings, 0)}</Card>
      <Card label={t(lang, 'coverage')}>{percent(lang, s.coverage)}</Card>
      <Card label={t(lang, 'satisfactionScore')}>
        <Judged lang={lang} value={s.satisfactionScore} tooFew={s.tooFew} />
      </Card>
      <Card label={t(lang, 'goodRate')}>
        <Judged lang={lang} value={s.goodRate} tooFew={s.tooFew} />
      </Card>
      <Card label={t(lang, 'badRate')}>
        <Judged lang={lang} value={s.badRate} tooFew={s.tooFew} />
      </Card>
      <Card label={t(lang, 'callbackRate')}>
        <Judged lang={lang} value={s.callbackRate} tooFew={s.tooFew} />
      </Card>
      <Card label={t(lang, 'rectOnTimeRate')}>
        <Judged lang={lang} value={s.rectificationOnTimeRate} tooFew={s.tooFew} />
      </Card>
    </div>
  );
}

export function DistributionList(props: { lang: Lang; s: SatisfactionFigures; id: string }) {
  const { lang, s } = props;
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{t(lang, 'distribution')}</h3>
      <ul class="dist">
        {(['5', '4', '3', '2', '1'] as const).map((k) => {
          const n = s.distribution[k];
          const share = s.ratings ? n / s.ratings : 0;
          return (
            <li>
              <span>{t(lang, SCORE_KEYS[Number(k)]!)}</span>
              <span class="bar" aria-hidden="true">
                <span style={`width:${(share * 100).toFixed(1)}%`} />
              </span>
              <span class="num">{number(lang, n, 0)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function MonthlyTable(props: { lang: Lang; series: SatisfactionPoint[]; caption: string }) {
  const { lang } = props;
  return (
    <section class="table-wrap" tabindex={0} aria-label={props.caption}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'month')}</th>
            <th scope="col" class="num">
              {t(lang, 'ratingsCount')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'coverage')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'satisfactionScore')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'goodRate')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'badRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...props.series].reverse().map((m) => (
            <tr>
              <th scope="row">{monthLabel(lang, m.month)}</th>
              <td class="num">{number(lang, m.ratings, 0)}</td>
              <td class="num">{percent(lang, m.coverage)}</td>
              <td class="num">
                <Judged lang={lang} value={m.satisfactionScore} tooFew={m.tooFew} />
              </td>
              <td class="num">
                <Judged lang={lang} value={m.goodRate} tooFew={m.tooFew} />
              </td>
              <td class="num">
                <Judged lang={lang} value={m.badRate} tooFew={m.tooFew} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function UnitTable(props: { lang: Lang; rows: NamedFigures[]; nameHeader: string; caption: string }) {
  const { lang } = props;
  return (
    <section class="table-wrap" tabindex={0} aria-label={props.caption}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.nameHeader}</th>
            <th scope="col" class="num">
              {t(lang, 'ratingsCount')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'satisfactionScore')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'goodRate')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'badRate')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'callbackRate')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'rectOnTimeRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.name}</th>
              <td class="num">{number(lang, r.ratings, 0)}</td>
              <td class="num">
                <Judged lang={lang} value={r.satisfactionScore} tooFew={r.tooFew} />
              </td>
              <td class="num">
                <Judged lang={lang} value={r.goodRate} tooFew={r.tooFew} />
              </td>
              <td class="num">
                <Judged lang={lang} value={r.badRate} tooFew={r.tooFew} />
              </td>
              <td class="num">
                <Judged lang={lang} value={r.callbackRate} tooFew={r.tooFew} />
              </td>
              <td class="num">
                <Judged lang={lang} value={r.rectificationOnTimeRate} tooFew={r.tooFew} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The panel on a service or department page (the last 12 months in the table). */
export function SatisfactionPanel(props: {
  lang: Lang;
  summary: SatisfactionFigures;
  series: SatisfactionPoint[];
  csvHref: string;
  windows?: NamedFigures[];
}) {
  const { lang } = props;
  return (
    <section aria-labelledby="satisfaction-title" class="satisfaction">
      <RatingStyles />
      <h2 id="satisfaction-title">{t(lang, 'satisfactionTitle')}</h2>
      <p class="muted">{t(lang, 'satisfactionIntro')}</p>
      <SatisfactionCards lang={lang} s={props.summary} />
      <DistributionList lang={lang} s={props.summary} id="satisfaction-dist" />
      {props.windows?.length ? (
        <>
          <h3>{t(lang, 'byWindow')}</h3>
          <UnitTable
            lang={lang}
            rows={props.windows}
            nameHeader={t(lang, 'windowCol')}
            caption={t(lang, 'byWindow')}
          />
        </>
      ) : null}
      <h3>{t(lang, 'byMonth')}</h3>
      <MonthlyTable lang={lang} series={props.series.slice(-12)} caption={t(lang, 'byMonth')} />
      <p>
        <a href={props.csvHref}>{t(lang, 'downloadCsv')}</a>
      </p>
    </section>
  );
}
