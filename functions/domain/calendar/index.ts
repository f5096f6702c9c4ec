/**
 * The working-day calendar: Beijing dates, the official schedule and the counting
 * rules of docs/domain.md "Working days". Import from here, not from the files inside.
 *
 * @module
 */

export type { HolidayYear, IsoDate, Suspension } from './calendar.js';
export {
  addCalendarDays,
  beijingDate,
  bundledSource,
  bundledYears,
  CALENDAR_RANGE,
  dayByDayDueDate,
  dayByDayWorkingDays,
  defaultCalendar,
  isIsoDate,
  lastDayOfMonth,
  monthOf,
  validateSuspensions,
  WorkCalendar,
} from './calendar.js';
