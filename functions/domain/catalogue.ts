/**
 * The service catalogue: departments, windows and service items with effective-dated
 * limits. A reform is a new limit version from a date; cases accepted from that date
 * get the new limits, earlier cases keep theirs, and a month shows the limits in force
 * on its last day.
 */
import type { IsoDate } from './calendar/index.js';

export interface Department {
  id: string;
  name: string;
  district?: string;
  /** Working days a department has to rectify a bad review (default 15). */
  rectificationDays?: number;
  /**
   * The department's own callback period, set by the office over the city's
   * (`WOODPECKER_CALLBACK_WORKING_DAYS` / `_HOURS`): working days or working hours, not both.
   */
  callbackWorkingDays?: number;
  callbackWorkingHours?: number;
}

export interface ServiceWindow {
  id: string;
  name: string;
  departmentId: string;
}

export interface LimitVersion {
  effectiveFrom: IsoDate;
  statutoryDays: number;
  promisedDays: number;
}

export interface Service {
  code: string;
  name: string;
  departmentId: string;
  /** Hotline services carry 12345 tickets (诉求件). */
  kind?: 'service' | 'hotline';
  /** The limits in force today (denormalised for listings). */
  statutoryDays: number;
  promisedDays: number;
}

/** Used when a service has no dated version yet: from the start of time. */
export const EARLIEST = '1900-01-01';

/** Upper bound on a limit; anything above is a typo, not a service. */
export const MAX_LIMIT_DAYS = 3650;

/** The version in force on `date` (the latest that starts on or before it). */
export function limitsOn(history: readonly LimitVersion[], date: IsoDate): LimitVersion | undefined {
  let best: LimitVersion | undefined;
  for (const v of history) {
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  // A case older than every version gets the earliest known limits.
  return best ?? [...history].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
}

/** Problems with a proposed pair of limits, in words. */
export function limitProblems(statutoryDays: number, promisedDays: number): string[] {
  const problems: string[] = [];
  for (const [name, v] of [
    ['statutoryDays', statutoryDays],
    ['promisedDays', promisedDays],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > MAX_LIMIT_DAYS) {
      problems.push(`${name} must be a whole number of working days from 0 to ${MAX_LIMIT_DAYS}`);
    }
  }
  if (promisedDays > statutoryDays) problems.push('promisedDays may not exceed statutoryDays');
  return problems;
}

/** 提速比: how much shorter a limit or duration is than the statutory limit (0..1). */
export function speedUp(days: number, statutoryDays: number): number | null {
  if (!(statutoryDays > 0)) return null;
  return 1 - days / statutoryDays;
}
