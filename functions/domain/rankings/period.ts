/**
 * Ranking periods and scopes. A period is a Beijing month (`2026-10`) or quarter
 * (`2026-Q3`); a scope is what is ranked: departments, districts or service windows,
 * each read from the monthly aggregates of the matching aggregate scope.
 */
import type { AggregateScope } from '../aggregates/contribution.js';
import { lastDayOfMonth } from '../calendar/index.js';
import { addMonths } from '../months.js';

export const RANKING_SCOPES = ['department', 'district', 'window'] as const;
export type RankingScope = (typeof RANKING_SCOPES)[number];

/** The aggregate scope each ranking scope reads. */
export const AGGREGATE_SCOPE_OF: Record<RankingScope, AggregateScope> = {
  department: 'dept',
  district: 'district',
  window: 'window',
};

export function isRankingScope(value: unknown): value is RankingScope {
  return typeof value === 'string' && (RANKING_SCOPES as readonly string[]).includes(value);
}

export type PeriodKind = 'month' | 'quarter';

export interface Period {
  /** `YYYY-MM` or `YYYY-Qn`, as in URLs. */
  id: string;
  kind: PeriodKind;
  /** The months it covers, in ascending order. */
  months: string[];
  /** First day and last day (Beijing dates), inclusive. */
  firstDay: string;
  lastDay: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Parse a period id; undefined when it is neither a month nor a quarter. */
export function parsePeriod(id: string): Period | undefined {
  const m = MONTH.exec(id);
  if (m) return periodOf('month', id, [id]);
  const q = QUARTER.exec(id);
  if (q) {
    const first = `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}`;
    return periodOf('quarter', id, [first, addMonths(first, 1), addMonths(first, 2)]);
  }
  return undefined;
}

function periodOf(kind: PeriodKind, id: string, months: string[]): Period | undefined {
  const year = Number(id.slice(0, 4));
  if (year < 2000 || year > 2100) return undefined;
  return { id, kind, months, firstDay: `${months[0]}-01`, lastDay: lastDayOfMonth(months.at(-1)!) };
}

/** The period just before, of the same kind (rank movement, two-in-a-row checks). */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'month') return parsePeriod(addMonths(p.id, -1))!;
  const first = addMonths(p.months[0]!, -3);
  const quarter = Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1;
  return parsePeriod(`${first.slice(0, 4)}-Q${quarter}`)!;
}

/** The period of the same kind containing a Beijing date. */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const month = date.slice(0, 7);
  if (kind === 'month') return parsePeriod(month)!;
  return parsePeriod(`${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`)!;
}
