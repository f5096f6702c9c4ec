/**
 * Open311 api_keys: the office issues one per partner app (the clear key is shown
 * once), lists them and revokes them; each write is audited. Partner POSTs present the
 * key, which is checked against its stored hash.
 */

import type { Principal } from '../../domain/identity.js';
import { notFound } from '../../domain/refusal.js';
import { isId } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';

export async function issueApiKey(p: Platform, who: Principal, name: string) {
  const createdAt = p.clock.now().toISOString();
  const issued = await p.apiKeys.issue({ name, createdAt, createdBy: who.subject });
  const { apiKey: _secret, ...record } = issued;
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'open311Key.issue',
    target: `open311Key:${issued.id}`,
    at: createdAt,
    after: record,
  });
  return issued;
}

export function listApiKeys(p: Platform) {
  return p.apiKeys.list();
}

/** The live key a partner presented (checked against its stored hash), or undefined. */
export function verifyApiKey(p: Platform, apiKey: string) {
  return p.apiKeys.verify(apiKey);
}

export async function revokeApiKey(p: Platform, who: Principal, id: string) {
  // The page passes the path segment as it came; what is not an id names no key (and an
  // over-long one must not reach DynamoDB, which refuses it with a 5xx).
  if (!isId(id)) throw notFound(`No live api_key ${id.slice(0, 64)}.`);
  const store = p.apiKeys;
  const before = await store.get(id);
  if (!before || before.revokedAt) throw notFound(`No live api_key ${id}.`);
  const at = p.clock.now().toISOString();
  if (!(await store.revoke(id, at))) throw notFound(`No live api_key ${id}.`);
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'open311Key.revoke',
    target: `open311Key:${id}`,
    at,
    before,
    after: { ...before, revokedAt: at },
  });
  return { ...before, revokedAt: at };
}
