/**
 * Satisfaction figures read from the monthly aggregates (one Query per unit over
 * months × shards, never over ratings): per service and department for everyone, with
 * per-window figures; per window and per staff member (评价到人) for the department's
 * own console. Rating counters and the case counters of the same months share the
 * aggregate items, so coverage (rated / completed) comes from the same read.
 */

import { type Counters, staffScopeId } from '../../domain/aggregates/contribution.js';
import { sumCounters } from '../../domain/curves.js';
import {
  type SatisfactionFigures,
  type SatisfactionPoint,
  satisfactionOf,
  satisfactionSeries,
} from '../../domain/ratings/satisfaction.js';
import { notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';

export type Audience = 'public' | 'staff';

export interface UnitSatisfaction {
  from: string;
  to: string;
  series: SatisfactionPoint[];
  summary: SatisfactionFigures;
}

async function unitSatisfaction(
  p: Platform,
  scope: 'svc' | 'dept' | 'district' | 'window' | 'staff' | 'city',
  id: string,
  from: string,
  to: string,
  audience: Audience,
): Promise<UnitSatisfaction & { totals: Counters }> {
  const { months } = await p.aggregates.readAggregates(scope, id, from, to);
  const totals = sumCounters(months.values());
  return {
    from,
    to,
    series: satisfactionSeries(months, from, to, audience),
    summary: satisfactionOf(totals, audience),
    totals,
  };
}

export async function serviceSatisfaction(
  p: Platform,
  code: string,
  from: string,
  to: string,
  audience: Audience = 'public',
) {
  const found = await p.catalogue.getService(code);
  if (!found) throw notFound(`No service with code ${code}.`);
  const { totals: _, ...unit } = await unitSatisfaction(p, 'svc', code, from, to, audience);
  const s = found.service;
  return { service: { code: s.code, name: s.name, departmentId: s.departmentId }, ...unit };
}
export type ServiceSatisfaction = Awaited<ReturnType<typeof serviceSatisfaction>>;

export interface NamedFigures extends SatisfactionFigures {
  id: string;
  name: string;
}

/** A department's figures with one row per window (public) or also per staff member (staff). */
export async function departmentSatisfaction(
  p: Platform,
  id: string,
  from: string,
  to: string,
  audience: Audience = 'public',
) {
  const department = await p.catalogue.getDepartment(id);
  if (!department) throw notFound(`No department with id ${id}.`);
  const [unit, windows, staffIds] = await Promise.all([
    unitSatisfaction(p, 'dept', id, from, to, audience),
    p.catalogue.listWindows(id),
    audience === 'staff' ? p.ratings.ratedStaff(id) : Promise.resolve([] as string[]),
  ]);
  const rows = (scope: 'window' | 'staff', list: { id: string; key: string; name: string }[]) =>
    Promise.all(
      list.map(async (w): Promise<NamedFigures> => {
        const u = await unitSatisfaction(p, scope, w.key, from, to, audience);
        return { id: w.id, name: w.name, ...u.summary };
      }),
    );
  const [windowRows, staffRows] = await Promise.all([
    rows(
      'window',
      windows.map((w) => ({ id: w.id, key: w.id, name: w.name })),
    ),
    rows(
      'staff',
      staffIds.map((s) => ({ id: s, key: staffScopeId(id, s), name: s })),
    ),
  ]);
  const { totals: _, ...rest } = unit;
  return {
    department: { id: department.id, name: department.name, district: department.district },
    rectificationDays: department.rectificationDays,
    ...rest,
    windows: windowRows,
    ...(audience === 'staff' ? { staff: staffRows } : {}),
  };
}
export type DepartmentSatisfaction = Awaited<ReturnType<typeof departmentSatisfaction>>;
