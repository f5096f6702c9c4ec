/**
 * What `GET /healthz` reports: whether the table answers and, when it does, the
 * calendar warnings the office must act on (this year's or next year's official
 * schedule missing) — the same loaded years the staff landing page warns about.
 */
import { calendarWarnings } from '../domain/calendar-health.js';
import type { Platform } from '../platform.js';
import { loadedCalendarYears } from './calendar/loaded-years.js';

export type Health = { status: 'ok'; warnings: string[] } | { status: 'unavailable'; cause: unknown };

/** The table's one cheap read, then the calendar's years; a table that does not answer is `unavailable`. */
export async function healthOf(p: Platform): Promise<Health> {
  try {
    await p.health.ping();
  } catch (cause) {
    return { status: 'unavailable', cause };
  }
  return { status: 'ok', warnings: calendarWarnings(await loadedCalendarYears(p), p.clock.now()) };
}
