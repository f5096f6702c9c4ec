/**
 * A league table: rank, movement since the previous period, unit, score and sample,
 * then (in full) every indicator's raw value with its sample, the adjusted value that
 * is scored and its points, and the transparency figures; units marked for a talk
 * (约谈) carry a badge. Plain HTML, readable without JavaScript and by screen readers.
 */
import { raw } from 'hono/html';
import type { RankingMethod } from '../../../functions/domain/rankings/method.js';
import type { RankingRow } from '../../../functions/usecases/rankings/read.js';
import { type Lang, t } from '../../i18n.js';
import { indicatorValue, MIN_PUBLIC_SAMPLE, num, pct } from './format.js';
import { rankingStyles } from './styles.js';

export function RankingStyles() {
  return <style>{raw(rankingStyles)}</style>;
}

export function Movement(props: { lang: Lang; row: Pick<RankingRow, 'movement' | 'previousRank' | 'rank'> }) {
  const { lang, row } = props;
  if (row.rank === null) return <span>—</span>;
  if (row.previousRank === null) return <span>{t(lang, 'rkNew')}</span>;
  const m = row.movement ?? 0;
  if (m === 0)
    return (
      <span>
        <span aria-hidden="true">＝</span>
        <span class="visually-hidden">{t(lang, 'rkSame')}</span>
      </span>
    );
  const up = m > 0;
  return (
    <span class={up ? 'rk-up' : 'rk-down'}>
      <span aria-hidden="true">
        {up ? '↑' : '↓'}
        {Math.abs(m)}
      </span>
      <span class="visually-hidden">
        {t(lang, up ? 'rkUp' : 'rkDown')} {Math.abs(m)} {t(lang, 'rkPlaces')}
      </span>
    </span>
  );
}

export function TalkBadge(props: { lang: Lang }) {
  return <span class="badge badge-talk">{t(props.lang, 'rkTalk')}</span>;
}

export function RankingTable(props: {
  lang: Lang;
  rows: RankingRow[];
  method: RankingMethod;
  caption: string;
  /** Link each unit to its history page under this prefix. */
  unitHref?: (id: string) => string;
  full?: boolean;
  /** Staff review: show every figure, no 样本不足 masking. */
  review?: boolean;
}) {
  const { lang, rows, method } = props;
  const indicators = method.indicators;
  return (
    <div class="table-wrap">
      <table class="rk-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t(lang, 'rkRank')}
            </th>
            <th scope="col">{t(lang, 'rkMovement')}</th>
            <th scope="col">{t(lang, 'rkUnit')}</th>
            <th scope="col" class="num">
              {t(lang, 'rkScore')}
            </th>
            <th scope="col" class="num">
              {t(lang, 'rkSample')}
            </th>
            {props.full
              ? indicators.map((i) => (
                  <th scope="col" class="num">
                    {i.label[lang]}
                    <span class="rk-sub">
                      {t(lang, 'rkIndicatorRaw')} / {t(lang, 'rkIndicatorAdjusted')} / {t(lang, 'rkPoints')}
                    </span>
                  </th>
                ))
              : null}
            {props.full ? (
              <th scope="col" class="num">
                {t(lang, 'rkSuspended')}
              </th>
            ) : null}
            {props.full ? (
              <th scope="col" class="num">
                {t(lang, 'rkAppealsUpheld')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="num">{r.rank ?? t(lang, 'rkUnranked')}</td>
              <td>
                <Movement lang={lang} row={r} />
              </td>
              <th scope="row">
                {props.unitHref ? <a href={props.unitHref(r.id)}>{r.name}</a> : r.name}{' '}
                {r.talk ? <TalkBadge lang={lang} /> : null}
              </th>
              <td class="num">{num(lang, r.score)}</td>
              <td class="num">{r.sample}</td>
              {props.full
                ? indicators.map((i) => {
                    const v = r.indicators[i.id];
                    const tooFew = !props.review && (v?.n ?? 0) < MIN_PUBLIC_SAMPLE;
                    return (
                      <td class="num">
                        {v?.raw === null || v === undefined
                          ? '—'
                          : tooFew
                            ? t(lang, 'rkUnranked')
                            : indicatorValue(lang, i, v.raw)}
                        {v && v.n > 0 ? <span class="rk-sub">n = {v.n}</span> : null}
                        <span class="rk-sub">
                          {indicatorValue(lang, i, v?.shrunk)} / {num(lang, v?.points)}
                        </span>
                      </td>
                    );
                  })
                : null}
              {props.full ? <td class="num">{pct(lang, r.transparency.suspendedShare)}</td> : null}
              {props.full ? <td class="num">{r.transparency.appealsUpheld}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Top five and bottom five, side by side. */
export function TopBottom(props: { lang: Lang; rows: RankingRow[]; top: string[]; bottom: string[] }) {
  const byId = new Map(props.rows.map((r) => [r.id, r]));
  const item = (id: string) => {
    const r = byId.get(id);
    return r ? (
      <li>
        <strong>{r.rank}.</strong> {r.name} <span class="muted">({num(props.lang, r.score)})</span>{' '}
        {r.talk ? <TalkBadge lang={props.lang} /> : null}
      </li>
    ) : null;
  };
  return (
    <div class="rk-lists">
      <section aria-label={t(props.lang, 'rkTop5')}>
        <h3>{t(props.lang, 'rkTop5')}</h3>
        <ul>{props.top.map(item)}</ul>
      </section>
      <section aria-label={t(props.lang, 'rkBottom5')}>
        <h3>{t(props.lang, 'rkBottom5')}</h3>
        <ul>{props.bottom.map(item)}</ul>
      </section>
    </div>
  );
}
