/**
 * What a case adds to the monthly aggregates. A case counts as received in its
 * acceptance month and, once completed, in its completion month with its duration,
 * histogram bucket, on-time flag, limits (for speed-up figures) and suspended days.
 */
import { type Contribution, type Item, scopesOf } from '../aggregates/contribution.js';
import { bucketCounter, bucketOf } from '../aggregates/histogram.js';

export function caseContributions(item: Item): Contribution[] {
  const acceptedDate = item.acceptedDate;
  if (typeof acceptedDate !== 'string') return [];
  const scopes = scopesOf(item, { staff: true });
  const out: Contribution[] = scopes.map((s) => ({
    ...s,
    month: acceptedDate.slice(0, 7),
    counters: { received: 1 },
  }));
  const completedDate = item.completedDate;
  const days = item.workingDays;
  if (typeof completedDate === 'string' && typeof days === 'number') {
    const counters = {
      cases: 1,
      durSum: days,
      onTime: item.onTime ? 1 : 0,
      statSum: Number(item.statutoryDays) || 0,
      promSum: Number(item.promisedDays) || 0,
      suspDays: Number(item.suspendedDays) || 0,
      [bucketCounter(bucketOf(days))]: 1,
      ...(item.channel === 'hotline' ? { hotline: 1 } : {}),
    };
    for (const s of scopes) out.push({ ...s, month: completedDate.slice(0, 7), counters: { ...counters } });
  }
  return out;
}
