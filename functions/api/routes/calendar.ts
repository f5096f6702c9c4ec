/**
 * The office loads a new year's official schedule (the holiday-cn file as published,
 * extra fields such as `$schema` or `papers` ignored), and open cases are then
 * recomputed.
 */
import { Hono } from 'hono';
import { parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { loadCalendarYear } from '../../usecases/calendar/load-year.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody } from '../validation.js';
import { calendarYearParam, yearSchema } from './catalogue-schemas.js';

export const calendarStaffRoutes = new Hono<AuthEnv>().put(
  '/calendar/:year',
  requireStaff('office'),
  async (c) => {
    const year = parseWith(calendarYearParam, c.req.param('year'), 'year');
    const body = await jsonBody(c, yearSchema);
    return c.json(await loadCalendarYear(platform(), principalOf(c), Number(year), body));
  },
);
