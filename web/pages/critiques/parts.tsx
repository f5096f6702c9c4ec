/**
 * Small pieces the find-fault pages share: labels for categories, statuses and
 * timeline events, Beijing times, the stylesheet, and one board row. Every piece of
 * user text goes through JSX text nodes, which Hono escapes.
 */
import { raw } from 'hono/html';
import type { BoardRow } from '../../../functions/domain/critiques/board.js';
import type { Category, CritiqueStatus, EventKind } from '../../../functions/domain/critiques/model.js';
import { beijingIso } from '../../../functions/domain/critiques/open311.js';
import { dateTimeLabel, inParens, type Lang, type MessageKey, t } from '../../i18n.js';

const CATEGORY_KEYS: Record<Category, MessageKey> = {
  correction: 'crCatCorrection',
  enquiry: 'crCatEnquiry',
  suggestion: 'crCatSuggestion',
};

export const categoryLabel = (lang: Lang, c: Category) => t(lang, CATEGORY_KEYS[c]);
export const statusLabel = (lang: Lang, s: CritiqueStatus) => t(lang, `crSt_${s}` as MessageKey);
export const eventLabel = (lang: Lang, k: EventKind) => t(lang, `crEv_${k}` as MessageKey);

/** `2026-11-20 10:00` in Beijing time (`20 Nov 2026, 10:00` in English). */
export function when(iso: string, lang: Lang = 'zh'): string {
  return lang === 'zh' ? beijingIso(iso).slice(0, 16).replace('T', ' ') : dateTimeLabel(lang, iso);
}

export const critiqueStyles = `
.cr-list{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.cr-item{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.75rem 1rem}
.cr-item h2,.cr-item h3{font-size:1.1rem;margin:.1rem 0 .4rem}
.cr-meta{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .9rem;color:#444;font-size:.92rem;margin:0}
.cr-text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0}
.cr-answer{border-left:4px solid #1b6e20;background:#f3f8f3;padding:.4rem .75rem;margin:.5rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.badge{display:inline-block;white-space:nowrap;line-height:1.6;border-radius:999px;padding:0 .6rem;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.badge.open{color:#7a4b00;background:#fff6e5}
.badge.answered{color:#0b4f8a;background:#eaf2fb}
.badge.rectified{color:#1b5e20;background:#eaf6ea}
.badge.closed{color:#444;background:#f0f0f0}
.badge.late{color:#a00018;background:#fff0f0}
.badge.award{color:#6b3f00;background:#fff3c4}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.4rem;letter-spacing:.08em;font-weight:700}
.cr-filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.75rem}
.cr-filters label{margin:0 0 .25rem}
.cr-links{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
.cr-form{max-width:44rem}
.cr-form fieldset{border:1px solid #d6d6d0;border-radius:8px;background:#fff;margin:0 0 1rem;padding:.75rem}
.cr-form legend{font-weight:700;padding:0 .25rem}
.cr-form textarea,.cr-form input[type=text],.cr-form select,.cr-staff textarea,.cr-staff input[type=text],.cr-staff select{width:100%}
.cr-form textarea{min-height:10rem}
.cr-radio{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:.4rem 0}
.cr-radio input{width:1.4rem;height:1.4rem;min-height:0;margin-top:.2rem;flex:none}
.cr-radio span{display:block}
.hint{color:#555;font-size:.9rem;margin:.25rem 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.errors{border:2px solid #b00020;background:#fff0f0;border-radius:8px;padding:.5rem 1rem;margin-bottom:1rem}
.ok{border:2px solid #1b6e20;background:#effaf0;border-radius:8px;padding:.5rem 1rem;margin-bottom:1rem}
.cr-timeline{padding-left:1.25rem}
.cr-timeline li{margin:.25rem 0}
.cr-staff form{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.75rem;margin:.75rem 0;max-width:44rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.pager{display:flex;gap:1.5rem;margin:1rem 0}
`;

export function CritiqueStyles() {
  return <style>{raw(critiqueStyles)}</style>;
}

/** The status group badge of a public critique. */
export function StatusBadge(props: { lang: Lang; status: CritiqueStatus }) {
  const { lang, status } = props;
  const kind =
    status === 'answered'
      ? 'answered'
      : status === 'rectified'
        ? 'rectified'
        : status === 'rejected' || status === 'duplicate'
          ? 'closed'
          : 'open';
  return <span class={`badge ${kind}`}>{statusLabel(lang, status)}</span>;
}

/** One critique on the board: what, where, when, the latest answer and how fast it came. */
export function BoardItem(props: { lang: Lang; row: BoardRow; headingLevel?: 2 | 3 }) {
  const { lang, row } = props;
  const title = `${categoryLabel(lang, row.category)} · ${row.targetName ?? row.departmentName ?? t(lang, 'crGeneral')}`;
  const heading = (
    <a href={`/critiques/${row.trackingCode}`}>
      {title} <span class="visually-hidden">({row.trackingCode})</span>
    </a>
  );
  return (
    <li class="cr-item">
      <article aria-label={`${title} ${row.trackingCode}`}>
        {props.headingLevel === 3 ? <h3>{heading}</h3> : <h2>{heading}</h2>}
        <p class="cr-meta">
          <StatusBadge lang={lang} status={row.status} />
          {row.overdue ? <span class="badge late">{t(lang, 'crOverdue')}</span> : null}
          {row.awarded ? <span class="badge award">{t(lang, 'crAwardBadge')}</span> : null}
          <span>{when(row.createdAt, lang)}</span>
          {row.departmentName ? <span>{row.departmentName}</span> : null}
          <span>{row.nickname ?? t(lang, 'crAnonymous')}</span>
          {row.meToo ? (
            <span>
              {t(lang, 'crMeTooLabel')} +{row.meToo}
            </span>
          ) : null}
        </p>
        <p class="cr-text">{row.excerpt}</p>
        {row.answer ? (
          <div class="cr-answer">
            <p class="cr-meta">
              {t(lang, 'crAnswers')} · {when(row.answeredAt!, lang)}
              {row.responseDays !== undefined ? (
                <span>
                  {t(lang, 'crResponseTime')} {row.responseDays} {t(lang, 'crWorkingDays')}
                  {inParens(lang, row.answeredOnTime ? t(lang, 'crOnTime') : t(lang, 'crLate'))}
                </span>
              ) : null}
            </p>
            {row.answer}
          </div>
        ) : null}
        {row.notSolvedCount ? (
          <p class="cr-meta">
            {t(lang, 'crNotSolvedCount')}: {row.notSolvedCount}
          </p>
        ) : null}
      </article>
    </li>
  );
}
