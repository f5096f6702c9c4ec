import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { giveFeedback, recordRectification } from '../../functions/domain/ratings/follow-up.js';
import {
  buildRating,
  callbackDeadline,
  callbackPeriodOf,
  followUpState,
  type Rating,
} from '../../functions/domain/ratings/rating.js';
import { cityCallbackPeriod, readConfig } from '../../functions/shared/config.js';

const cal = defaultCalendar();

describe('callback deadline', () => {
  it('counts working hours only on working days (Friday 15:00 + 24h → Monday 15:00)', () => {
    // 2025-06-06 is a Friday; 07:00Z is 15:00 Beijing.
    const due = cal.addWorkingHours(new Date('2025-06-06T07:00:00Z'), 24);
    expect(due.toISOString()).toBe('2025-06-09T07:00:00.000Z');
  });
  it('skips a holiday (National Day 2025: Sept 30 20:00 + 8h: 4h that day, 4h on Oct 9)', () => {
    // 2025-09-30 20:00 Beijing; Oct 1–8 are off, Oct 11 (Sat) is a make-up working day.
    const due = cal.addWorkingHours(new Date('2025-09-30T12:00:00Z'), 8);
    expect(due.toISOString()).toBe('2025-10-08T20:00:00.000Z'); // Oct 9 04:00 Beijing
  });
  it('starts on a day off at the next working day’s midnight', () => {
    const due = cal.addWorkingHours(new Date('2025-06-07T02:00:00Z'), 1); // Saturday
    expect(due.toISOString()).toBe('2025-06-08T17:00:00.000Z'); // Monday 01:00 Beijing
  });
  it('refuses a non-positive count', () => {
    expect(() => cal.addWorkingHours(new Date(), 0)).toThrow(RangeError);
  });
  it('working days give a date and no instant', () => {
    const d = callbackDeadline(new Date('2025-06-06T07:00:00Z'), { workingDays: 1 }, cal);
    expect(d).toEqual({ callbackDueDate: '2025-06-09' });
  });
  it('the department’s period wins over the city’s, hours over days', () => {
    const city = cityCallbackPeriod(readConfig({ WOODPECKER_CALLBACK_WORKING_HOURS: '24' }));
    expect(city).toEqual({ workingHours: 24 });
    expect(cityCallbackPeriod(readConfig({}))).toEqual({ workingDays: 2 });
    expect(callbackPeriodOf({ callbackWorkingDays: 3 }, city)).toEqual({ workingDays: 3 });
    expect(callbackPeriodOf({ callbackWorkingHours: 8 }, city)).toEqual({ workingHours: 8 });
    expect(callbackPeriodOf(undefined, city)).toEqual(city);
    expect(callbackPeriodOf(undefined, undefined)).toEqual({ workingDays: 2 });
  });
});

function badRating(now: Date): Rating {
  return buildRating(
    { score: 1, comment: '多次跑动' },
    {
      caseId: 'C-LOOP-1',
      serviceCode: 'S1',
      departmentId: 'D1',
      completedAt: '2025-06-05T00:00:00Z',
      applicantPhoneHash: 'h',
    },
    { now, calendar: cal, secret: 's', callbackPeriod: { workingHours: 24 } },
  );
}

describe('追评', () => {
  const now = new Date('2025-06-06T07:00:00Z');
  it('a rating built with hours stores the exact instant and its period', () => {
    const r = badRating(now);
    expect(r.callbackDueAt).toBe('2025-06-09T07:00:00.000Z');
    expect(r.callbackDueDate).toBe('2025-06-09');
    expect(r.callbackPeriod).toEqual({ workingHours: 24 });
  });
  it('a dissatisfied 追评 reopens the review and escalates it; only one is allowed', () => {
    const done = recordRectification(
      badRating(now),
      { plan: 'p', status: 'done', evidence: 'e' },
      'staff',
      new Date('2025-06-10T02:00:00Z'),
    );
    if (!done.ok) throw new Error(done.message);
    const t = giveFeedback(
      done.rating,
      { satisfied: false, score: 1 },
      new Date('2025-06-11T02:00:00Z'),
      cal,
    );
    if (!t.ok) throw new Error(t.message);
    expect(t.rating.rectification).toBeUndefined();
    expect(t.rating.earlierRectifications).toHaveLength(1);
    expect(t.rating.escalation?.to).toBe('office');
    expect(t.rating.feedback?.reopened).toBe(true);
    expect(followUpState(t.rating)).toBe('open');
    expect(t.rating.rectificationDueDate! > '2025-06-11').toBe(true);
    expect(giveFeedback(t.rating, { satisfied: true }, new Date(), cal)).toMatchObject({ ok: false });
  });
  it('a level that contradicts satisfied is refused', () => {
    const done = recordRectification(badRating(now), { plan: 'p', status: 'done', evidence: 'e' }, 's', now);
    if (!done.ok) throw new Error(done.message);
    expect(giveFeedback(done.rating, { satisfied: true, score: 2 }, now, cal)).toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
  });
});
