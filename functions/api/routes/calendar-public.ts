/**
 * Which official calendar years are loaded (public). Kept apart from the office's
 * upload route so the public-read bundle carries no token verification.
 */
import { Hono } from 'hono';
import { platform } from '../../platform.js';

export const calendarPublicRoutes = new Hono().get('/calendar', async (c) => {
  const calendar = await platform().calendar.calendar();
  return c.json({ loadedYears: calendar.loadedYears() });
});
