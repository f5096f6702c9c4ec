/**
 * The three efficiency curves of a service, month by month: red statutory and blue
 * promised limits (in force on the month's last day, so a reform shows as a step in
 * its month) and the green actual line (mean, p50, p90 of completed cases), with the
 * on-time rate and the headline compression ratios (提速比).
 */
import type { Counters } from './aggregates/contribution.js';
import { quantileOf } from './aggregates/histogram.js';
import { lastDayOfMonth } from './calendar/index.js';
import { CASE_COUNTERS } from './cases/counters.js';
import { type LimitVersion, limitsOn, speedUp } from './catalogue.js';
import { monthsBetween } from './months.js';

const k = CASE_COUNTERS;

export interface CurvePoint {
  month: string;
  statutoryDays: number | null;
  promisedDays: number | null;
  cases: number;
  actual: { mean: number | null; p50: number | null; p90: number | null };
  onTimeRate: number | null;
}

export interface CurveSummary {
  cases: number;
  meanDays: number | null;
  onTimeRate: number | null;
  /** 1 − promised/statutory for the latest limits. */
  promisedSpeedUp: number | null;
  /** 1 − Σactual/Σstatutory over the range (each case against its own limit). */
  actualSpeedUp: number | null;
}

export function curveSeries(
  limits: readonly LimitVersion[],
  months: Map<string, Counters>,
  from: string,
  to: string,
): CurvePoint[] {
  return monthsBetween(from, to).map((month) => {
    const c = months.get(month) ?? {};
    const cases = c[k.cases] ?? 0;
    const l = limits.length ? limitsOn(limits, lastDayOfMonth(month)) : undefined;
    const inForce = l && l.effectiveFrom <= lastDayOfMonth(month) ? l : undefined;
    return {
      month,
      statutoryDays: inForce?.statutoryDays ?? null,
      promisedDays: inForce?.promisedDays ?? null,
      cases,
      actual: {
        mean: cases ? (c[k.durSum] ?? 0) / cases : null,
        p50: cases ? quantileOf(c, 0.5) : null,
        p90: cases ? quantileOf(c, 0.9) : null,
      },
      onTimeRate: cases ? (c[k.onTime] ?? 0) / cases : null,
    };
  });
}

export function summarise(totals: Counters, latest: LimitVersion | undefined): CurveSummary {
  const cases = totals[k.cases] ?? 0;
  const statSum = totals[k.statSum];
  return {
    cases,
    meanDays: cases ? (totals[k.durSum] ?? 0) / cases : null,
    onTimeRate: cases ? (totals[k.onTime] ?? 0) / cases : null,
    promisedSpeedUp: latest ? speedUp(latest.promisedDays, latest.statutoryDays) : null,
    actualSpeedUp: statSum ? 1 - (totals[k.durSum] ?? 0) / statSum : null,
  };
}

export function sumCounters(months: Iterable<Counters>): Counters {
  const total: Counters = {};
  for (const c of months) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
  return total;
}

/**
 * Curves of a unit with many services (department, district, window, city): its
 * limits are the case-weighted means of the limits its completed cases had.
 */
export function unitCurveSeries(months: Map<string, Counters>, from: string, to: string): CurvePoint[] {
  return monthsBetween(from, to).map((month) => {
    const c = months.get(month) ?? {};
    const cases = c[k.cases] ?? 0;
    return {
      month,
      statutoryDays: cases ? (c[k.statSum] ?? 0) / cases : null,
      promisedDays: cases ? (c[k.promSum] ?? 0) / cases : null,
      cases,
      actual: {
        mean: cases ? (c[k.durSum] ?? 0) / cases : null,
        p50: cases ? quantileOf(c, 0.5) : null,
        p90: cases ? quantileOf(c, 0.9) : null,
      },
      onTimeRate: cases ? (c[k.onTime] ?? 0) / cases : null,
    };
  });
}

/** Summary of a multi-service unit: promised speed-up from the case-weighted limits. */
export function summariseUnit(totals: Counters): CurveSummary {
  const base = summarise(totals, undefined);
  const statSum = totals[k.statSum];
  return {
    ...base,
    promisedSpeedUp: statSum ? 1 - (totals[k.promSum] ?? 0) / statSum : null,
  };
}
