/**
 * `GET /healthz`: 200 while the API and its table answer (with warnings such as a
 * missing next-year calendar), 503 when the table does not.
 */
import { Hono } from 'hono';
import { platform } from '../../platform.js';
import { logger } from '../../shared/powertools.js';
import { healthOf } from '../../usecases/health.js';

export const healthRoutes = new Hono().get('/healthz', async (c) => {
  const health = await healthOf(platform());
  if (health.status === 'unavailable') {
    logger.warn('health check: table unreachable', { error: String(health.cause) });
    return c.json({ status: 'unavailable', warnings: ['The table is not reachable.'] }, 503);
  }
  return c.json({ status: health.status, warnings: health.warnings });
});
