/**
 * Where a ranking's inputs come from: the units of a scope (from the catalogue) and
 * each unit's monthly counters (from the monthly aggregates, one Query per unit over
 * months × shards, never the cases). Only the counters the method reads are kept, so
 * the published inputs are exactly what the score was computed from. Upheld appeals
 * are not an aggregate counter (an excluded review counts nowhere); they are counted
 * from the appeals index by the month of the review and added as `appealsUpheld`.
 */
import type { Counters } from '../../domain/aggregates/contribution.js';
import { RANKING_COUNTERS } from '../../domain/rankings/counters.js';
import { AGGREGATE_SCOPE_OF, type RankingScope } from '../../domain/rankings/period.js';
import type { UnitInput } from '../../domain/rankings/scoring.js';
import type { Platform } from '../../platform.js';

export interface UnitRef {
  id: string;
  name: string;
}

/** The counter added from upheld appeals (not an aggregate counter). */
export const APPEALS_UPHELD = RANKING_COUNTERS.appealsUpheld;

/** Run `fn` over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The units ranked in a scope: departments, their districts, or their service windows. */
export async function unitsOf(p: Platform, scope: RankingScope): Promise<UnitRef[]> {
  const departments = await p.catalogue.listDepartments();
  if (scope === 'department') return departments.map((d) => ({ id: d.id, name: d.name }));
  if (scope === 'district') {
    const districts = [...new Set(departments.map((d) => d.district).filter((d): d is string => !!d))];
    return districts.sort().map((d) => ({ id: d, name: d }));
  }
  const windows = await mapLimit(departments, 8, (d) => p.catalogue.listWindows(d.id));
  return windows.flat().map((w) => ({ id: w.id, name: w.name }));
}

/** Keep only the named counters of each month (zeros dropped). */
function pick(months: Map<string, Counters>, wanted: ReadonlySet<string>): Record<string, Counters> {
  const out: Record<string, Counters> = {};
  for (const [month, counters] of months) {
    const kept: Counters = {};
    for (const [name, value] of Object.entries(counters)) if (wanted.has(name) && value) kept[name] = value;
    if (Object.keys(kept).length) out[month] = kept;
  }
  return out;
}

/** Read each unit's monthly counters from the aggregates. */
export async function readUnitInputs(
  p: Platform,
  scope: RankingScope,
  units: readonly UnitRef[],
  months: readonly string[],
  counters: readonly string[],
): Promise<{ inputs: UnitInput[]; itemsRead: number }> {
  const wanted = new Set(counters);
  let itemsRead = 0;
  const from = months[0]!;
  const to = months.at(-1)!;
  const inputs = await mapLimit(units, 16, async (u) => {
    const read = await p.aggregates.readAggregates(AGGREGATE_SCOPE_OF[scope], u.id, from, to);
    itemsRead += read.itemsRead;
    return { id: u.id, name: u.name, months: pick(read.months, wanted) };
  });
  if (wanted.has(APPEALS_UPHELD)) await addUpheldAppeals(p, scope, inputs, new Set(months));
  return { inputs, itemsRead };
}

/** Count upheld appeals per unit and month of the review (the appeals index, a few items). */
async function addUpheldAppeals(
  p: Platform,
  scope: RankingScope,
  inputs: UnitInput[],
  months: ReadonlySet<string>,
): Promise<void> {
  const byId = new Map(inputs.map((u) => [u.id, u]));
  const field = scope === 'department' ? 'departmentId' : scope === 'district' ? 'district' : 'windowId';
  for (const appeal of await p.ratings.upheldAppeals()) {
    const month = typeof appeal.month === 'string' ? appeal.month : '';
    const unit = byId.get(String(appeal[field] ?? ''));
    if (!unit || !months.has(month)) continue;
    const counters = unit.months[month] ?? {};
    counters[APPEALS_UPHELD] = (counters[APPEALS_UPHELD] ?? 0) + 1;
    unit.months[month] = counters;
  }
}
