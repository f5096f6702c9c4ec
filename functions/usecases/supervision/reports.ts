/**
 * Gather a supervision report: the unit's monthly aggregates (one Query), its open
 * cases by colour (the sparse open index), and per department the bad reviews,
 * critiques and orders of the period (gsi1 by department and time). Inspectors and the
 * office may report on anything; department staff on their own department only.
 */

import type { Counters } from '../../domain/aggregates/contribution.js';
import { CITY } from '../../domain/aggregates/contribution.js';
import type { Department } from '../../domain/catalogue.js';
import type { Principal } from '../../domain/identity.js';
import { type Period, parsePeriod } from '../../domain/rankings/period.js';
import { forbidden, invalid, notFound } from '../../domain/refusal.js';
import { badReviewRow, critiqueRow } from '../../domain/supervision/follow-ups.js';
import { AWAITING_RESPONSE } from '../../domain/supervision/order.js';
import {
  buildReport,
  REPORT_SCOPES,
  type ReportScope,
  type SupervisionReport,
} from '../../domain/supervision/report.js';
import type { Platform } from '../../platform.js';
import { mapLimit } from '../rankings/sources.js';
import { allOpenBoardCases } from './warnings.js';

export interface ReportRequest {
  scope: string;
  id?: string | undefined;
  period: string;
}

/** UTC instants bounding a period's Beijing days, for sort keys that start with an ISO time. */
export function periodInstants(period: Period): { fromIso: string; toIso: string } {
  return {
    fromIso: new Date(`${period.firstDay}T00:00:00+08:00`).toISOString(),
    toIso: new Date(`${period.lastDay}T23:59:59.999+08:00`).toISOString(),
  };
}

function totals(months: Map<string, Counters>): Counters {
  const out: Counters = {};
  for (const c of months.values()) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Check the request and who may see it; resolve the departments it covers. */
async function resolveUnit(
  p: Platform,
  who: Principal,
  req: ReportRequest,
): Promise<{ scope: ReportScope; id: string; name: string; period: Period; departments: Department[] }> {
  const everyone = who.roles.has('inspector') || who.roles.has('office');
  // Authorisation before validation: department staff may ask about their own department only.
  if (!everyone && (req.scope !== 'department' || !req.id || !who.departments.has(req.id)))
    throw forbidden('Department staff may report on their own department only.');
  if (!(REPORT_SCOPES as readonly string[]).includes(req.scope))
    throw invalid(`Unknown scope "${req.scope}": expected department, district or city.`);
  const scope = req.scope as ReportScope;
  const period = parsePeriod(req.period);
  if (!period) throw invalid(`Unknown period "${req.period}": expected YYYY-MM or YYYY-Qn.`);
  const all = await p.catalogue.listDepartments();
  if (scope === 'city') return { scope, id: CITY, name: '全市 City', period, departments: all };
  if (!req.id) throw invalid(`id: name the ${scope} to report on.`, { field: 'id' });
  if (scope === 'department') {
    const d = all.find((x) => x.id === req.id);
    if (!d) throw notFound(`No department ${req.id}.`);
    return { scope, id: d.id, name: d.name, period, departments: [d] };
  }
  const inDistrict = all.filter((d) => d.district === req.id);
  if (!inDistrict.length) throw notFound(`No department lies in district ${req.id}.`);
  return { scope, id: req.id, name: req.id, period, departments: inDistrict };
}

export async function supervisionReport(
  p: Platform,
  who: Principal,
  req: ReportRequest,
): Promise<SupervisionReport> {
  const unit = await resolveUnit(p, who, req);
  const { period, departments } = unit;
  const from = period.months[0]!;
  const to = period.months.at(-1)!;
  const { fromIso, toIso } = periodInstants(period);
  const aggScope = unit.scope === 'department' ? 'dept' : unit.scope === 'district' ? 'district' : 'city';
  const deptIds = new Set(departments.map((d) => d.id));

  const [aggregates, openCases, perDepartment] = await Promise.all([
    p.aggregates.readAggregates(aggScope, unit.id, from, to),
    allOpenBoardCases(p),
    mapLimit(departments, 8, async (d) => {
      const [reviews, critiques, orders, waiting, deptAggregates] = await Promise.all([
        p.ratings.badReviewsBetween(d.id, fromIso, toIso),
        p.critiques.ofDepartmentBetween(d.id, fromIso, toIso),
        p.orders.allOrdersOfDepartment(d.id, fromIso, toIso),
        Promise.all(
          AWAITING_RESPONSE.map((status) => p.orders.ordersOfDepartment(d.id, { status, limit: 500 })),
        ),
        unit.scope === 'department' ? undefined : p.aggregates.readAggregates('dept', d.id, from, to),
      ]);
      return {
        department: d,
        reviews: reviews.map(badReviewRow),
        critiques: critiques.map(critiqueRow),
        orders,
        overdueOrders: waiting.flatMap((pg) => pg.items).filter((o) => o.overdue),
        counters: deptAggregates ? totals(deptAggregates.months) : undefined,
      };
    }),
  ]);

  return buildReport({
    scope: unit.scope,
    id: unit.id,
    name: unit.name,
    period,
    generatedAt: p.clock.now().toISOString(),
    generatedBy: who.subject,
    months: period.months.map((month) => ({ month, counters: aggregates.months.get(month) ?? {} })),
    departments: perDepartment
      .filter((x) => x.counters)
      .map((x) => ({
        id: x.department.id,
        name: x.department.name,
        district: x.department.district,
        counters: x.counters!,
      })),
    openCases: openCases.filter((c) => deptIds.has(c.departmentId)),
    badReviews: perDepartment.flatMap((x) => x.reviews).sort((a, b) => b.ratedAt.localeCompare(a.ratedAt)),
    critiques: perDepartment
      .flatMap((x) => x.critiques)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    orders: perDepartment.flatMap((x) => x.orders).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)),
    overdueOrders: perDepartment.flatMap((x) => x.overdueOrders),
  });
}
