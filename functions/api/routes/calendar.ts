/**
 * The office loads a new year's official schedule (the holiday-cn file as published,
 * extra fields such as `$schema` or `papers` ignored), and open cases are then
 * recomputed.
 */
import { Hono } from 'hono';
import { defaultCalendar } from '../../domain/calendar/index.js';
import { invalid } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { recomputeOpenCases } from '../../usecases/recompute-open-cases.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody } from '../validation.js';
import { calendarYearParam, yearSchema } from './catalogue-schemas.js';

export const calendarStaffRoutes = new Hono<AuthEnv>().put(
  '/calendar/:year',
  requireStaff('office'),
  async (c) => {
    const year = parseWith(calendarYearParam, c.req.param('year'), 'year');
    const body = await jsonBody(c, yearSchema);
    const wrong = body.days.filter((d) => !d.date.startsWith(`${year}-`));
    if (wrong.length)
      throw invalid(
        `Dates outside ${year}: ${wrong
          .slice(0, 3)
          .map((d) => d.date)
          .join(', ')}`,
      );
    if (body.year !== undefined && body.year !== Number(year))
      throw invalid('year in the body does not match the path.');
    const schedule = { year: Number(year), days: body.days };
    try {
      defaultCalendar().withYear(schedule);
    } catch (err) {
      throw invalid(`The schedule is not valid: ${(err as Error).message}`);
    }
    const p = platform();
    await p.calendar.putYear(schedule);
    const recomputed = await recomputeOpenCases(p);
    const who = principalOf(c);
    await p.audit.recordAudit({
      actor: who.subject,
      roles: [...who.roles],
      action: 'calendar.load',
      target: `calendar:${year}`,
      after: { days: body.days.length, recomputed },
    });
    return c.json({ year: Number(year), days: body.days.length, recomputedOpenCases: recomputed });
  },
);
