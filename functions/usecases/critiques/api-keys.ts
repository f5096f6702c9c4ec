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

/** The Open311 keys (rating-channel keys share the store and are listed with ratings). */
export async function listApiKeys(p: Platform) {
  return (await p.apiKeys.list()).filter((k) => !k.scope);
}

/** The live Open311 key a partner presented (checked against its stored hash), or undefined. */
export async function verifyApiKey(p: Platform, apiKey: string) {
  const key = await p.apiKeys.verify(apiKey);
  return key && !key.scope ? key : undefined;
}

export function revokeApiKey(p: Platform, who: Principal, id: string) {
  return revokeIssuedKey(p, who, id, 'open311Key');
}

/**
 * Revoke a live key of one kind (`open311Key` unscoped, `ratingKey` scoped), audited
 * under that kind: the one revocation of the one key mechanism, so the kinds cannot
 * revoke each other's keys.
 */
export async function revokeIssuedKey(
  p: Platform,
  who: Principal,
  id: string,
  kind: 'open311Key' | 'ratingKey',
) {
  const label = kind === 'open311Key' ? 'api_key' : 'rating key';
  // The page passes the path segment as it came; what is not an id names no key (and an
  // over-long one must not reach DynamoDB, which refuses it with a 5xx).
  if (!isId(id)) throw notFound(`No live ${label} ${id.slice(0, 64)}.`);
  const store = p.apiKeys;
  const before = await store.get(id);
  if (!before || before.revokedAt || (kind === 'ratingKey') !== Boolean(before.scope))
    throw notFound(`No live ${label} ${id}.`);
  const at = p.clock.now().toISOString();
  if (!(await store.revoke(id, at))) throw notFound(`No live ${label} ${id}.`);
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: `${kind}.revoke`,
    target: `${kind}:${id}`,
    at,
    before,
    after: { ...before, revokedAt: at },
  });
  return { ...before, revokedAt: at };
}
