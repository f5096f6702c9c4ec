/**
 * The office loads a year's official schedule (the holiday-cn file as published): it is
 * checked against the path's year and against the bundled calendar, stored, every open
 * case is derived again with it, and the load lands in the audit trail.
 */
import { defaultCalendar, type HolidayYear } from '../../domain/calendar/index.js';
import type { Principal } from '../../domain/identity.js';
import { invalid } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { recomputeOpenCases } from '../recompute-open-cases.js';

/**
 * Load `year`'s schedule: 400 for a day outside the year, a body `year` that is not the
 * path's, or a schedule the calendar refuses; answers how many open cases changed.
 */
export async function loadCalendarYear(
  p: Platform,
  who: Principal,
  year: number,
  body: { year?: number | undefined; days: HolidayYear['days'] },
): Promise<{ year: number; days: number; recomputedOpenCases: number }> {
  const wrong = body.days.filter((d) => !d.date.startsWith(`${year}-`));
  if (wrong.length)
    throw invalid(
      `Dates outside ${year}: ${wrong
        .slice(0, 3)
        .map((d) => d.date)
        .join(', ')}`,
    );
  if (body.year !== undefined && body.year !== year)
    throw invalid('year in the body does not match the path.');
  const schedule = { year, days: body.days };
  try {
    defaultCalendar().withYear(schedule);
  } catch (err) {
    throw invalid(`The schedule is not valid: ${(err as Error).message}`);
  }
  await p.calendar.putYear(schedule);
  const recomputed = await recomputeOpenCases(p);
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'calendar.load',
    target: `calendar:${year}`,
    after: { days: body.days.length, recomputed },
  });
  return { year, days: body.days.length, recomputedOpenCases: recomputed };
}
