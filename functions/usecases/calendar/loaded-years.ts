/**
 * Which official calendar years the platform has (the bundled ones and those loaded at
 * run time): the staff landing page warns when this year's or next year's is missing,
 * as /healthz does.
 */
import type { Platform } from '../../platform.js';

/** The years of the official working-day calendar in force, ascending as the calendar lists them. */
export async function loadedCalendarYears(p: Platform): Promise<number[]> {
  return (await p.calendar.calendar()).loadedYears();
}
