/**
 * `GET /healthz`: 200 while the API and its table answer (with warnings such as a
 * missing next-year calendar), 503 when the table does not.
 */
import { Hono } from 'hono';
import { calendarWarnings } from '../../domain/calendar-health.js';
import { platform } from '../../platform.js';
import { logger } from '../../shared/powertools.js';

export const healthRoutes = new Hono().get('/healthz', async (c) => {
  const p = platform();
  try {
    await p.health.ping();
  } catch (err) {
    logger.warn('health check: table unreachable', { error: String(err) });
    return c.json({ status: 'unavailable', warnings: ['The table is not reachable.'] }, 503);
  }
  const calendar = await p.calendar.calendar();
  return c.json({ status: 'ok', warnings: calendarWarnings(calendar.loadedYears(), p.clock.now()) });
});
