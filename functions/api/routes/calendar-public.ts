/**
 * Which official calendar years are loaded (public). Kept apart from the office's
 * upload route so the public-read bundle carries no token verification.
 */
import { Hono } from 'hono';
import { platform } from '../../platform.js';
import { loadedCalendarYears } from '../../usecases/calendar/loaded-years.js';

export const calendarPublicRoutes = new Hono().get('/calendar', async (c) => {
  return c.json({ loadedYears: await loadedCalendarYears(platform()) });
});
