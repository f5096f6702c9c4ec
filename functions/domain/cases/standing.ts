/**
 * Where a case stands on a given day — the one owner of the traffic-light rules of
 * docs/domain.md: green up to 80% of the promised limit, yellow above it, red past the
 * promise, serious past the statutory limit. Ingest, the sweeper and the calendar
 * reload (the stored colour and next colour change), the warnings board, the case view
 * and the supervision report (elapsed days, days over, overdue) all ask here, so a
 * threshold changes in one place.
 */
import type { IsoDate, Suspension, WorkCalendar } from '../calendar/index.js';

/** What the standing of a case is computed from (the fields of a `CaseRecord`). */
export interface CaseClock {
  acceptedDate: IsoDate;
  completedDate?: IsoDate | undefined;
  suspensions: Suspension[];
  promisedDays: number;
  statutoryDays: number;
  provisional: boolean;
  status: 'open' | 'suspended' | 'completed';
}

/** Every traffic-light colour, mildest first. */
export const WARNING_LEVELS = ['green', 'yellow', 'red', 'serious'] as const;
/** Traffic-light state of a case against its limits, as shown to staff and inspectors. */
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** The colours that put an open case on the warnings board. */
export const BOARD_LEVELS = ['yellow', 'red', 'serious'] as const;
export type BoardLevel = (typeof BOARD_LEVELS)[number];

/** Severity rank of each colour, for ordering (serious first when sorted descending). */
export const WARNING_SEVERITY: Readonly<Record<WarningLevel, number>> = {
  green: 0,
  yellow: 1,
  red: 2,
  serious: 3,
};

/**
 * The working day count from which each warning colour holds: yellow once more than 80%
 * of the promised limit is used, red past the promise, serious past the statutory
 * limit. In integers, so 80% of e.g. 15 days is not subject to floating-point rounding.
 */
export function warningThresholds(promisedDays: number, statutoryDays: number): Record<BoardLevel, number> {
  return {
    yellow: Math.floor((promisedDays * 4) / 5) + 1,
    red: promisedDays + 1,
    serious: statutoryDays + 1,
  };
}

/** Traffic light for the working days elapsed so far. */
export function warningLevel(
  elapsedWorkingDays: number,
  promisedDays: number,
  statutoryDays: number,
): WarningLevel {
  const from = warningThresholds(promisedDays, statutoryDays);
  if (elapsedWorkingDays >= from.serious) return 'serious';
  if (elapsedWorkingDays >= from.red) return 'red';
  if (elapsedWorkingDays >= from.yellow) return 'yellow';
  return 'green';
}

/** Whether a colour puts a case on the warnings board (anything but green). */
export function isWarned(level: WarningLevel): level is BoardLevel {
  return level !== 'green';
}

/** A completed case was on time when it took no more working days than promised. */
export function completedOnTime(workingDays: number, promisedDays: number): boolean {
  return workingDays <= promisedDays;
}

/** Whether a colour means the case ran past its promised limit (red or serious). */
export function isOverdue(level: WarningLevel): boolean {
  return level === 'red' || level === 'serious';
}

export interface CaseProgress {
  /** Working days counted so far (or in total, once completed). */
  elapsedDays: number;
  warning: WarningLevel;
  /** Working days past the promised limit (0 while within it). */
  daysOver: number;
  provisional: boolean;
}

/** Where a case stands on `today` (Beijing date): elapsed days, colour and days over. */
export function progressOf(
  record: Omit<CaseClock, 'status'>,
  today: IsoDate,
  cal: WorkCalendar,
): CaseProgress {
  const end = record.completedDate ?? today;
  const elapsedDays = cal.workingDaysBetween(record.acceptedDate, end, record.suspensions);
  return {
    elapsedDays,
    warning: warningLevel(elapsedDays, record.promisedDays, record.statutoryDays),
    daysOver: Math.max(0, elapsedDays - record.promisedDays),
    provisional: record.provisional || cal.provisionalBetween(record.acceptedDate, end),
  };
}

/**
 * The next Beijing date after `today` on which an open case's warning colour changes
 * (yellow, red, serious thresholds), or undefined when nothing more can change. The
 * sparse open-items index is sorted by this date, so the sweeper reads only the cases
 * that change colour today, never every open case.
 */
export function nextWarningChange(
  record: Pick<CaseClock, 'acceptedDate' | 'suspensions' | 'promisedDays' | 'statutoryDays'>,
  today: IsoDate,
  cal: WorkCalendar,
): IsoDate | undefined {
  const from = warningThresholds(record.promisedDays, record.statutoryDays);
  for (const level of BOARD_LEVELS) {
    const date = cal.dueDate(record.acceptedDate, from[level], record.suspensions, today);
    if (date > today) return date;
  }
  return undefined;
}

/** Where an open case stands today, as kept on its item for the sweeper and the board. */
export interface CaseStanding {
  warning: WarningLevel;
  /** Next date its colour changes; undefined when none will (or the case is completed). */
  nextCheck: IsoDate | undefined;
}

/** A case's stored standing on `today`. Shared by ingest, the sweeper and the calendar reload. */
export function standingOf(record: CaseClock, today: IsoDate, calendar: WorkCalendar): CaseStanding {
  const progress = progressOf(record, today, calendar);
  return {
    warning: progress.warning,
    nextCheck: record.status === 'completed' ? undefined : nextWarningChange(record, today, calendar),
  };
}
