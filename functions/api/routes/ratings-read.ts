/**
 * Public satisfaction figures (services, departments with their windows; JSON or CSV)
 * and a rater's own view of their case's rating (with the rating token as `t`). In
 * public, figures on fewer than 10 ratings are null with `tooFew: true`.
 */
import { type Context, Hono } from 'hono';
import type { SatisfactionPoint } from '../../domain/ratings/satisfaction.js';
import { notFound } from '../../domain/refusal.js';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { raterStanding } from '../../usecases/ratings/rater.js';
import { departmentSatisfaction, serviceSatisfaction } from '../../usecases/ratings/satisfaction.js';
import { raterView } from '../../usecases/ratings/views.js';
import { csvResponse, wantsCsv } from '../csv.js';
import { monthRange } from './month-range.js';

export const ratingsReadRoutes = new Hono()
  .get('/services/:code/satisfaction', async (c) => {
    const code = parseWith(idSchema, c.req.param('code'), 'service code');
    const p = platform();
    const { from, to } = monthRange(c, p.clock.now());
    const s = await serviceSatisfaction(p, code, from, to, 'public');
    if (wantsCsv(c)) return satisfactionCsv(c, `satisfaction-${code}-${from}-${to}.csv`, s.series);
    return c.json({ service: s.service, from, to, series: s.series, summary: s.summary });
  })
  .get('/departments/:id/satisfaction', async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'department id');
    const p = platform();
    const { from, to } = monthRange(c, p.clock.now());
    const d = await departmentSatisfaction(p, id, from, to, 'public');
    if (wantsCsv(c)) return satisfactionCsv(c, `satisfaction-dept-${id}-${from}-${to}.csv`, d.series);
    return c.json({
      department: d.department,
      from,
      to,
      series: d.series,
      summary: d.summary,
      windows: d.windows,
    });
  })
  .get('/ratings/:caseId', async (c) => {
    const standing = await raterStanding(platform(), c.req.param('caseId'), c.req.query('t'));
    if (!standing.rating) throw notFound(`Case ${standing.caseId} has not been rated yet.`);
    return c.json(raterView(standing.rating));
  });

function satisfactionCsv(c: Context, filename: string, series: SatisfactionPoint[]): Response {
  return csvResponse(
    c,
    filename,
    [
      'month',
      'ratings',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
      'goodRate',
      'badRate',
      'satisfactionScore',
      'coverage',
      'callbackRate',
      'rectificationOnTimeRate',
      'tooFew',
    ],
    series.map((s) => [
      s.month,
      s.ratings,
      s.distribution['1'],
      s.distribution['2'],
      s.distribution['3'],
      s.distribution['4'],
      s.distribution['5'],
      s.goodRate,
      s.badRate,
      s.satisfactionScore,
      s.coverage,
      s.callbackRate,
      s.rectificationOnTimeRate,
      s.tooFew,
    ]),
  );
}
