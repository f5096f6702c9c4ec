/**
 * What an item adds to the monthly aggregates. The stream aggregator applies
 * `contributionsOf(new) − contributionsOf(old)` for every change, so corrections,
 * deletions and out-of-order updates all telescope to the right totals, and the
 * recount command sums the same function over raw items: one definition, two uses.
 */

/** Counters are plain numbers keyed by short names; every one is additive. */
export type Counters = Record<string, number>;

export interface Contribution {
  /** `svc`, `dept`, `district`, `window`, `staff`, `city`. */
  scope: AggregateScope;
  id: string;
  /** Beijing `YYYY-MM`. */
  month: string;
  counters: Counters;
}

export type AggregateScope = 'svc' | 'dept' | 'district' | 'window' | 'staff' | 'city';

/** The single id used for city-wide aggregates. */
export const CITY = 'all';

export type Item = Record<string, unknown>;
export type Contributor = (item: Item) => Contribution[];

/** Key of one monthly aggregate, scope/id/month. */
export function aggregateId(c: Pick<Contribution, 'scope' | 'id' | 'month'>): string {
  return `${c.scope}|${c.id}|${c.month}`;
}

export function parseAggregateId(key: string): Pick<Contribution, 'scope' | 'id' | 'month'> {
  const [scope, id, month] = key.split('|') as [AggregateScope, string, string];
  return { scope, id, month };
}

/** Add counters into a running total map keyed by aggregate id. */
export function accumulate(
  into: Map<string, Counters>,
  contributions: Contribution[],
  sign: 1 | -1 = 1,
): void {
  for (const c of contributions) {
    const key = aggregateId(c);
    let total = into.get(key);
    if (!total) {
      total = {};
      into.set(key, total);
    }
    for (const [name, value] of Object.entries(c.counters)) {
      if (!value) continue;
      total[name] = (total[name] ?? 0) + sign * value;
    }
  }
}

/** Drop zero counters and empty aggregates, so a no-op change writes nothing. */
export function pruneZeros(totals: Map<string, Counters>): Map<string, Counters> {
  for (const [key, counters] of totals) {
    for (const [name, value] of Object.entries(counters)) if (value === 0) delete counters[name];
    if (Object.keys(counters).length === 0) totals.delete(key);
  }
  return totals;
}

/**
 * The aggregate id of one staff member (评价到人): staff ids are unique only inside their
 * department, so the department is part of it. Writers and readers both build it here.
 */
export function staffScopeId(departmentId: string, staffId: string): string {
  return `${departmentId}/${staffId}`;
}

/** The scopes an item is attributed to: service, department, district, window, staff, city. */
export function scopesOf(
  item: {
    serviceCode?: unknown;
    departmentId?: unknown;
    district?: unknown;
    windowId?: unknown;
    staffId?: unknown;
  },
  options: { staff: boolean },
): { scope: AggregateScope; id: string }[] {
  const out: { scope: AggregateScope; id: string }[] = [{ scope: 'city', id: CITY }];
  const add = (scope: AggregateScope, value: unknown) => {
    if (typeof value === 'string' && value) out.push({ scope, id: value });
  };
  add('svc', item.serviceCode);
  add('dept', item.departmentId);
  add('district', item.district);
  add('window', item.windowId);
  if (options.staff && typeof item.staffId === 'string' && item.staffId)
    add('staff', staffScopeId(String(item.departmentId), item.staffId));
  return out;
}
