/**
 * A ranking version of one scope and period: computed as a draft from the monthly
 * aggregates, reviewed by the office, then published and never changed again. A
 * correction is a later version that says what changed; readers see the latest
 * published version and can fetch every earlier one.
 */
import type { Counters } from '../aggregates/contribution.js';
import type { RankingScope } from './period.js';
import type { PopulationValue, RankedUnit, UnitInput } from './scoring.js';

export type RankingStatus = 'computing' | 'draft' | 'published';

export interface RankingHeader {
  scope: RankingScope;
  period: string;
  version: number;
  status: RankingStatus;
  methodVersion: number;
  months: string[];
  createdAt: string;
  createdBy: string;
  publishedAt?: string | undefined;
  publishedBy?: string | undefined;
  /** What this version corrects, required when an earlier version is published. */
  changes?: string | undefined;
  /** The published version this one corrects. */
  supersedes?: number | undefined;
  population: Record<string, PopulationValue>;
  missingIndicators: string[];
  unitCount: number;
  rankedCount: number;
}

export interface Ranking extends RankingHeader {
  units: RankedUnit[];
}

/** One row of a ranking's open-data inputs: a counter of a unit in a month. */
export interface InputRow {
  unitId: string;
  unitName: string;
  month: string;
  counter: string;
  value: number;
}

export const INPUT_COLUMNS = ['unitId', 'unitName', 'month', 'counter', 'value'] as const;

/** Flatten inputs to rows (units by id, months ascending, counters by name; zeros left out). */
export function inputsToRows(units: readonly UnitInput[]): InputRow[] {
  const rows: InputRow[] = [];
  const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const u of sorted) {
    for (const month of Object.keys(u.months).sort()) {
      const counters = u.months[month]!;
      for (const name of Object.keys(counters).sort()) {
        const value = counters[name]!;
        if (value !== 0) rows.push({ unitId: u.id, unitName: u.name, month, counter: name, value });
      }
    }
    if (!Object.values(u.months).some((c) => Object.values(c).some((v) => v !== 0))) {
      // Keep units without any data, so the download lists every unit that was ranked.
      rows.push({ unitId: u.id, unitName: u.name, month: '', counter: '', value: 0 });
    }
  }
  return rows;
}

/** Rebuild inputs from rows (the inverse of `inputsToRows`). */
export function rowsToInputs(rows: readonly InputRow[]): UnitInput[] {
  const byId = new Map<string, UnitInput>();
  for (const r of rows) {
    let unit = byId.get(r.unitId);
    if (!unit) {
      unit = { id: r.unitId, name: r.unitName, months: {} };
      byId.set(r.unitId, unit);
    }
    if (!r.month || !r.counter) continue;
    const month: Counters = unit.months[r.month] ?? {};
    month[r.counter] = (month[r.counter] ?? 0) + r.value;
    unit.months[r.month] = month;
  }
  return [...byId.values()];
}
