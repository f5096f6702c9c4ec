/**
 * The next year's official schedule is published in late autumn; if it is still not
 * loaded within 60 days of the new year, dates in it are only provisional and the
 * office must be told.
 */
import { beijingDate } from './calendar/index.js';

export const NEXT_YEAR_WARNING_DAYS = 60;

export function calendarWarnings(loadedYears: readonly number[], now: Date): string[] {
  const today = beijingDate(now);
  const year = Number(today.slice(0, 4));
  const warnings: string[] = [];
  if (!loadedYears.includes(year)) {
    warnings.push(`The official calendar for ${year} is not loaded: working days this year are provisional.`);
  }
  const nextYearStart = Date.parse(`${year + 1}-01-01T00:00:00+08:00`);
  const daysLeft = (nextYearStart - now.getTime()) / 86_400_000;
  if (daysLeft <= NEXT_YEAR_WARNING_DAYS && !loadedYears.includes(year + 1)) {
    warnings.push(
      `The official calendar for ${year + 1} is not loaded and the year starts in ${Math.ceil(daysLeft)} days: load it (PUT /api/v1/calendar/${year + 1}).`,
    );
  }
  return warnings;
}
