import { describe, expect, it } from 'vitest';
import { deltaOf } from '../../functions/domain/aggregates/contributors.js';
import { bucketOf, quantileOf } from '../../functions/domain/aggregates/histogram.js';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase, type CaseInput } from '../../functions/domain/cases/case.js';
import { caseContributions } from '../../functions/domain/cases/case-contribution.js';
import { nextWarningChange, progressOf } from '../../functions/domain/cases/standing.js';
import { limitProblems, limitsOn } from '../../functions/domain/catalogue.js';
import { curveSeries } from '../../functions/domain/curves.js';

const calendar = defaultCalendar();
const limits = [
  { effectiveFrom: '1900-01-01', statutoryDays: 20, promisedDays: 10 },
  { effectiveFrom: '2025-07-01', statutoryDays: 20, promisedDays: 5 },
];
const ctx = { today: '2026-11-20', departmentId: 'housing', district: '徐汇区', limits, calendar };
const base: CaseInput = { caseId: 'K1', serviceCode: 'BUILD', acceptedAt: '2025-06-30T16:00:00+08:00' };

function build(input: Partial<CaseInput>) {
  return buildCase({ ...base, ...input }, ctx);
}

describe('buildCase', () => {
  it('applies the limits in force on the acceptance date (a reform applies from its date)', () => {
    const before = build({});
    const after = build({ acceptedAt: '2025-07-01T09:00:00+08:00' });
    expect(before.ok && before.record.promisedDays).toBe(10);
    expect(after.ok && after.record.promisedDays).toBe(5);
  });

  it('uses the Beijing date of an instant whatever its offset', () => {
    // 2025-06-30T17:30Z is already 1 July in Beijing: the new limits apply.
    const r = build({ acceptedAt: '2025-06-30T17:30:00Z' });
    expect(r.ok && r.record.acceptedDate).toBe('2025-07-01');
    expect(r.ok && r.record.promisedDays).toBe(5);
  });

  it('counts working days, excludes suspensions and pushes the due date out', () => {
    const plain = build({ completedAt: '2025-07-14T10:00:00+08:00' });
    const suspended = build({
      completedAt: '2025-07-14T10:00:00+08:00',
      suspensions: [{ from: '2025-07-02', to: '2025-07-04' }],
    });
    expect(plain.ok && plain.record.workingDays).toBe(10);
    expect(suspended.ok && suspended.record.workingDays).toBe(7);
    expect(suspended.ok && suspended.record.suspendedDays).toBe(3);
    expect(plain.ok && plain.record.dueDate).toBe('2025-07-14');
    expect(suspended.ok && suspended.record.dueDate).toBe('2025-07-17');
    expect(plain.ok && plain.record.onTime).toBe(true);
  });

  it('rejects what cannot be true, with reasons', () => {
    const bad = (input: Partial<CaseInput>) => {
      const r = build(input);
      return r.ok ? [] : r.errors.join(' | ');
    };
    expect(bad({ completedAt: '2025-06-29T10:00:00+08:00' })).toMatch(/before acceptedAt/);
    expect(bad({ acceptedAt: '2027-01-04T09:00:00+08:00' })).toMatch(/today/);
    expect(
      bad({ completedAt: '2025-07-10T10:00:00+08:00', suspensions: [{ from: '2025-07-02' }] }),
    ).not.toEqual([]);
    expect(
      bad({
        suspensions: [
          { from: '2025-07-02', to: '2025-07-08' },
          { from: '2025-07-05', to: '2025-07-09' },
        ],
      }),
    ).not.toEqual([]);
  });

  it('tracks warnings and the next date a colour changes', () => {
    const r = build({ acceptedAt: '2025-07-01T09:00:00+08:00' });
    if (!r.ok) throw new Error('expected ok');
    // Promised 5: green up to 4 working days (80%), yellow at 5, red from 6, serious past 20.
    expect(progressOf(r.record, '2025-07-07', calendar)).toMatchObject({ elapsedDays: 4, warning: 'green' });
    expect(progressOf(r.record, '2025-07-08', calendar)).toMatchObject({ elapsedDays: 5, warning: 'yellow' });
    expect(progressOf(r.record, '2025-07-09', calendar).warning).toBe('red');
    expect(progressOf(r.record, '2025-08-01', calendar).warning).toBe('serious');
    expect(nextWarningChange(r.record, '2025-07-02', calendar)).toBe('2025-07-08');
    expect(nextWarningChange(r.record, '2025-07-08', calendar)).toBe('2025-07-09');
    expect(nextWarningChange(r.record, '2025-08-01', calendar)).toBeUndefined();
  });
});

describe('limits', () => {
  it('chooses the version in force and validates limits', () => {
    expect(limitsOn(limits, '2025-06-30')?.promisedDays).toBe(10);
    expect(limitsOn(limits, '2025-07-01')?.promisedDays).toBe(5);
    expect(limitProblems(10, 12)).toEqual(['promisedDays may not exceed statutoryDays']);
    expect(limitProblems(-1, 0)).toContain(
      'statutoryDays must be a whole number of working days from 0 to 3650',
    );
    expect(limitProblems(99999, 1)).toEqual([
      'statutoryDays must be a whole number of working days from 0 to 3650',
    ]);
  });
});

describe('aggregates of cases', () => {
  it('counts a case as received in its acceptance month and completed in its completion month', () => {
    const r = build({ completedAt: '2025-07-14T10:00:00+08:00', windowId: 'w1', staffId: 's1' });
    if (!r.ok) throw new Error('expected ok');
    const item = { type: 'case', ...r.record };
    const c = caseContributions(item);
    const scopes = new Set(c.map((x) => x.scope));
    expect(scopes).toEqual(new Set(['city', 'svc', 'dept', 'district', 'window', 'staff']));
    const svcJuly = c.find((x) => x.scope === 'svc' && x.month === '2025-07')!;
    expect(svcJuly.counters).toMatchObject({
      cases: 1,
      durSum: 10,
      onTime: 1,
      statSum: 20,
      promSum: 10,
      h10: 1,
    });
    expect(c.find((x) => x.scope === 'svc' && x.month === '2025-06')!.counters).toEqual({ received: 1 });
  });

  it('a correction moves a case between months: the delta is new minus old', () => {
    const a = build({ completedAt: '2025-07-14T10:00:00+08:00' });
    const b = build({ completedAt: '2025-08-01T10:00:00+08:00' });
    if (!a.ok || !b.ok) throw new Error('expected ok');
    const delta = deltaOf({ type: 'case', ...a.record }, { type: 'case', ...b.record });
    expect(delta.get('svc|BUILD|2025-07')).toMatchObject({ cases: -1, durSum: -10 });
    expect(delta.get('svc|BUILD|2025-08')).toMatchObject({ cases: 1 });
    expect(delta.has('svc|BUILD|2025-06')).toBe(false);
    expect(deltaOf({ type: 'case', ...a.record }, { type: 'case', ...a.record }).size).toBe(0);
  });

  it('gives exact percentiles inside one-day buckets', () => {
    const counters: Record<string, number> = {};
    for (const d of [1, 2, 2, 3, 3, 3, 4, 9, 10, 45])
      counters[`h${bucketOf(d)}`] = (counters[`h${bucketOf(d)}`] ?? 0) + 1;
    expect(quantileOf(counters, 0.5)).toBe(3);
    expect(quantileOf(counters, 0.9)).toBe(10);
    expect(quantileOf(counters, 1)).toBe(60);
    expect(quantileOf({}, 0.5)).toBeNull();
  });

  it('shows a reform as a step in the month it takes effect', () => {
    const series = curveSeries(limits, new Map(), '2025-05', '2025-08');
    expect(series.map((s) => s.promisedDays)).toEqual([10, 10, 5, 5]);
    expect(series.every((s) => s.cases === 0 && s.actual.mean === null && s.onTimeRate === null)).toBe(true);
  });
});
