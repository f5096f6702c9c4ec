/**
 * The message catalogue: every label of the site in Chinese (default) and English.
 * Pages call `t(lang, key)`; nothing user-facing is written inline elsewhere.
 */
import type { Lang } from './lang.js';
import { coreMessages } from './messages/core.js';
import { critiqueMessages } from './messages/critiques.js';
import { localMessages } from './messages/local.js';
import { rankingMessages } from './messages/rankings.js';
import { ratingMessages } from './messages/ratings.js';
import { signInMessages } from './messages/sign-in.js';
import { supervisionMessages } from './messages/supervision.js';

/** Re-exported: pages take the language type from here with the functions that use it. */
export type { Lang };

/**
 * Feature catalogues merged into one: each feature keeps its labels in
 * `web/messages/<feature>.ts` and adds itself here.
 */
const messages = {
  ...coreMessages,
  ...critiqueMessages,
  ...rankingMessages,
  ...supervisionMessages,
  ...ratingMessages,
  ...localMessages,
  ...signInMessages,
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export function t(lang: Lang, key: MessageKey): string {
  return messages[key][lang];
}

export function langOf(value: string | undefined): Lang {
  return value === 'en' ? 'en' : 'zh';
}

/** Percent for display, e.g. 0.7142 → "71%" (zh) / "71%" (en). */
export function percent(lang: Lang, rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(rate);
}

export function number(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits }).format(
    value,
  );
}

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** A `YYYY-MM` month for display: 2026年11月 (zh) / Nov 2026 (en). */
export function monthLabel(lang: Lang, month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  if (lang === 'zh') return `${m[1]}年${Number(m[2])}月`;
  return new Intl.DateTimeFormat(LOCALE.en, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T00:00:00Z`),
  );
}

/**
 * A Beijing `YYYY-MM-DD` date for display: kept numeric in Chinese (GB/T 7408, as
 * government notices print it), 20 Nov 2026 in English.
 */
export function dateLabel(lang: Lang, date: string | undefined): string {
  if (!date) return '';
  if (lang === 'zh' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Intl.DateTimeFormat(LOCALE.en, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** An instant in Beijing time: 2026-11-20 10:05 (zh) / 20 Nov 2026, 10:05 (en). */
export function dateTimeLabel(lang: Lang, iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const beijing = new Date(ms + 8 * 3600_000).toISOString();
  const date = beijing.slice(0, 10);
  const time = beijing.slice(11, 16);
  return lang === 'zh' ? `${date} ${time}` : `${dateLabel(lang, date)}, ${time}`;
}

/** Words in brackets, with the brackets each language uses: （…） / (…). */
export function inParens(lang: Lang, text: string): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}

/** A message with `{name}` placeholders filled in, e.g. tf('zh', 'homeRankOf', { rank: 1, count: 9 }). */
export function tf(lang: Lang, key: MessageKey, vars: Record<string, string | number>): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
