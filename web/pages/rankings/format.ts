/**
 * Formatting shared by the ranking pages: indicator values in their natural unit
 * (percent for rates, a score for 1–5 scales), scores, movements and scope labels.
 */
import type { IndicatorDefinition } from '../../../functions/domain/rankings/method.js';
import type { RankingScope } from '../../../functions/domain/rankings/period.js';
import { type Lang, type MessageKey, t } from '../../i18n.js';

/** Figures on fewer than this many observations are shown as too few to judge (docs/domain.md "Ratings"). */
export const MIN_PUBLIC_SAMPLE = 10;

const nf = (lang: Lang, opts: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', opts);

export function pct(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return nf(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}

export function num(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** An indicator value in its own unit: a rate as a percent, a 1–5 score as a number. */
export function indicatorValue(
  lang: Lang,
  def: IndicatorDefinition,
  value: number | null | undefined,
): string {
  const isRate = def.normalisation.kind === 'minmax' || def.normalisation.max <= 1;
  return isRate ? pct(lang, value) : num(lang, value, 2);
}

export function scopeLabel(lang: Lang, scope: RankingScope): string {
  return t(lang, `rkScope_${scope}` as MessageKey);
}

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A period label: `2026-10` → 2026年10月 / Oct 2026; `2026-Q3` → 2026年第3季度 / Q3 2026. */
export function periodLabel(lang: Lang, period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return lang === 'zh' ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  if (lang === 'zh') return `${m[1]}年${Number(m[2])}月`;
  return new Date(`${period}-15T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Beijing time of an instant, `YYYY-MM-DD HH:mm`. */
export function beijingTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}
