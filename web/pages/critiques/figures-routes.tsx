/**
 * What the find-fault window adds up to, in public: the figures per department over the
 * last 12 months `/critiques/stats`, and the hall of fame of Woodpecker awards with the
 * nickname leaderboard `/hall-of-fame`.
 */
import type { Hono } from 'hono';
import { beijingDate } from '../../../functions/domain/calendar/index.js';
import { addMonths } from '../../../functions/domain/months.js';
import { platform } from '../../../functions/platform.js';
import { hallOfFame, leaderboard } from '../../../functions/usecases/critiques/awards.js';
import { critiqueStatsByDepartment } from '../../../functions/usecases/critiques/stats.js';
import { html, pageContext } from '../../render.js';
import { HallOfFamePage } from './HallOfFamePage.js';
import { StatsPage } from './StatsPage.js';

export function registerStatsPage(app: Hono): void {
  app.get('/critiques/stats', async (c) => {
    const p = platform();
    const to = beijingDate(p.clock.now()).slice(0, 7);
    const stats = await critiqueStatsByDepartment(p, addMonths(to, -11), to);
    return html(c, <StatsPage ctx={await pageContext(c)} {...stats} />);
  });
}

export function registerHallOfFame(app: Hono): void {
  app.get('/hall-of-fame', async (c) => {
    const p = platform();
    const [awards, leaders] = await Promise.all([hallOfFame(p, { limit: 50 }), leaderboard(p, 50)]);
    return html(c, <HallOfFamePage ctx={await pageContext(c)} awards={awards.items} leaders={leaders} />);
  });
}
