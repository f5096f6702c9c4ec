/**
 * Critique figures per department and for the city, read from the monthly aggregates
 * the stream aggregator keeps (see domain/critiques/contribution): received, answered,
 * answered on time, median response time. One Query per unit over months × shards —
 * the cost never grows with the number of critiques.
 */

import { CITY } from '../../domain/aggregates/contribution.js';
import { critiqueStats } from '../../domain/critiques/contribution.js';
import { sumCounters } from '../../domain/curves.js';
import { monthsBetween } from '../../domain/months.js';
import { notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { departmentById } from '../catalogue/directory.js';

export async function unitCritiqueStats(
  p: Platform,
  scope: 'dept' | 'city',
  id: string,
  from: string,
  to: string,
) {
  const { months } = await p.aggregates.readAggregates(scope, id, from, to);
  return {
    summary: critiqueStats(sumCounters(months.values())),
    series: monthsBetween(from, to).map((month) => ({ month, ...critiqueStats(months.get(month) ?? {}) })),
  };
}

/**
 * One department's figures by month, with its name (404 when the catalogue has no such
 * department). The month range is read only once the department is found, so an
 * unknown department is a 404 whatever the query says.
 */
export async function departmentCritiqueStats(
  p: Platform,
  id: string,
  range: () => { from: string; to: string },
) {
  const department = await departmentById(p, id);
  if (!department) throw notFound(`No department with id ${id}.`);
  const { from, to } = range();
  return {
    departmentId: id,
    name: department.name,
    from,
    to,
    ...(await unitCritiqueStats(p, 'dept', id, from, to)),
  };
}

/** Every department's figures side by side, with the city's, for the public table. */
export async function critiqueStatsByDepartment(p: Platform, from: string, to: string) {
  const departments = await p.catalogue.listDepartments();
  const [city, ...rows] = await Promise.all([
    p.aggregates.readAggregates('city', CITY, from, to),
    ...departments.map((d) => p.aggregates.readAggregates('dept', d.id, from, to)),
  ]);
  return {
    from,
    to,
    city: critiqueStats(sumCounters(city!.months.values())),
    departments: departments.map((d, i) => ({
      departmentId: d.id,
      name: d.name,
      ...critiqueStats(sumCounters(rows[i]!.months.values())),
    })),
  };
}
