/**
 * A province's busiest day, as rates: the assumptions of the peak simulator in one place,
 * each with where it comes from, so an operator can put their own figures in.
 *
 * - Monthly volumes: the province scenario of the cost script (infra/cost/scenarios.ts,
 *   about 60 million people: 4.8 M cases, each pushed twice by the upstream feed —
 *   accepted, then completed —, 960,000 ratings and 36,000 critiques a month; 1,500
 *   departments, 6,000 services, 120 districts, 3,000 windows).
 * - Cases and ratings arrive on working days only: 250 a year in China's official
 *   calendar (the platform's own, functions/domain/calendar), 20.8 a month.
 * - The busiest working day carries 1.6 × a mean working day (an assumption: the
 *   first working day after a long holiday in 12345-hotline and hall statistics runs at
 *   1.5–2 ×; replace with the city's own records). Critiques arrive every day.
 * - Peak = 10 × the busiest day's mean rate over 24 hours (issue 21's definition).
 * - How work spreads over the catalogue: departments by a Zipf law of exponent 0.7 over
 *   1,500 (the busiest takes about 3.7 % of cases, a capital's human-resources bureau),
 *   each with 4 services, 2 windows and 10 staff; a department's district is one of 120.
 */
import { scenarioNamed } from '../../../infra/cost/scenarios.js';

const province = scenarioNamed('province')!;

export const WORKING_DAYS_PER_MONTH = 250 / 12;
export const BUSIEST_DAY_FACTOR = 1.6;
export const PEAK_FACTOR = 10;
export const DEPARTMENT_ZIPF_EXPONENT = 0.7;
export const SERVICES_PER_DEPARTMENT = 4;
export const WINDOWS_PER_DEPARTMENT = 2;
export const STAFF_PER_DEPARTMENT = 10;

const perSecondAtPeak = (perDay: number) => (perDay * BUSIEST_DAY_FACTOR * PEAK_FACTOR) / 86_400;

/** Writes a second at the province's peak. */
export const peakRates = {
  /** Upstream case writes (accepted and completed). */
  caseWrites: perSecondAtPeak((province.casesPerMonth * province.caseWritesPerCase) / WORKING_DAYS_PER_MONTH),
  ratings: perSecondAtPeak(province.ratingsPerMonth / WORKING_DAYS_PER_MONTH),
  critiques: perSecondAtPeak(province.critiquesPerMonth / (365 / 12)),
};

export const catalogueSize = {
  departments: province.departments,
  districts: province.districts,
};

/**
 * The department of the n-th draw: a deterministic Zipf sample (inverse CDF over the
 * ranks), so every run replays the same day.
 */
export function zipfDepartments(count: number, seed = 20261204): number[] {
  const n = catalogueSize.departments;
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** DEPARTMENT_ZIPF_EXPONENT);
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cdf.push(acc);
  }
  let state = seed >>> 0;
  const random = () => {
    // mulberry32: small, seeded, good enough to spread draws
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

/** The busiest department's share of cases under the assumed law. */
export function busiestDepartmentShare(): number {
  let total = 0;
  for (let k = 1; k <= catalogueSize.departments; k++) total += 1 / k ** DEPARTMENT_ZIPF_EXPONENT;
  return 1 / total;
}
