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
import { issueApiKey, listApiKeys, revokeApiKey } from '../../usecases/critiques/api-keys.js';
import { trackingCodeOf } from '../../usecases/critiques/change.js';
import {
  critiqueAuditTrail,
  critiqueForStaff,
  critiqueForStaffView,
  listCritiquesForStaff,
} from '../../usecases/critiques/staff.js';
import { actOnCritique, CRITIQUE_ACTION_ROLES as ROLES } from '../../usecases/critiques/staff-actions.js';
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
    const code = trackingCodeOf(c.req.param('code'));
    return c.json({ items: await critiqueAuditTrail(platform(), principalOf(c), code) });
  })
  .post('/staff/critiques/:code/accept', requireStaff(...ROLES.accept), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'accept', {}));
  })
  .post('/staff/critiques/:code/reject', requireStaff(...ROLES.reject), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'reject', await jsonBody(c, reasonBody)));
  })
  .post('/staff/critiques/:code/duplicate', requireStaff(...ROLES.duplicate), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'duplicate', await jsonBody(c, duplicateBody)));
  })
  .post('/staff/critiques/:code/route', requireStaff(...ROLES.route), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'route', await jsonBody(c, routeBody)));
  })
  .post('/staff/critiques/:code/reply', requireStaff(...ROLES.reply), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'reply', await jsonBody(c, textBody)));
  })
  .post('/staff/critiques/:code/rectify', requireStaff(...ROLES.rectify), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'rectify', await jsonBody(c, textBody)));
  })
  .post('/staff/critiques/:code/hand-back', requireStaff(...ROLES['hand-back']), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'hand-back', await jsonBody(c, reasonBody)));
  })
  .post('/staff/critiques/:code/award', requireStaff(...ROLES.award), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'award', await jsonBody(c, citationBody)), 201);
  })
  .delete('/staff/critiques/:code/award', requireStaff(...ROLES['revoke-award']), async (c) => {
    const { who, code } = await target(c);
    return c.json(await actOnCritique(platform(), who, code, 'revoke-award', {}));
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
