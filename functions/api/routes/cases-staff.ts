/**
 * Case feeds from upstream systems, and a case's current standing for staff.
 */
import { Hono } from 'hono';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { caseForStaff } from '../../usecases/case-view.js';
import { ingestCaseBatch } from '../../usecases/ingest-cases.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody } from '../validation.js';
import { batchBody } from './catalogue-schemas.js';

export const casesStaffRoutes = new Hono<AuthEnv>()
  .post('/cases:batch', requireStaff('office', 'system', 'department'), async (c) => {
    const body = await jsonBody(c, batchBody);
    const { results, counts } = await ingestCaseBatch(platform(), principalOf(c), body.cases);
    return c.json({ results, counts });
  })
  .get('/cases/:caseId', requireStaff('office', 'inspector', 'department'), async (c) => {
    const caseId = parseWith(idSchema, c.req.param('caseId'), 'case id');
    return c.json(await caseForStaff(platform(), principalOf(c), caseId));
  });
