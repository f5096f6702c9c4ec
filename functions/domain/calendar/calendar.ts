/**
 * The official Chinese working-day calendar, on Beijing dates.
 *
 * Every deadline the platform reports (working days taken, due dates, warnings) is
 * counted in working days of the State Council's schedule, including make-up working
 * weekends (调休), on the calendar date in Beijing. Lambda runs in UTC and developers
 * run anywhere, so nothing here reads the host time zone: dates are plain
 * `YYYY-MM-DD` strings and all date arithmetic is done on day numbers.
 *
 * This module is pure (no I/O, no AWS, no HTTP) so the API, the stream aggregator,
 * the importers and the tests all share one implementation of the rules in
 * docs/domain.md "Working days".
 *
 * @module
 */
import data from './data/holidays-2019-2026.json' with { type: 'json' };

/**
 * A Beijing (Asia/Shanghai) calendar date, `YYYY-MM-DD`.
 *
 * A string rather than a `Date` because a `Date` is an instant and would drag the host
 * zone back in; ISO dates also sort and compare correctly as strings, which the store
 * and the naive loop rely on.
 */
export type IsoDate = string;

/**
 * One year's official schedule, in the shape published by holiday-cn, so that the
 * office can load next year's file as published without converting it.
 *
 * `days` lists only the exceptions: holidays (`isOffDay: true`) and make-up working
 * days (`isOffDay: false`). A schedule may list days of the neighbouring year (the
 * 2019 notice moved 2018-12-29 to a working day), and those are honoured too.
 */
export interface HolidayYear {
  year: number;
  days: { name: string; date: string; isOffDay: boolean }[];
}

/**
 * A suspension of the case clock (中止: expert review, applicant correcting documents),
 * as whole Beijing dates, both inclusive. `to` is absent while the case is still
 * suspended, because the end is not known until the department resumes the case.
 */
export interface Suspension {
  from: IsoDate;
  to?: IsoDate;
}

const MS_PER_DAY = 86_400_000;
/** China has had no daylight saving time since 1991, so Beijing is always UTC+8. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** First and last year the working-day index covers; wide enough for any real case. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/**
 * The dates the working-day index covers. Queries outside it throw rather than guess,
 * because a silently wrong deadline is worse than a loud error.
 */
export const CALENDAR_RANGE = { first: '2000-01-01', last: '2100-12-31' } as const;

// ---------------------------------------------------------------------------
// Day-number arithmetic (days since 1970-01-01, proleptic Gregorian).
// Howard Hinnant's civil-from-days algorithms: exact, branch-light, no Date objects.
// ---------------------------------------------------------------------------

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two ASCII digits at `i`, or -1. Hand-rolled because this runs once per query. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** Day number of a valid `YYYY-MM-DD`, or NaN. */
function tryDayNumber(d: string): number {
  if (typeof d !== 'string' || d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45)
    return Number.NaN;
  const hi = digits2(d, 0);
  const lo = digits2(d, 2);
  const month = digits2(d, 5);
  const day = digits2(d, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const year = hi * 100 + lo;
  if (day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

function dayNumber(d: IsoDate): number {
  const n = tryDayNumber(d);
  if (Number.isNaN(n)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
  return n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatDay(dayNumber: number): IsoDate {
  const [y, m, d] = civilFromDays(dayNumber);
  if (y < 0 || y > 9999) throw new RangeError(`Date out of the four-digit year range (day ${dayNumber})`);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const FIRST_DAY = daysFromCivil(MIN_YEAR, 1, 1);
const LAST_DAY = daysFromCivil(MAX_YEAR, 12, 31);
const SPAN = LAST_DAY - FIRST_DAY + 1;

/** Whether `s` is a real `YYYY-MM-DD` date, for validators that must not throw. */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && !Number.isNaN(tryDayNumber(s));
}

// ---------------------------------------------------------------------------
// Beijing dates of instants.
// ---------------------------------------------------------------------------

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * UTC milliseconds of an ISO 8601 timestamp. Parsed by hand because `Date.parse`
 * reads an offset-less timestamp in the host zone, which would make the same input
 * land on different Beijing dates on a laptop and on Lambda.
 */
function instantMs(s: string): number {
  const m = INSTANT_RE.exec(s);
  if (!m) {
    throw new RangeError(
      `Not an ISO 8601 timestamp with a UTC offset (e.g. 2024-09-30T23:30:00+08:00): ${JSON.stringify(s)}`,
    );
  }
  const day = dayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59)
    throw new RangeError(`Time of day out of range: ${JSON.stringify(s)}`);
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) throw new RangeError(`UTC offset out of range: ${JSON.stringify(s)}`);
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return day * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offsetMin * 60_000;
}

/**
 * The Beijing calendar date of an instant, whatever the host zone.
 *
 * Case times arrive with whatever offset the upstream system used, and which day a
 * case was accepted or completed decides both its working days and its month, so the
 * date is always taken in Beijing (UTC+8, no DST), by arithmetic rather than the
 * host's zone rules. Strings must carry `Z` or an offset; a bare `YYYY-MM-DD` is taken
 * to be a Beijing date already and returned as is.
 *
 * @throws RangeError for an unparseable or offset-less timestamp or an invalid Date.
 */
export function beijingDate(instant: string | Date): IsoDate {
  let ms: number;
  if (instant instanceof Date) {
    ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  } else if (typeof instant === 'string' && instant.length === 10) {
    dayNumber(instant);
    return instant;
  } else {
    ms = instantMs(instant);
  }
  return formatDay(Math.floor((ms + BEIJING_OFFSET_MS) / MS_PER_DAY));
}

/**
 * `d` plus `n` calendar days (n may be negative). For windows like "the last 30 days"
 * and for walking dates without a `Date`, which would reintroduce the host zone.
 */
export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  return formatDay(dayNumber(d) + n);
}

/** The `YYYY-MM` a date falls in: the key of the monthly statistics rows. */
export function monthOf(d: IsoDate): string {
  dayNumber(d);
  return d.slice(0, 7);
}

/**
 * The last date of a `YYYY-MM` month. Monthly rows show the limits in force on this
 * day, so a reform appears as a step in the month it takes effect.
 */
export function lastDayOfMonth(month: string): IsoDate {
  if (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)) {
    throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  }
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (m < 1 || m > 12) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return `${month}-${pad2(daysInMonth(y, m))}`;
}

// ---------------------------------------------------------------------------
// The calendar.
// ---------------------------------------------------------------------------

/** Suspension intervals as index ranges [lo, hi], both inclusive. */
type Interval = [lo: number, hi: number];

/** Sort (only if needed) and merge overlapping or adjacent intervals in place. */
function mergeIntervals(iv: Interval[]): Interval[] {
  if (iv.length < 2) return iv;
  let sorted = true;
  for (let i = 1; i < iv.length; i++) {
    if (iv[i]![0] < iv[i - 1]![0]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) iv.sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [iv[0]!];
  for (let i = 1; i < iv.length; i++) {
    const cur = iv[i]!;
    const last = out[out.length - 1]!;
    if (cur[0] <= last[1] + 1) {
      if (cur[1] > last[1]) last[1] = cur[1];
    } else {
      out.push(cur);
    }
  }
  return out;
}

/** Calendars keep their own copy so a caller mutating its input cannot skew a built index. */
function copyYear(y: HolidayYear): HolidayYear {
  return { year: y.year, days: y.days.map((d) => ({ name: d.name, date: d.date, isOffDay: d.isOffDay })) };
}

function checkPromisedDays(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Promised days must be a whole number >= 0: ${n}`);
}

/**
 * Working days of the official calendar, answering every query in O(1) plus
 * O(#suspensions).
 *
 * Statistics recount every case of a month, and rankings recount every month of a
 * year, so day-by-day loops would dominate; instead the constructor precomputes, for
 * every day from 2000-01-01 to 2100-12-31, the cumulative count of working days, and
 * the position of every n-th working day, so a count is one subtraction and a due date
 * one lookup. Instances are immutable: loading a year makes a new calendar, so a
 * request in flight never sees a half-updated schedule.
 */
export class WorkCalendar {
  readonly #years: ReadonlyMap<number, HolidayYear>;
  /** 1 when the day at that index is a working day. */
  readonly #working: Uint8Array;
  /** Working days from FIRST_DAY up to and including the day at that index. */
  readonly #cum: Int32Array;
  /** Index of the (k+1)-th working day counted from FIRST_DAY. */
  readonly #nth: Int32Array;
  /** 1 when the year (offset from MIN_YEAR) has a loaded official schedule. */
  readonly #loaded: Uint8Array;

  private constructor(years: ReadonlyMap<number, HolidayYear>) {
    this.#years = years;
    const working = new Uint8Array(SPAN);
    for (let i = 0; i < SPAN; i++) {
      const wd = weekday(FIRST_DAY + i);
      working[i] = wd === 0 || wd === 6 ? 0 : 1;
    }
    // A schedule's own-year entries win over a neighbouring schedule's spill-over
    // (e.g. 2023's notice also lists 2022-12-31), as the own-year notice is the later word.
    const ordered = [...years.values()].sort((a, b) => a.year - b.year);
    for (const ownYear of [false, true]) {
      for (const y of ordered) {
        for (const day of y.days) {
          if (day.date.startsWith(`${y.year}-`) !== ownYear) continue;
          const i = dayNumber(day.date) - FIRST_DAY;
          if (i >= 0 && i < SPAN) working[i] = day.isOffDay ? 0 : 1;
        }
      }
    }
    const cum = new Int32Array(SPAN);
    let count = 0;
    for (let i = 0; i < SPAN; i++) {
      count += working[i]!;
      cum[i] = count;
    }
    const nth = new Int32Array(count);
    for (let i = 0, k = 0; i < SPAN; i++) if (working[i] === 1) nth[k++] = i;
    const loaded = new Uint8Array(MAX_YEAR - MIN_YEAR + 1);
    for (const y of years.keys()) loaded[y - MIN_YEAR] = 1;
    this.#working = working;
    this.#cum = cum;
    this.#nth = nth;
    this.#loaded = loaded;
  }

  /**
   * Build a calendar from official schedules. Validates them, because a schedule is
   * uploaded by the office and a typo would silently move every deadline.
   *
   * @throws RangeError or TypeError for a malformed schedule or a year loaded twice.
   */
  static fromYears(years: readonly HolidayYear[]): WorkCalendar {
    const map = new Map<number, HolidayYear>();
    for (const y of years) {
      WorkCalendar.#validateYear(y);
      if (map.has(y.year)) throw new RangeError(`Year ${y.year} is loaded twice`);
      map.set(y.year, copyYear(y));
    }
    return new WorkCalendar(map);
  }

  static #validateYear(y: HolidayYear): void {
    if (typeof y !== 'object' || y === null || !Array.isArray(y.days)) {
      throw new TypeError('A holiday year needs {year, days: [...]}');
    }
    if (!Number.isInteger(y.year) || y.year < MIN_YEAR || y.year > MAX_YEAR) {
      throw new RangeError(`Holiday year must be a whole year from ${MIN_YEAR} to ${MAX_YEAR}: ${y.year}`);
    }
    const seen = new Set<string>();
    for (const day of y.days) {
      if (typeof day !== 'object' || day === null || typeof day.isOffDay !== 'boolean') {
        throw new TypeError(`Holiday year ${y.year}: each day needs {name, date, isOffDay: boolean}`);
      }
      if (!isIsoDate(day.date))
        throw new RangeError(`Holiday year ${y.year}: bad date ${JSON.stringify(day.date)}`);
      if (seen.has(day.date)) throw new RangeError(`Holiday year ${y.year}: ${day.date} is listed twice`);
      seen.add(day.date);
    }
  }

  /**
   * A new calendar that also has (or replaces) the given year's schedule. The State
   * Council publishes next year's schedule in late autumn and the office loads it
   * without a deployment; the old calendar stays valid for readers that hold it.
   */
  withYear(year: HolidayYear): WorkCalendar {
    WorkCalendar.#validateYear(year);
    const map = new Map(this.#years);
    map.set(year.year, copyYear(year));
    return new WorkCalendar(map);
  }

  /** Years with an official schedule, ascending; `/healthz` warns when next year is missing. */
  loadedYears(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  #index(d: IsoDate): number {
    const i = dayNumber(d) - FIRST_DAY;
    if (i < 0 || i >= SPAN) {
      throw new RangeError(
        `Date ${d} is outside the calendar (${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last})`,
      );
    }
    return i;
  }

  /**
   * Whether `d` is a working day: a weekday the schedule does not give off, or a
   * weekend the schedule makes a working day (调休).
   */
  isWorkingDay(d: IsoDate): boolean {
    return this.#working[this.#index(d)] === 1;
  }

  /**
   * Whether `d` falls in a year without a loaded schedule, so its status is a
   * weekends-only guess that a later load may change. Figures built on such dates are
   * shown as provisional and recomputed when the year is loaded.
   */
  isProvisional(d: IsoDate): boolean {
    const y = civilFromDays(dayNumber(d))[0];
    return y < MIN_YEAR || y > MAX_YEAR || this.#loaded[y - MIN_YEAR] !== 1;
  }

  /**
   * Whether any date `d` with `a < d ≤ b` is provisional, i.e. whether a count over
   * that span may change when a schedule is loaded. Checks years, not days.
   */
  provisionalBetween(a: IsoDate, b: IsoDate): boolean {
    const from = dayNumber(a) + 1;
    const to = dayNumber(b);
    if (to < from) return false;
    const y0 = civilFromDays(from)[0];
    const y1 = civilFromDays(to)[0];
    for (let y = y0; y <= y1; y++) {
      if (y < MIN_YEAR || y > MAX_YEAR || this.#loaded[y - MIN_YEAR] !== 1) return true;
    }
    return false;
  }

  /**
   * Clip suspensions to indices in [lo, hi], ending open ones at `openEnd` (but never
   * before their first day), and merge them, so overlapping suspensions are not
   * subtracted twice.
   */
  #intervals(suspensions: readonly Suspension[], lo: number, hi: number, openEnd: number): Interval[] {
    const iv: Interval[] = [];
    for (const s of suspensions) {
      const from = dayNumber(s.from) - FIRST_DAY;
      const f = Math.max(from, lo);
      const t = Math.min(s.to === undefined ? Math.max(from, openEnd) : dayNumber(s.to) - FIRST_DAY, hi);
      if (f <= t) iv.push([f, t]);
    }
    return mergeIntervals(iv);
  }

  /**
   * Working days d with `accepted < d ≤ end`, less those inside a suspension (an open
   * suspension runs to `end`). The acceptance day never counts, so a case completed
   * the day it was accepted took 0 days and one accepted on Saturday and completed on
   * Monday took 1; 0 when `end ≤ accepted`.
   *
   * @throws RangeError for a malformed date or one outside {@link CALENDAR_RANGE}.
   */
  workingDaysBetween(accepted: IsoDate, end: IsoDate, suspensions?: readonly Suspension[]): number {
    const a = this.#index(accepted);
    const e = this.#index(end);
    if (e <= a) return 0;
    const cum = this.#cum;
    let n = cum[e]! - cum[a]!;
    if (suspensions !== undefined && suspensions.length > 0) {
      for (const [lo, hi] of this.#intervals(suspensions, a + 1, e, e)) n -= cum[hi]! - cum[lo - 1]!;
    }
    return n;
  }

  /**
   * The due date: the `promisedDays`-th counted working day after the acceptance date
   * (0 → the acceptance date itself). Working days inside suspensions do not count,
   * so a suspension pushes the due date out by its working days.
   *
   * While a suspension is open its end is unknown, and so is the real due date. So
   * that derivation stays deterministic, an open suspension is taken to end on `asOf`
   * (normally today's Beijing date; a suspension lasts at least its first day, so
   * never earlier than `from`), or on its first day when `asOf` is not given. The
   * result is then the earliest the case can still be due, and it moves later each
   * day the suspension stays open; callers should show the case as suspended rather
   * than present this date as final.
   *
   * @throws RangeError for malformed input or a due date beyond {@link CALENDAR_RANGE}.
   */
  dueDate(
    accepted: IsoDate,
    promisedDays: number,
    suspensions?: readonly Suspension[],
    asOf?: IsoDate,
  ): IsoDate {
    checkPromisedDays(promisedDays);
    const a = this.#index(accepted);
    if (promisedDays === 0) return accepted;
    const cum = this.#cum;
    const nth = this.#nth;
    let target = cum[a]! + promisedDays;
    const beyond = (): never => {
      throw new RangeError(
        `Due date of ${promisedDays} working days after ${accepted} is beyond ${CALENDAR_RANGE.last}`,
      );
    };
    if (target > nth.length) beyond();
    let due = nth[target - 1]!;
    if (suspensions !== undefined && suspensions.length > 0) {
      const openEnd = asOf === undefined ? Number.NEGATIVE_INFINITY : dayNumber(asOf) - FIRST_DAY;
      for (const [lo, hi] of this.#intervals(suspensions, a + 1, Number.POSITIVE_INFINITY, openEnd)) {
        if (lo > due) break;
        // Every working day suspended in [lo, hi] moves the target one working day on;
        // the new due date then lies after hi (see the unit tests' property check).
        if (hi >= SPAN) beyond();
        target += cum[hi]! - cum[lo - 1]!;
        if (target > nth.length) beyond();
        due = nth[target - 1]!;
      }
    }
    return formatDay(due + FIRST_DAY);
  }

  /**
   * The instant `hours` working hours after `start`: the clock runs through every hour
   * of a Beijing working day and stops on days off, so 24 working hours from a Friday
   * 15:00 end on the next working day at 15:00 (Zhejiang's "callback within 1 day"),
   * and a start on a day off counts from the next working day's midnight.
   *
   * @throws RangeError for a non-positive or non-integer count, an invalid start, or
   *   an end beyond {@link CALENDAR_RANGE}.
   */
  addWorkingHours(start: Date, hours: number): Date {
    if (!Number.isInteger(hours) || hours < 1)
      throw new RangeError(`Working hours must be a whole number >= 1: ${hours}`);
    let t = start.getTime();
    if (Number.isNaN(t)) throw new RangeError('Invalid Date');
    let left = hours * 3_600_000;
    let day = Math.floor((t + BEIJING_OFFSET_MS) / MS_PER_DAY) - FIRST_DAY;
    for (;;) {
      if (day < 0 || day >= SPAN)
        throw new RangeError(`${hours} working hours after ${start.toISOString()} is beyond the calendar`);
      const dayEnd = (day + FIRST_DAY + 1) * MS_PER_DAY - BEIJING_OFFSET_MS;
      if (this.#working[day] === 1) {
        const take = Math.min(left, dayEnd - t);
        left -= take;
        t += take;
        if (left === 0) return new Date(t);
      }
      t = dayEnd;
      day += 1;
    }
  }
}

/**
 * The naive day-by-day count, with the same meaning as
 * {@link WorkCalendar.workingDaysBetween}. Kept as the benchmark baseline and as an
 * independent oracle for property tests of the indexed version; do not use it in
 * request paths.
 */
export function dayByDayWorkingDays(
  calendar: WorkCalendar,
  accepted: IsoDate,
  end: IsoDate,
  suspensions: readonly Suspension[] = [],
): number {
  let n = 0;
  for (let d = addCalendarDays(accepted, 1); d <= end; d = addCalendarDays(d, 1)) {
    if (!calendar.isWorkingDay(d)) continue;
    if (suspensions.some((s) => s.from <= d && (s.to === undefined || d <= s.to))) continue;
    n++;
  }
  return n;
}

/**
 * The naive day-by-day due date, with the same meaning as
 * {@link WorkCalendar.dueDate}; an oracle for property tests only.
 */
export function dayByDayDueDate(
  calendar: WorkCalendar,
  accepted: IsoDate,
  promisedDays: number,
  suspensions: readonly Suspension[] = [],
  asOf?: IsoDate,
): IsoDate {
  checkPromisedDays(promisedDays);
  let d = accepted;
  calendar.isWorkingDay(d);
  for (let n = 0; n < promisedDays; ) {
    d = addCalendarDays(d, 1);
    if (d > CALENDAR_RANGE.last) throw new RangeError(`Due date is beyond ${CALENDAR_RANGE.last}`);
    const held = suspensions.some((s) => {
      const openTo = asOf === undefined || asOf < s.from ? s.from : asOf;
      return s.from <= d && d <= (s.to ?? openTo);
    });
    if (!held && calendar.isWorkingDay(d)) n++;
  }
  return d;
}

/**
 * Problems with a case's suspensions, as sentences for an import report or a 400
 * response. Counting tolerates all of them (overlaps are merged, out-of-range days are
 * clipped), but each one usually means an upstream data error that would quietly
 * shorten the reported time, so the caller decides whether to reject.
 *
 * @param accepted Beijing acceptance date.
 * @param completed Beijing completion date, when the case is completed.
 * @returns An empty list when the suspensions are consistent.
 */
export function validateSuspensions(
  suspensions: readonly Suspension[],
  accepted: IsoDate,
  completed?: IsoDate,
): string[] {
  const problems: string[] = [];
  const label = (i: number, s: Suspension): string =>
    `suspension ${i + 1} (${s.from} to ${s.to === undefined ? 'still open' : s.to})`;
  const usable: { i: number; from: string; to: string | undefined }[] = [];
  suspensions.forEach((s, i) => {
    if (!isIsoDate(s.from) || (s.to !== undefined && !isIsoDate(s.to))) {
      problems.push(`${label(i, s)}: dates must be YYYY-MM-DD`);
      return;
    }
    if (s.to !== undefined && s.to < s.from) problems.push(`${label(i, s)}: ends before it starts`);
    if (s.from < accepted)
      problems.push(`${label(i, s)}: starts before the case was accepted on ${accepted}`);
    if (completed !== undefined) {
      if (s.to === undefined) problems.push(`${label(i, s)}: still open on a case completed on ${completed}`);
      if (s.from > completed)
        problems.push(`${label(i, s)}: starts after the case was completed on ${completed}`);
      else if (s.to !== undefined && s.to > completed) {
        problems.push(`${label(i, s)}: ends after the case was completed on ${completed}`);
      }
    }
    usable.push({ i, from: s.from, to: s.to });
  });
  for (let x = 0; x < usable.length; x++) {
    for (let y = x + 1; y < usable.length; y++) {
      const p = usable[x]!;
      const q = usable[y]!;
      const pEndsBeforeQ = p.to !== undefined && p.to < q.from;
      const qEndsBeforeP = q.to !== undefined && q.to < p.from;
      if (!pEndsBeforeQ && !qEndsBeforeP) problems.push(`suspensions ${p.i + 1} and ${q.i + 1} overlap`);
    }
  }
  return problems;
}

let defaultInstance: WorkCalendar | undefined;

/**
 * The calendar built from the bundled official schedules (2019–2026), built on first
 * use so cold starts that never count days do not pay for the index. Code that must
 * honour a year the office loaded later should use that calendar instead (see
 * {@link WorkCalendar.withYear}).
 */
export function defaultCalendar(): WorkCalendar {
  defaultInstance ??= WorkCalendar.fromYears(bundledYears());
  return defaultInstance;
}

/**
 * The bundled official schedules, with their provenance, for `/healthz` and for an
 * office that wants to start from them.
 */
export function bundledYears(): HolidayYear[] {
  return data.years.map(copyYear);
}

/** Where the bundled schedules come from and under which licence (holiday-cn, MIT). */
export const bundledSource: { source: string; licence: string } = {
  source: data.source,
  licence: data.licence,
};
