/**
 * Public reads of the find-fault window: the board (filters by status, department,
 * service, category; paginated by key), a critique by tracking code, the hall of fame,
 * the nickname leaderboard and critique figures per department. No login.
 */
import { Hono } from 'hono';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { hallOfFame, leaderboard } from '../../usecases/critiques/awards.js';
import { trackingCodeOf } from '../../usecases/critiques/change.js';
import { critiqueBoard, publicCritiqueByCode } from '../../usecases/critiques/public.js';
import { critiqueStatsByDepartment, departmentCritiqueStats } from '../../usecases/critiques/stats.js';
import { queryOf } from '../validation.js';
import { boardQuery, pageQuery } from './critiques-schemas.js';
import { monthRange } from './month-range.js';

export const critiquesPublicRoutes = new Hono()
  .get('/critiques', async (c) => {
    const q = queryOf(c, boardQuery);
    const { itemsRead: _read, ...page } = await critiqueBoard(platform(), {
      ...q,
      limit: Number(q.limit ?? 20),
    });
    return c.json(page);
  })
  .get('/critiques/awards', async (c) => {
    const q = queryOf(c, pageQuery);
    return c.json(await hallOfFame(platform(), { limit: Number(q.limit ?? 50), cursor: q.cursor }));
  })
  .get('/critiques/leaderboard', async (c) => {
    const q = queryOf(c, pageQuery);
    return c.json({ items: await leaderboard(platform(), Number(q.limit ?? 50)) });
  })
  .get('/critiques/stats', async (c) => {
    const p = platform();
    const { from, to } = monthRange(c, p.clock.now());
    return c.json(await critiqueStatsByDepartment(p, from, to));
  })
  .get('/critiques/:code', async (c) => {
    return c.json(await publicCritiqueByCode(platform(), trackingCodeOf(c.req.param('code'))));
  })
  .get('/departments/:id/critique-stats', async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'department id');
    const p = platform();
    return c.json(await departmentCritiqueStats(p, id, () => monthRange(c, p.clock.now())));
  });
