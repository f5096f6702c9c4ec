/**
 * The message catalogue: every label of the site in Chinese (default) and English.
 * Pages call `t(lang, key)`; nothing user-facing is written inline elsewhere.
 */
import { coreMessages } from './messages/core.js';

export type Lang = 'zh' | 'en';

/**
 * Feature catalogues merged into one: each feature keeps its labels in
 * `web/messages/<feature>.ts` and adds itself here.
 */
const messages = {
  ...coreMessages,
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
