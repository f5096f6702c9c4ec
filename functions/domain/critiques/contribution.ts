/**
 * What a critique adds to the monthly aggregates, per department, service, district
 * and city. Counted once accepted (rejected, merged and untriaged critiques are not a
 * department's figures): received, rectified, currently overdue, "solved" and every
 * "not solved" in the month it was submitted; and, in the month of its first answer,
 * answered, answered on time, the response days and their histogram bucket (for the
 * median). Counter names carry a `cr` prefix so they sit beside the cases' counters
 * in the same aggregate items without colliding.
 */

import type { Contribution, Counters, Item } from '../aggregates/contribution.js';
import { scopesOf } from '../aggregates/contribution.js';
import { BUCKET_UPPER_BOUNDS, bucketCounter, bucketOf, quantileOf } from '../aggregates/histogram.js';
import { beijingDate } from '../calendar/index.js';
import { CRITIQUE_COUNTERS, type CritiqueCounters, critiqueHistogramCounter } from './counters.js';
import { type Critique, isPublic, overdueUnanswered, responsibleDepartment } from './model.js';

export { CRITIQUE_COUNTERS } from './counters.js';

export function critiqueContributions(item: Item): Contribution[] {
  const c = item as unknown as Critique;
  if (typeof c.createdAt !== 'string' || !isPublic(c)) return [];
  const scopes = scopesOf(
    {
      departmentId: responsibleDepartment(c),
      serviceCode: c.serviceCode,
      district: c.assignedDepartmentId ? c.district : c.targetDistrict,
    },
    { staff: false },
  );
  const k = CRITIQUE_COUNTERS;
  const submitted: CritiqueCounters = {
    [k.received]: 1,
    [k.rectified]: c.status === 'rectified' ? 1 : 0,
    [k.overdue]: overdueUnanswered(c) ? 1 : 0,
    [k.solved]: c.confirmation === 'solved' ? 1 : 0,
    [k.notSolved]: Number(c.notSolvedCount) || 0,
  };
  const month = beijingDate(c.createdAt).slice(0, 7);
  const out: Contribution[] = scopes.map((s) => ({ ...s, month, counters: { ...submitted } }));
  if (typeof c.firstAnsweredAt === 'string' && typeof c.responseDays === 'number') {
    const answeredMonth = beijingDate(c.firstAnsweredAt).slice(0, 7);
    const answered: CritiqueCounters = {
      [k.answered]: 1,
      [k.answeredOnTime]: c.answeredOnTime ? 1 : 0,
      [k.responseDaysSum]: c.responseDays,
      [critiqueHistogramCounter(bucketOf(c.responseDays))]: 1,
    };
    for (const s of scopes) out.push({ ...s, month: answeredMonth, counters: { ...answered } });
  }
  return out;
}

/** A department's (or the city's) critique figures over some months of summed counters. */
export interface CritiqueStats {
  received: number;
  answered: number;
  answeredOnTime: number;
  /** answeredOnTime / answered, unrounded; null before any answer. */
  onTimeRate: number | null;
  medianResponseDays: number | null;
  meanResponseDays: number | null;
  rectified: number;
  overdue: number;
  solved: number;
  notSolved: number;
}

export function critiqueStats(counters: Counters): CritiqueStats {
  const k = CRITIQUE_COUNTERS;
  const n = (name: string) => counters[name] ?? 0;
  const answered = n(k.answered);
  const histogram: Counters = {};
  for (let i = 0; i < BUCKET_UPPER_BOUNDS.length; i++)
    histogram[bucketCounter(i)] = n(critiqueHistogramCounter(i));
  return {
    received: n(k.received),
    answered,
    answeredOnTime: n(k.answeredOnTime),
    onTimeRate: answered > 0 ? n(k.answeredOnTime) / answered : null,
    medianResponseDays: quantileOf(histogram, 0.5),
    meanResponseDays: answered > 0 ? n(k.responseDaysSum) / answered : null,
    rectified: n(k.rectified),
    overdue: n(k.overdue),
    solved: n(k.solved),
    notSolved: n(k.notSolved),
  };
}
