/**
 * Case feeds from upstream systems, and a case's current standing for staff.
 */
import { Hono } from 'hono';
import { beijingDate } from '../../domain/calendar/index.js';
import { progressOf } from '../../domain/cases/standing.js';
import { canSeeDepartment } from '../../domain/identity.js';
import { forbidden, notFound } from '../../domain/refusal.js';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { caseView } from '../../usecases/case-view.js';
import { ingestCases } from '../../usecases/ingest-cases.js';
import { inviteToRate } from '../../usecases/rating-invitations.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody } from '../validation.js';
import { batchBody } from './catalogue-schemas.js';

export const casesStaffRoutes = new Hono<AuthEnv>()
  .post('/cases:batch', requireStaff('office', 'system', 'department'), async (c) => {
    const body = await jsonBody(c, batchBody);
    const p = platform();
    const who = principalOf(c);
    const results = await ingestCases(p, who, body.cases, { onCompleted: inviteToRate });
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    await p.audit.recordAudit({
      actor: who.subject,
      roles: [...who.roles],
      action: 'cases.batch',
      target: `batch:${who.subject}`,
      after: counts,
    });
    return c.json({ results, counts });
  })
  .get('/cases/:caseId', requireStaff('office', 'inspector', 'department'), async (c) => {
    const caseId = parseWith(idSchema, c.req.param('caseId'), 'case id');
    const p = platform();
    const record = await p.cases.getCase(caseId);
    if (!record) throw notFound(`No case ${caseId}.`);
    if (!canSeeDepartment(principalOf(c), record.departmentId)) {
      throw forbidden('This case belongs to another department.');
    }
    const calendar = await p.calendar.calendar();
    const progress = progressOf(record, beijingDate(p.clock.now()), calendar);
    return c.json(caseView(record, progress));
  });
