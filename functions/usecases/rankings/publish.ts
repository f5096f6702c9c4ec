/**
 * Publishing and discarding drafts. A published ranking is immutable: publishing it
 * again, publishing an older version over a newer one, or discarding it is a 409 and
 * changes nothing; a correction is a new draft version.
 */

import { beijingDate } from '../../domain/calendar/index.js';
import type { Principal } from '../../domain/identity.js';
import type { Ranking } from '../../domain/rankings/ranking.js';
import { conflict, notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { parseScopePeriod } from './compute.js';

export async function publishRanking(
  p: Platform,
  who: Principal,
  scopeId: string,
  periodId: string,
  version: number,
): Promise<Ranking> {
  const { scope, period } = parseScopePeriod(scopeId, periodId);
  const header = await p.rankings.getHeader(scope, period.id, version);
  if (!header) throw notFound(`No version ${version} of the ${scope} ranking for ${period.id}.`);
  if (header.status === 'published')
    throw conflict(`Version ${version} is already published; a published ranking cannot change.`);
  if (header.status !== 'draft') throw conflict(`Version ${version} is still being computed.`);
  const now = p.clock.now();
  if (beijingDate(now) <= period.lastDay)
    throw conflict(`The period ${period.id} ends on ${period.lastDay}; publish it after that.`);
  const at = now.toISOString();
  const outcome = await p.rankings.publishVersion(scope, period.kind, period.id, version, at, who.subject);
  if (outcome === 'not_found')
    throw notFound(`No version ${version} of the ${scope} ranking for ${period.id}.`);
  if (outcome === 'already_published')
    throw conflict(`Version ${version} is already published; a published ranking cannot change.`);
  if (outcome === 'not_ready') throw conflict(`Version ${version} is not a draft.`);
  if (outcome === 'superseded')
    throw conflict(`A later version of the ${scope} ranking for ${period.id} is already published.`);
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'rankings.publish',
    target: `ranking:${scope}:${period.id}`,
    at,
    before: { version, status: 'draft' },
    after: { version, status: 'published', supersedes: header.supersedes, changes: header.changes },
  });
  return (await p.rankings.getRanking(scope, period.id, version))!;
}

export async function discardRanking(
  p: Platform,
  who: Principal,
  scopeId: string,
  periodId: string,
  version: number,
): Promise<void> {
  const { scope, period } = parseScopePeriod(scopeId, periodId);
  const header = await p.rankings.getHeader(scope, period.id, version);
  if (!header) throw notFound(`No version ${version} of the ${scope} ranking for ${period.id}.`);
  if (header.status === 'published')
    throw conflict(`Version ${version} is published and cannot be discarded.`);
  if (!(await p.rankings.discardDraft(scope, period.id, version)))
    throw conflict(`Version ${version} could not be discarded (it was published or removed meanwhile).`);
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'rankings.draft.discard',
    target: `ranking:${scope}:${period.id}`,
    at: p.clock.now().toISOString(),
    before: { version, status: header.status },
  });
}
