/**
 * The staff banner about the official calendar, in the page's language: the same
 * checks as `calendarWarnings` (which /healthz reports in English), worded for people.
 */
import { beijingDate } from '../functions/domain/calendar/index.js';
import { NEXT_YEAR_WARNING_DAYS } from '../functions/domain/calendar-health.js';
import { type Lang, tf } from './i18n.js';

export function calendarBanners(lang: Lang, loadedYears: readonly number[], now: Date): string[] {
  const year = Number(beijingDate(now).slice(0, 4));
  const banners: string[] = [];
  if (!loadedYears.includes(year)) banners.push(tf(lang, 'calThisYearMissing', { year }));
  const daysLeft = (Date.parse(`${year + 1}-01-01T00:00:00+08:00`) - now.getTime()) / 86_400_000;
  if (daysLeft <= NEXT_YEAR_WARNING_DAYS && !loadedYears.includes(year + 1)) {
    banners.push(tf(lang, 'calNextYearMissing', { year: year + 1, days: Math.ceil(daysLeft) }));
  }
  return banners;
}
