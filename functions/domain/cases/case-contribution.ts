/**
 * What a case adds to the monthly aggregates. A case counts as received in its
 * acceptance month and, once completed, in its completion month with its duration,
 * histogram bucket, on-time flag, limits (for speed-up figures) and suspended days.
 * It reads the case as the case domain derived it (`buildCase`): completion, on time
 * and the hotline channel are the case's own rules, not re-derived here.
 */
import type { Contribution, Item } from '../aggregates/contribution.js';
import { scopesOf } from '../aggregates/contribution.js';
import { bucketOf } from '../aggregates/histogram.js';
import { type CaseRecord, completionOf, viaHotline } from './case.js';
import { CASE_COUNTERS, type CaseCounters, caseHistogramCounter } from './counters.js';

/** What a case adds in the month it was completed, or undefined while it is open. */
export function completedCaseCounters(record: CaseRecord): CaseCounters | undefined {
  const completion = completionOf(record);
  if (!completion) return undefined;
  const k = CASE_COUNTERS;
  return {
    [k.cases]: 1,
    [k.durSum]: completion.workingDays,
    [k.onTime]: record.onTime ? 1 : 0,
    [k.statSum]: Number(record.statutoryDays) || 0,
    [k.promSum]: Number(record.promisedDays) || 0,
    [k.suspDays]: Number(record.suspendedDays) || 0,
    [caseHistogramCounter(bucketOf(completion.workingDays))]: 1,
    ...(viaHotline(record) ? { [k.hotline]: 1 } : {}),
  };
}

/** What a stored case item adds: received in its acceptance month, the rest once completed. */
export function caseContributions(item: Item): Contribution[] {
  const record = item as unknown as CaseRecord;
  const acceptedDate = record.acceptedDate;
  if (typeof acceptedDate !== 'string') return [];
  const scopes = scopesOf(item, { staff: true });
  const received: CaseCounters = { [CASE_COUNTERS.received]: 1 };
  const out: Contribution[] = scopes.map((s) => ({
    ...s,
    month: acceptedDate.slice(0, 7),
    counters: { ...received },
  }));
  const completion = completionOf(record);
  const counters = completedCaseCounters(record);
  if (completion && counters)
    for (const s of scopes) out.push({ ...s, month: completion.date.slice(0, 7), counters: { ...counters } });
  return out;
}
