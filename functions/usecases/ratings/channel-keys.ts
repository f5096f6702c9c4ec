/**
 * Rating-channel keys: the office issues a key to the hotline/IVR, a partner system, a
 * self-service terminal or a window rating device (评价器), scoped to one department
 * and one rating channel — a device key also to a window and staff member, whom its
 * ratings are attributed to. The same key mechanism as the Open311 api_keys
 * (functions/store/critique-api-keys.ts): hashed secret, shown once, revocable, audited.
 */

import type { Principal } from '../../domain/identity.js';
import { invalid, notFound } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import type { ApiKeyRecord, ApiKeyScope } from '../../store/critique-api-keys.js';
import { revokeIssuedKey } from '../critiques/api-keys.js';
import { type ChannelKeyBody, channelKeyBodySchema, type KeyedChannel } from './channel-schemas.js';

/** A live rating-channel key: the record with its scope. */
export type ChannelKey = ApiKeyRecord & { scope: ApiKeyScope & { ratingChannel: KeyedChannel } };

/** Issue a rating-channel key (office); the clear key is in the answer only. */
export async function issueChannelKey(p: Platform, who: Principal, payload: unknown) {
  const body: ChannelKeyBody = parseWith(channelKeyBodySchema, payload, 'rating key');
  const device = body.ratingChannel === 'window-device';
  if (device && (!body.windowId || !body.staffId))
    throw invalid('A window device key is bound to a window and a staff member.', {
      field: body.windowId ? 'staffId' : 'windowId',
    });
  if (!device && (body.windowId || body.staffId))
    throw invalid('Only a window device key is bound to a window and staff member.', {
      field: body.windowId ? 'windowId' : 'staffId',
    });
  if (!(await p.catalogue.getDepartment(body.departmentId)))
    throw invalid(`No department ${body.departmentId}.`, { field: 'departmentId' });
  if (device && !(await p.catalogue.listWindows(body.departmentId)).some((w) => w.id === body.windowId))
    throw invalid(`No window ${body.windowId} in department ${body.departmentId}.`, { field: 'windowId' });
  const createdAt = p.clock.now().toISOString();
  const scope: ApiKeyScope = {
    departmentId: body.departmentId,
    ratingChannel: body.ratingChannel,
    ...(device ? { windowId: body.windowId, staffId: body.staffId } : {}),
  };
  const issued = await p.apiKeys.issue({ name: body.name, createdAt, createdBy: who.subject, scope });
  const { apiKey: _secret, ...record } = issued;
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'ratingKey.issue',
    target: `ratingKey:${issued.id}`,
    at: createdAt,
    after: record,
  });
  return issued;
}

/** The rating-channel keys (never the keys themselves), newest first. */
export async function listChannelKeys(p: Platform): Promise<ApiKeyRecord[]> {
  return (await p.apiKeys.list()).filter((k) => k.scope);
}

export function revokeChannelKey(p: Platform, who: Principal, id: string) {
  return revokeIssuedKey(p, who, id, 'ratingKey');
}

/** The live rating-channel key presented, or undefined (malformed, unknown, revoked, an Open311 key). */
export async function verifyChannelKey(p: Platform, apiKey: string): Promise<ChannelKey | undefined> {
  const key = await p.apiKeys.verify(apiKey);
  return key?.scope ? (key as ChannelKey) : undefined;
}

export function requireChannelKey(key: ChannelKey | undefined): ChannelKey {
  if (!key) throw notFound('No live rating key.');
  return key;
}
