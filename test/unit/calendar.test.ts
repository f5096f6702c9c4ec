import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bundled from '../../functions/domain/calendar/data/holidays-2019-2026.json' with { type: 'json' };
import {
  addCalendarDays,
  beijingDate,
  bundledSource,
  bundledYears,
  dayByDayDueDate,
  dayByDayWorkingDays,
  defaultCalendar,
  type HolidayYear,
  isIsoDate,
  lastDayOfMonth,
  monthOf,
  type Suspension,
  validateSuspensions,
  WorkCalendar,
} from '../../functions/domain/calendar/index.js';
import { warningLevel } from '../../functions/domain/cases/standing.js';

/** The independent official schedule (holiday-cn, MIT; its LICENSE beside it), a test fixture only: the calendar itself never reads it. */
const HOLIDAY_CN_DIR = path.resolve(import.meta.dirname, '../fixtures/holiday-cn');
const HOST_TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;

const cal = defaultCalendar();

function readHolidayCn(): HolidayYear[] {
  return readdirSync(HOLIDAY_CN_DIR)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => {
      const j = JSON.parse(readFileSync(path.join(HOLIDAY_CN_DIR, f), 'utf8')) as HolidayYear;
      return { year: j.year, days: j.days };
    });
}

/** Every date from `first` to `last` inclusive, walked with UTC Date (an independent path). */
function allDates(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function utcWeekday(d: string): number {
  return new Date(`${d}T00:00:00Z`).getUTCDay();
}

describe(`calendar helpers (host TZ ${HOST_TZ})`, () => {
  it('takes the Beijing date of an instant, not the UTC or host date', () => {
    // 23:30 in Beijing is 15:30Z the same day: both zones agree on the date.
    expect(beijingDate('2024-09-30T23:30:00+08:00')).toBe('2024-09-30');
    expect(beijingDate('2024-09-30T15:30:00Z')).toBe('2024-09-30');
    // 16:00Z is already midnight in Beijing.
    expect(beijingDate('2024-09-30T16:00:00Z')).toBe('2024-10-01');
    expect(beijingDate('2024-09-30T15:59:59.999Z')).toBe('2024-09-30');
    // 00:30 in Beijing is still the previous day in UTC and in New York.
    expect(beijingDate('2024-09-30T00:30:00+08:00')).toBe('2024-09-30');
    expect(beijingDate('2024-09-29T16:30:00Z')).toBe('2024-09-30');
    // 2025-01-01T01:00+08:00 is 2024-12-31T17:00Z.
    expect(beijingDate('2025-01-01T01:00:00+08:00')).toBe('2025-01-01');
    expect(beijingDate(new Date('2025-01-01T01:00:00+08:00'))).toBe('2025-01-01');
    expect(beijingDate(new Date(Date.UTC(2024, 11, 31, 17)))).toBe('2025-01-01');
    expect(beijingDate('2024-12-31T12:00:00-05:00')).toBe('2025-01-01');
    expect(beijingDate('2024-12-31T10:59:00-0500')).toBe('2024-12-31');
    expect(beijingDate('2024-02-28T16:00:00.123456Z')).toBe('2024-02-29');
    expect(beijingDate('2024-10-08')).toBe('2024-10-08');
  });

  it('rejects ambiguous or malformed instants instead of guessing a zone', () => {
    expect(() => beijingDate('2024-09-30T23:30:00')).toThrow(RangeError);
    expect(() => beijingDate('2024-02-30T10:00:00Z')).toThrow(RangeError);
    expect(() => beijingDate('2024-09-30T24:00:00Z')).toThrow(RangeError);
    expect(() => beijingDate('yesterday')).toThrow(RangeError);
    expect(() => beijingDate('2024-13-01')).toThrow(RangeError);
    expect(() => beijingDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('adds calendar days across month, leap-day and year ends', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2024-12-31', 2)).toBe('2025-01-02');
    expect(addCalendarDays('2025-01-02', -2)).toBe('2024-12-31');
    expect(addCalendarDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addCalendarDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(() => addCalendarDays('2024-01-01', 0.5)).toThrow(RangeError);
  });

  it('agrees with UTC Date arithmetic for every day from 1999 to 2101', () => {
    const dates = allDates('1999-01-01', '2101-12-31');
    for (let i = 1; i < dates.length; i++) {
      if (addCalendarDays(dates[i - 1]!, 1) !== dates[i]) {
        expect.fail(`addCalendarDays(${dates[i - 1]}, 1) should be ${dates[i]}`);
      }
    }
    expect(addCalendarDays(dates[0]!, dates.length - 1)).toBe(dates.at(-1));
  });

  it('gives months and month ends', () => {
    expect(monthOf('2025-01-01')).toBe('2025-01');
    expect(monthOf(beijingDate('2025-01-01T01:00:00+08:00'))).toBe('2025-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
    expect(lastDayOfMonth('2024-09')).toBe('2024-09-30');
    expect(lastDayOfMonth('2024-12')).toBe('2024-12-31');
    expect(() => lastDayOfMonth('2024-13')).toThrow(RangeError);
    expect(() => monthOf('2024-1-01')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
  });
});

describe(`WorkCalendar on real dates (host TZ ${HOST_TZ})`, () => {
  it('knows the 2024 Spring Festival: Feb 10–17 off, Sun Feb 4 and Sun Feb 18 worked', () => {
    for (const d of allDates('2024-02-10', '2024-02-17')) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(utcWeekday('2024-02-04')).toBe(0);
    expect(utcWeekday('2024-02-18')).toBe(0);
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    expect(cal.isWorkingDay('2024-02-03')).toBe(false);
    expect(cal.isWorkingDay('2024-02-09')).toBe(true);
    // Feb 9 (Fri), Feb 18 (Sun, make-up), Feb 19 (Mon).
    expect(cal.workingDaysBetween('2024-02-08', '2024-02-19')).toBe(3);
    // Feb 4 (Sun, make-up), Feb 5 (Mon).
    expect(cal.workingDaysBetween('2024-02-02', '2024-02-05')).toBe(2);
    expect(cal.dueDate('2024-02-08', 3)).toBe('2024-02-19');
    expect(cal.dueDate('2024-02-08', 2)).toBe('2024-02-18');
  });

  it('knows the 2024 National Day week with Sun Sep 29 and Sat Oct 12 worked', () => {
    expect(utcWeekday('2024-09-29')).toBe(0);
    expect(utcWeekday('2024-10-12')).toBe(6);
    expect(cal.isWorkingDay('2024-09-29')).toBe(true);
    expect(cal.isWorkingDay('2024-10-12')).toBe(true);
    expect(cal.isWorkingDay('2024-09-28')).toBe(false);
    for (const d of allDates('2024-10-01', '2024-10-07')) expect(cal.isWorkingDay(d), d).toBe(false);
    // Sep 29, Sep 30, Oct 8–11, Oct 12.
    expect(cal.workingDaysBetween('2024-09-27', '2024-10-12')).toBe(7);
    expect(cal.dueDate('2024-09-27', 3)).toBe('2024-10-08');
  });

  it('knows the 2025 National Day week (Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked)', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    for (const d of allDates('2025-10-01', '2025-10-08')) expect(cal.isWorkingDay(d), d).toBe(false);
    // Sep 28, 29, 30, Oct 9, 10, 11.
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-11')).toBe(6);
    expect(cal.dueDate('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('counts across year ends', () => {
    // Jan 1 is off, Jan 2 (Thu) is worked.
    expect(cal.workingDaysBetween('2024-12-31', '2025-01-02')).toBe(1);
    // 2026 New Year: Jan 1–3 off, Sun Jan 4 worked.
    expect(cal.workingDaysBetween('2025-12-31', '2026-01-02')).toBe(0);
    expect(cal.workingDaysBetween('2025-12-31', '2026-01-04')).toBe(1);
    expect(cal.dueDate('2025-12-31', 1)).toBe('2026-01-04');
    // The 2019 notice made Sat 2018-12-29 a working day and Dec 30–31 holidays.
    expect(cal.isWorkingDay('2018-12-29')).toBe(true);
    expect(cal.isWorkingDay('2018-12-31')).toBe(false);
    expect(cal.workingDaysBetween('2018-12-28', '2019-01-02')).toBe(2);
  });

  it('never counts the acceptance day', () => {
    expect(cal.workingDaysBetween('2024-03-12', '2024-03-12')).toBe(0);
    // Accepted Saturday, completed Monday: 1.
    expect(utcWeekday('2024-03-09')).toBe(6);
    expect(cal.workingDaysBetween('2024-03-09', '2024-03-11')).toBe(1);
    // Accepted on a working Tuesday, completed Wednesday: 1.
    expect(cal.workingDaysBetween('2024-03-12', '2024-03-13')).toBe(1);
    // Accepted on a holiday.
    expect(cal.workingDaysBetween('2024-10-03', '2024-10-08')).toBe(1);
    // Completion before acceptance is 0, not negative.
    expect(cal.workingDaysBetween('2024-03-13', '2024-03-12')).toBe(0);
    expect(cal.dueDate('2024-03-09', 0)).toBe('2024-03-09');
    expect(cal.dueDate('2024-03-09', 1)).toBe('2024-03-11');
  });

  it('dates a case accepted at 23:30 Beijing on 2024-09-30 on that Monday', () => {
    const accepted = beijingDate('2024-09-30T23:30:00+08:00');
    const completed = beijingDate('2024-10-08T09:00:00+08:00');
    expect(accepted).toBe('2024-09-30');
    expect(cal.workingDaysBetween(accepted, completed)).toBe(1);
    expect(cal.dueDate(accepted, 3)).toBe('2024-10-10');
  });

  it('dates a case accepted at 00:30 Beijing on 2024-09-30 (Sun Sep 29 in UTC, a make-up day) on Monday', () => {
    const accepted = beijingDate('2024-09-29T16:30:00Z');
    expect(accepted).toBe('2024-09-30');
    // Taking the UTC date would count Sep 30 too and give 2.
    expect(cal.workingDaysBetween(accepted, '2024-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2024-09-29', '2024-10-08')).toBe(2);
  });

  it('puts a case completed at 01:00 Beijing on 2025-01-01 (Dec 31 in UTC) in January', () => {
    const completed = beijingDate('2025-01-01T01:00:00+08:00');
    expect(completed).toBe('2025-01-01');
    expect(monthOf(completed)).toBe('2025-01');
    // Accepted Dec 30: only Dec 31 counts, Jan 1 is a holiday.
    expect(cal.workingDaysBetween('2024-12-30', completed)).toBe(1);
    // Accepted at that moment, completed Jan 2: 1.
    expect(cal.workingDaysBetween(completed, '2025-01-02')).toBe(1);
  });

  it('leaves out working days inside closed and open suspensions', () => {
    // Mar 4–8 and 11–15: 10 working days.
    expect(cal.workingDaysBetween('2024-03-01', '2024-03-15')).toBe(10);
    expect(
      cal.workingDaysBetween('2024-03-01', '2024-03-15', [{ from: '2024-03-06', to: '2024-03-08' }]),
    ).toBe(7);
    // Open: runs to the end date.
    expect(cal.workingDaysBetween('2024-03-01', '2024-03-15', [{ from: '2024-03-13' }])).toBe(7);
    // A weekend-only suspension costs nothing.
    expect(
      cal.workingDaysBetween('2024-03-01', '2024-03-15', [{ from: '2024-03-09', to: '2024-03-10' }]),
    ).toBe(10);
    // Overlapping suspensions are not subtracted twice.
    expect(
      cal.workingDaysBetween('2024-03-01', '2024-03-15', [
        { from: '2024-03-06', to: '2024-03-08' },
        { from: '2024-03-07', to: '2024-03-11' },
      ]),
    ).toBe(6);
    // Suspension days outside (accepted, end] are ignored.
    expect(
      cal.workingDaysBetween('2024-03-01', '2024-03-15', [{ from: '2024-02-20', to: '2024-03-04' }]),
    ).toBe(9);
    expect(
      cal.workingDaysBetween('2024-03-01', '2024-03-15', [{ from: '2024-03-15', to: '2024-03-30' }]),
    ).toBe(9);
    // A suspension ending before it starts holds nothing (validateSuspensions reports it).
    expect(
      cal.workingDaysBetween('2024-03-01', '2024-03-15', [{ from: '2024-03-08', to: '2024-03-06' }]),
    ).toBe(10);
  });

  it('pushes the due date out by suspended working days', () => {
    expect(cal.dueDate('2024-03-01', 5)).toBe('2024-03-08');
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-06', to: '2024-03-08' }])).toBe('2024-03-13');
    // Suspended over a weekend: no push.
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-02', to: '2024-03-03' }])).toBe('2024-03-08');
    // Suspended after the due date: no push.
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-11', to: '2024-03-20' }])).toBe('2024-03-08');
    // A push that runs into a second suspension is pushed again.
    expect(
      cal.dueDate('2024-03-01', 5, [
        { from: '2024-03-06', to: '2024-03-08' },
        { from: '2024-03-12', to: '2024-03-12' },
      ]),
    ).toBe('2024-03-14');
    // Pushed over the National Day week.
    expect(cal.dueDate('2024-09-26', 2, [{ from: '2024-09-27', to: '2024-09-30' }])).toBe('2024-10-09');
  });

  it('gives the earliest possible due date while a suspension is open', () => {
    // Without asOf the open suspension holds at least its first day (Mar 6).
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-06' }])).toBe('2024-03-11');
    expect(dayByDayDueDate(cal, '2024-03-01', 5, [{ from: '2024-03-06' }])).toBe('2024-03-11');
    // With asOf it runs to that day (Mar 6–7), and the date moves on as days pass.
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-06' }], '2024-03-07')).toBe('2024-03-12');
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-06' }], '2024-03-20')).toBe('2024-03-25');
    expect(dayByDayDueDate(cal, '2024-03-01', 5, [{ from: '2024-03-06' }], '2024-03-07')).toBe('2024-03-12');
    // asOf before the suspension starts: still at least its first day.
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-06' }], '2024-03-04')).toBe('2024-03-11');
    // Open but starting after the due date: the due date stands.
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-11' }])).toBe('2024-03-08');
    expect(cal.dueDate('2024-03-01', 5, [{ from: '2024-03-11' }], '2024-03-20')).toBe('2024-03-08');
  });

  it('marks years without a schedule provisional and counts them on weekends only', () => {
    expect(cal.loadedYears()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.isProvisional('2027-01-01')).toBe(true);
    expect(cal.isProvisional('2018-12-29')).toBe(true);
    expect(cal.isProvisional('2035-06-01')).toBe(true);
    // 2027-01-01 is a Friday; without the 2027 schedule it is a working day.
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(2);
    expect(cal.provisionalBetween('2026-12-31', '2027-01-04')).toBe(true);
    expect(cal.provisionalBetween('2026-12-30', '2026-12-31')).toBe(false);
    expect(cal.provisionalBetween('2026-12-31', '2026-12-31')).toBe(false);
    expect(cal.provisionalBetween('2018-12-31', '2019-01-02')).toBe(false);
    expect(cal.provisionalBetween('2018-12-30', '2019-01-02')).toBe(true);
    expect(cal.provisionalBetween('2024-01-01', '2030-01-01')).toBe(true);
  });

  it('loads a new year into a new calendar and leaves the old one alone', () => {
    const y2027: HolidayYear = {
      year: 2027,
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '测试', date: '2027-01-09', isOffDay: false },
      ],
    };
    const next = cal.withYear(y2027);
    expect(next.loadedYears()).toContain(2027);
    expect(next.isProvisional('2027-01-01')).toBe(false);
    expect(next.isWorkingDay('2027-01-01')).toBe(false);
    expect(next.isWorkingDay('2027-01-09')).toBe(true);
    expect(next.workingDaysBetween('2026-12-31', '2027-01-04')).toBe(1);
    expect(next.provisionalBetween('2026-12-31', '2027-01-04')).toBe(false);
    expect(next.isProvisional('2028-01-03')).toBe(true);
    // The old calendar is unchanged.
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.loadedYears()).not.toContain(2027);
    // Mutating the input after loading changes nothing.
    y2027.days[0]!.isOffDay = false;
    expect(next.withYear({ year: 2028, days: [] }).isWorkingDay('2027-01-01')).toBe(false);
    // Replacing a loaded year.
    const replaced = cal.withYear({ year: 2024, days: [] });
    expect(replaced.isWorkingDay('2024-10-01')).toBe(true);
    expect(replaced.isWorkingDay('2024-10-12')).toBe(false);
    expect(cal.isWorkingDay('2024-10-01')).toBe(false);
  });

  it("lets a year's own schedule win over a neighbouring schedule's spill-over", () => {
    const own = { year: 2022, days: [{ name: '测试', date: '2022-12-31', isOffDay: false }] };
    const neighbour = { year: 2023, days: [{ name: '元旦', date: '2022-12-31', isOffDay: true }] };
    expect(WorkCalendar.fromYears([own, neighbour]).isWorkingDay('2022-12-31')).toBe(true);
    expect(WorkCalendar.fromYears([neighbour, own]).isWorkingDay('2022-12-31')).toBe(true);
    expect(WorkCalendar.fromYears([neighbour]).isWorkingDay('2022-12-31')).toBe(false);
  });

  it('rejects malformed schedules and dates outside its range', () => {
    expect(() =>
      WorkCalendar.fromYears([
        { year: 2024, days: [] },
        { year: 2024, days: [] },
      ]),
    ).toThrow(RangeError);
    expect(() =>
      cal.withYear({ year: 2027, days: [{ name: 'x', date: '2027-02-30', isOffDay: true }] }),
    ).toThrow(RangeError);
    expect(() => cal.withYear({ year: 1999, days: [] })).toThrow(RangeError);
    expect(() => cal.isWorkingDay('1999-12-31')).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2024-01-01', '2101-01-01')).toThrow(RangeError);
    expect(() => cal.dueDate('2100-12-30', 5)).toThrow(RangeError);
    expect(() => cal.dueDate('2024-01-01', -1)).toThrow(RangeError);
    expect(() => cal.dueDate('2024-01-01', 1.5)).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2024-1-1', '2024-01-05')).toThrow(RangeError);
    expect(cal.isWorkingDay('2000-01-03')).toBe(true);
    expect(cal.isWorkingDay('2100-12-31')).toBe(true);
    expect(WorkCalendar.fromYears([]).loadedYears()).toEqual([]);
  });
});

describe('warningLevel and validateSuspensions', () => {
  it('applies the 80% / promised / statutory thresholds', () => {
    expect(warningLevel(0, 10, 20)).toBe('green');
    expect(warningLevel(8, 10, 20)).toBe('green');
    expect(warningLevel(9, 10, 20)).toBe('yellow');
    expect(warningLevel(10, 10, 20)).toBe('yellow');
    expect(warningLevel(11, 10, 20)).toBe('red');
    expect(warningLevel(20, 10, 20)).toBe('red');
    expect(warningLevel(21, 10, 20)).toBe('serious');
    expect(warningLevel(12, 15, 20)).toBe('green');
    expect(warningLevel(13, 15, 20)).toBe('yellow');
    expect(warningLevel(0, 0, 0)).toBe('green');
    expect(warningLevel(1, 0, 5)).toBe('red');
  });

  it('finds no problem in consistent suspensions', () => {
    expect(validateSuspensions([], '2024-03-01', '2024-03-20')).toEqual([]);
    expect(
      validateSuspensions(
        [
          { from: '2024-03-01', to: '2024-03-04' },
          { from: '2024-03-05', to: '2024-03-06' },
        ],
        '2024-03-01',
        '2024-03-20',
      ),
    ).toEqual([]);
    expect(validateSuspensions([{ from: '2024-03-05' }], '2024-03-01')).toEqual([]);
  });

  it('reports each kind of problem in words', () => {
    const problems = validateSuspensions(
      [
        { from: '2024-03-08', to: '2024-03-06' },
        { from: '2024-02-20', to: '2024-03-02' },
        { from: '2024-03-10' },
        { from: '2024-03-25', to: '2024-03-26' },
        { from: '2024-03-18', to: '2024-03-22' },
        { from: 'soon' },
      ],
      '2024-03-01',
      '2024-03-20',
    );
    expect(problems).toEqual([
      'suspension 1 (2024-03-08 to 2024-03-06): ends before it starts',
      'suspension 2 (2024-02-20 to 2024-03-02): starts before the case was accepted on 2024-03-01',
      'suspension 3 (2024-03-10 to still open): still open on a case completed on 2024-03-20',
      'suspension 4 (2024-03-25 to 2024-03-26): starts after the case was completed on 2024-03-20',
      'suspension 5 (2024-03-18 to 2024-03-22): ends after the case was completed on 2024-03-20',
      'suspension 6 (soon to still open): dates must be YYYY-MM-DD',
      'suspensions 3 and 4 overlap',
      'suspensions 3 and 5 overlap',
    ]);
    expect(validateSuspensions([{ from: '2024-03-05' }, { from: '2024-03-09' }], '2024-03-01')).toEqual([
      'suspensions 1 and 2 overlap',
    ]);
  });
});

describe(`cross-check against official data, 2019–2026 (host TZ ${HOST_TZ})`, () => {
  const dates = allDates('2019-01-01', '2026-12-31');
  const holidayCn = readHolidayCn();
  /** holiday-cn's verdict: a listed day as listed (own year's file first), else Mon–Fri. */
  const listed = new Map<string, boolean>();
  for (const own of [false, true]) {
    for (const y of holidayCn) {
      for (const d of y.days) if (d.date.startsWith(`${y.year}-`) === own) listed.set(d.date, !d.isOffDay);
    }
  }
  const holidayCnWorking = (d: string): boolean =>
    listed.get(d) ?? (utcWeekday(d) !== 0 && utcWeekday(d) !== 6);

  it('bundles exactly the holiday-cn schedules, with source and licence', () => {
    expect(holidayCn.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(bundledYears()).toEqual(holidayCn);
    expect(bundled.years.map((y) => y.year)).toEqual(holidayCn.map((y) => y.year));
    expect(bundledSource.source).toContain('holiday-cn');
    expect(bundledSource.licence).toContain('MIT License');
    expect(bundledSource.licence).toContain('NateScarlet');
  });

  it(`agrees with holiday-cn on all ${dates.length} dates`, () => {
    const wrong = dates.filter((d) => cal.isWorkingDay(d) !== holidayCnWorking(d));
    expect(wrong, `dates where the calendar disagrees with holiday-cn: ${wrong.join(', ')}`).toEqual([]);
    // The whole span in one count, as a checksum of the index.
    const expected = dates.filter(holidayCnWorking).length;
    expect(cal.workingDaysBetween('2018-12-31', '2026-12-31')).toBe(expected);
  });

  it('agrees with chinese-days isWorkday on all dates (no date where chinese-days and holiday-cn differ)', async () => {
    // chinese-days 1.5.7 builds its holiday table at import time and reads weekdays with
    // host-zone Date getters on UTC-midnight dates, so west of UTC (e.g. America/New_York)
    // it shifts every date by one day (728 wrong answers in 2019–2026). It is correct in
    // its home zone, so it is imported and queried with TZ=Asia/Shanghai; our own
    // calendar needs no such care, which the rest of this file checks in the host zone.
    const before = process.env.TZ;
    const hostOffset = new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset();
    process.env.TZ = 'Asia/Shanghai';
    try {
      expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset(), 'TZ switch took effect').toBe(-480);
      const { isWorkday } = await import('chinese-days');
      const theirs = new Map(dates.map((d) => [d, isWorkday(d)]));
      const cdVsHolidayCn = dates.filter((d) => theirs.get(d) !== holidayCnWorking(d));
      // holiday-cn is authoritative; no date is excluded because none differs.
      expect(cdVsHolidayCn, `chinese-days disagrees with holiday-cn on: ${cdVsHolidayCn.join(', ')}`).toEqual(
        [],
      );
      const oursVsCd = dates.filter((d) => theirs.get(d) !== cal.isWorkingDay(d));
      expect(oursVsCd, `calendar disagrees with chinese-days on: ${oursVsCd.join(', ')}`).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset(), 'host zone restored').toBe(hostOffset);
  });
});

describe('indexed counts equal the day-by-day loop (property)', () => {
  const FIRST = '2019-01-01';
  /** Days from 2019-01-01 to 2026-12-31, plus a few weeks into provisional 2027. */
  const SPAN_DAYS = 2922 + 40;
  const dateArb = fc.integer({ min: 0, max: SPAN_DAYS }).map((n) => addCalendarDays(FIRST, n));
  const suspensionArb = (anchor: string) =>
    fc
      .record({
        start: fc.integer({ min: -10, max: 90 }),
        length: fc.integer({ min: -2, max: 25 }),
        open: fc.boolean(),
      })
      .map(({ start, length, open }): Suspension => {
        const from = addCalendarDays(anchor, start);
        return open && length % 3 === 0 ? { from } : { from, to: addCalendarDays(from, length) };
      });
  const caseArb = dateArb.chain((accepted) =>
    fc.record({
      accepted: fc.constant(accepted),
      span: fc.integer({ min: -3, max: 100 }),
      promised: fc.integer({ min: 0, max: 60 }),
      asOfOffset: fc.integer({ min: 0, max: 100 }),
      suspensions: fc.array(suspensionArb(accepted), { maxLength: 4 }),
    }),
  );

  it('workingDaysBetween matches the loop', () => {
    fc.assert(
      fc.property(caseArb, ({ accepted, span, suspensions }) => {
        const end = addCalendarDays(accepted, span);
        expect(cal.workingDaysBetween(accepted, end, suspensions)).toBe(
          dayByDayWorkingDays(cal, accepted, end, suspensions),
        );
        expect(cal.workingDaysBetween(accepted, end)).toBe(dayByDayWorkingDays(cal, accepted, end));
      }),
      { numRuns: 2000 },
    );
  });

  it('dueDate matches the loop and counts back to the promise', () => {
    fc.assert(
      fc.property(caseArb, ({ accepted, promised, suspensions, asOfOffset }) => {
        // Open suspensions end on asOf (never before their first day), or on their first day.
        const asOf = addCalendarDays(accepted, asOfOffset);
        const closeAt = (at: string | undefined): Suspension[] =>
          suspensions.map((s) =>
            s.to !== undefined ? s : { from: s.from, to: at && at > s.from ? at : s.from },
          );
        for (const at of [undefined, asOf]) {
          const due = cal.dueDate(accepted, promised, suspensions, at);
          expect(due).toBe(dayByDayDueDate(cal, accepted, promised, suspensions, at));
          const closed = closeAt(at);
          expect(cal.dueDate(accepted, promised, closed)).toBe(due);
          expect(cal.workingDaysBetween(accepted, due, closed)).toBe(promised);
          // The due date is the first day reaching the promise.
          if (promised > 0) {
            expect(cal.workingDaysBetween(accepted, addCalendarDays(due, -1), closed)).toBe(promised - 1);
          }
        }
        // With only closed suspensions, count and due date are exact inverses.
        const onlyClosed = suspensions.filter((s) => s.to !== undefined);
        const dueClosed = cal.dueDate(accepted, promised, onlyClosed);
        expect(cal.workingDaysBetween(accepted, dueClosed, onlyClosed)).toBe(promised);
        expect(cal.workingDaysBetween(accepted, cal.dueDate(accepted, promised))).toBe(promised);
      }),
      { numRuns: 2000 },
    );
  });
});
