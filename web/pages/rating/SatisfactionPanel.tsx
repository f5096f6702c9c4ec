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
import { type Column, DataTable } from '../../components/DataTable.js';
import { type Lang, type MessageKey, monthLabel, number, percent, t } from '../../i18n.js';
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

/**
 * The rates withheld on too few ratings, in the order the cards and tables show them,
 * each with its label. The cards, the window/staff table and the month table all list
 * (a prefix of) these, so they are named once and cannot drift apart in order or label.
 */
const JUDGED_RATES = [
  ['satisfactionScore', 'satisfactionScore'],
  ['goodRate', 'goodRate'],
  ['badRate', 'badRate'],
  ['callbackRate', 'callbackRate'],
  ['rectificationOnTimeRate', 'rectOnTimeRate'],
] as const satisfies readonly (readonly [keyof SatisfactionFigures, MessageKey])[];

type JudgedRate = (typeof JUDGED_RATES)[number];

/** Table columns of judged rates: right-aligned, 样本不足 where withheld. */
function judgedColumns<T extends SatisfactionFigures>(lang: Lang, rates: readonly JudgedRate[]): Column<T>[] {
  return rates.map(([field, key]) => ({
    label: t(lang, key),
    num: true,
    cell: (row: T) => <Judged lang={lang} value={row[field]} tooFew={row.tooFew} />,
  }));
}

export function SatisfactionCards(props: { lang: Lang; s: SatisfactionFigures }) {
  const { lang, s } = props;
  return (
    <div class="cards">
      <Card label={t(lang, 'ratingsCount')}>{number(lang, s.ratings, 0)}</Card>
      <Card label={t(lang, 'coverage')}>{percent(lang, s.coverage)}</Card>
      {JUDGED_RATES.map(([field, key]) => (
        <Card label={t(lang, key)}>
          <Judged lang={lang} value={s[field]} tooFew={s.tooFew} />
        </Card>
      ))}
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

/**
 * A figures table in a scrollable region: the region is focusable and labelled by the
 * caption so keyboard users can scroll it (axe: scrollable-region-focusable), which
 * every satisfaction table needs alike.
 */
function FiguresTable<T>(props: { caption: string; columns: readonly Column<T>[]; rows: readonly T[] }) {
  return (
    <section class="table-wrap" tabindex={0} aria-label={props.caption}>
      <DataTable caption={props.caption} columns={props.columns} rows={props.rows} />
    </section>
  );
}

/** Month by month, newest first: ratings, coverage and the first three judged rates. */
export function MonthlyTable(props: { lang: Lang; series: SatisfactionPoint[]; caption: string }) {
  const { lang } = props;
  const columns: Column<SatisfactionPoint>[] = [
    { label: t(lang, 'month'), cell: (m) => monthLabel(lang, m.month) },
    { label: t(lang, 'ratingsCount'), num: true, cell: (m) => number(lang, m.ratings, 0) },
    { label: t(lang, 'coverage'), num: true, cell: (m) => percent(lang, m.coverage) },
    ...judgedColumns<SatisfactionPoint>(lang, JUDGED_RATES.slice(0, 3)),
  ];
  return <FiguresTable caption={props.caption} columns={columns} rows={[...props.series].reverse()} />;
}

/** One row per window or staff member: ratings and every judged rate. */
export function UnitTable(props: { lang: Lang; rows: NamedFigures[]; nameHeader: string; caption: string }) {
  const { lang } = props;
  const columns: Column<NamedFigures>[] = [
    { label: props.nameHeader, cell: (r) => r.name },
    { label: t(lang, 'ratingsCount'), num: true, cell: (r) => number(lang, r.ratings, 0) },
    ...judgedColumns<NamedFigures>(lang, JUDGED_RATES),
  ];
  return <FiguresTable caption={props.caption} columns={columns} rows={props.rows} />;
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
