/**
 * Read a service's curves: the service and its limit history (one Query) and the
 * monthly aggregates of the range (one Query over months × shards). Neither read grows
 * with the number of cases.
 */

import { beijingDate } from '../domain/calendar/index.js';
import { limitsOn } from '../domain/catalogue.js';
import {
  type CurvePoint,
  type CurveSummary,
  curveSeries,
  sumCounters,
  summarise,
  summariseUnit,
  unitCurveSeries,
} from '../domain/curves.js';
import { notFound } from '../domain/refusal.js';
import type { Platform } from '../platform.js';
import { departmentById } from './catalogue/directory.js';

export interface ServiceCurves {
  service: { code: string; name: string; departmentId: string; statutoryDays: number; promisedDays: number };
  from: string;
  to: string;
  series: CurvePoint[];
  summary: CurveSummary;
  itemsRead: number;
}

export async function serviceCurves(
  p: Platform,
  code: string,
  from: string,
  to: string,
): Promise<ServiceCurves> {
  const found = await p.catalogue.getService(code);
  if (!found) throw notFound(`No service with code ${code}.`);
  const { months, itemsRead } = await p.aggregates.readAggregates('svc', code, from, to);
  const series = curveSeries(found.limits, months, from, to);
  const latest = limitsOn(found.limits, beijingDate(p.clock.now()));
  return {
    service: found.service,
    from,
    to,
    series,
    summary: summarise(sumCounters(months.values()), latest),
    itemsRead: itemsRead + 1 + found.limits.length,
  };
}

export interface UnitCurves {
  from: string;
  to: string;
  series: CurvePoint[];
  summary: CurveSummary;
  itemsRead: number;
}

/** Curves of a department, district, window or the whole city. */
export async function unitCurves(
  p: Platform,
  scope: 'dept' | 'district' | 'window' | 'city',
  id: string,
  from: string,
  to: string,
): Promise<UnitCurves> {
  const { months, itemsRead } = await p.aggregates.readAggregates(scope, id, from, to);
  return {
    from,
    to,
    series: unitCurveSeries(months, from, to),
    summary: summariseUnit(sumCounters(months.values())),
    itemsRead,
  };
}

/**
 * A department's curves (404 when the catalogue has no such department). The month
 * range is read only once the department is found, so an unknown department is a 404
 * whatever the query says.
 */
export async function departmentCurves(
  p: Platform,
  id: string,
  range: () => { from: string; to: string },
): Promise<UnitCurves> {
  if (!(await departmentById(p, id))) throw notFound(`No department with id ${id}.`);
  const { from, to } = range();
  return unitCurves(p, 'dept', id, from, to);
}
