/**
 * Staff work on critiques under `/api/v1/staff/critiques`: the office triages and
 * grants awards; the assigned department (or the office) answers, reports what
 * changed, or hands a misrouted critique back; inspectors read. Department staff see
 * and touch only critiques assigned to their department (403). The order of checks is
 * the contract's: token (401), role (403), the critique and its department (404/403),
 * then the body (400). The office also issues and revokes Open311 api_keys here.
 */
import { type Context, Hono } from 'hono';
import type { Principal } from '../../domain/identity.js';
import { idSchema, parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { auditOf } from '../../store/audit.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../usecases/critiques/api-keys.js';
import { grantCritiqueAward, revokeCritiqueAward } from '../../usecases/critiques/awards.js';
import { trackingCodeOf } from '../../usecases/critiques/change.js';
import {
  acceptCritique,
  critiqueForStaff,
  critiqueForStaffView,
  handBackCritique,
  listCritiquesForStaff,
  markDuplicateCritique,
  rectifyCritique,
  rejectCritique,
  replyToCritique,
  routeCritique,
} from '../../usecases/critiques/staff.js';
import { type AuthEnv, principalOf, requireStaff } from '../auth.js';
import { jsonBody, queryOf } from '../validation.js';
import {
  apiKeyBody,
  citationBody,
  duplicateBody,
  reasonBody,
  routeBody,
  staffListQuery,
  textBody,
} from './critiques-schemas.js';

/** The tracking code in the path, checked to exist and to be visible to the caller. */
async function target(c: Context<AuthEnv>): Promise<{ who: Principal; code: string }> {
  const who = principalOf(c);
  const code = trackingCodeOf(c.req.param('code') ?? '');
  await critiqueForStaff(platform(), who, code);
  return { who, code };
}

export const critiquesStaffRoutes = new Hono<AuthEnv>()
  .get('/staff/critiques', requireStaff('office', 'inspector', 'department'), async (c) => {
    const q = queryOf(c, staffListQuery);
    return c.json(
      await listCritiquesForStaff(platform(), principalOf(c), { ...q, limit: Number(q.limit ?? 50) }),
    );
  })
  .get('/staff/critiques/:code', requireStaff('office', 'inspector', 'department'), async (c) => {
    const who = principalOf(c);
    return c.json(await critiqueForStaffView(platform(), who, trackingCodeOf(c.req.param('code'))));
  })
  .get('/staff/critiques/:code/audit', requireStaff('office', 'inspector'), async (c) => {
    const { code } = await target(c);
    return c.json({ items: await auditOf(platform().store, `critique:${code}`) });
  })
  .post('/staff/critiques/:code/accept', requireStaff('office'), async (c) => {
    const { who, code } = await target(c);
    return c.json(await acceptCritique(platform(), who, code));
  })
  .post('/staff/critiques/:code/reject', requireStaff('office'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, reasonBody);
    return c.json(await rejectCritique(platform(), who, code, body.reason));
  })
  .post('/staff/critiques/:code/duplicate', requireStaff('office'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, duplicateBody);
    return c.json(await markDuplicateCritique(platform(), who, code, trackingCodeOf(body.duplicateOf)));
  })
  .post('/staff/critiques/:code/route', requireStaff('office'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, routeBody);
    return c.json(await routeCritique(platform(), who, code, body.departmentId, body.replyDays));
  })
  .post('/staff/critiques/:code/reply', requireStaff('office', 'department'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, textBody);
    return c.json(await replyToCritique(platform(), who, code, body.text));
  })
  .post('/staff/critiques/:code/rectify', requireStaff('office', 'department'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, textBody);
    return c.json(await rectifyCritique(platform(), who, code, body.text));
  })
  .post('/staff/critiques/:code/hand-back', requireStaff('department'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, reasonBody);
    return c.json(await handBackCritique(platform(), who, code, body.reason));
  })
  .post('/staff/critiques/:code/award', requireStaff('office'), async (c) => {
    const { who, code } = await target(c);
    const body = await jsonBody(c, citationBody);
    return c.json(await grantCritiqueAward(platform(), who, code, body.citation), 201);
  })
  .delete('/staff/critiques/:code/award', requireStaff('office'), async (c) => {
    const { who, code } = await target(c);
    return c.json(await revokeCritiqueAward(platform(), who, code));
  })
  .get('/staff/open311-keys', requireStaff('office'), async (c) =>
    c.json({ items: await listApiKeys(platform()) }),
  )
  .post('/staff/open311-keys', requireStaff('office'), async (c) => {
    const body = await jsonBody(c, apiKeyBody);
    return c.json(await issueApiKey(platform(), principalOf(c), body.name), 201);
  })
  .delete('/staff/open311-keys/:id', requireStaff('office'), async (c) => {
    const id = parseWith(idSchema, c.req.param('id'), 'key id');
    return c.json(await revokeApiKey(platform(), principalOf(c), id));
  });
