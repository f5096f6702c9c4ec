/**
 * Ranking method versions: the shipped v1 is stored on first use; the office adds
 * versions through the API (validated, numbered, never edited); every draft and
 * published ranking names the version it used.
 */

import type { Principal } from '../../domain/identity.js';
import { DEFAULT_METHOD } from '../../domain/rankings/default-method.js';
import { methodProblems, type RankingMethod } from '../../domain/rankings/method.js';
import { invalid, notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { AGAIN, retrying } from '../../shared/retry.js';
import type { MethodBody } from './method-schema.js';

/** Store the shipped method v1 if no method exists yet (idempotent). */
export async function ensureDefaultMethod(p: Platform): Promise<void> {
  if (await p.rankings.getMethod(DEFAULT_METHOD.version)) return;
  await p.rankings.putMethod({
    ...DEFAULT_METHOD,
    createdAt: p.clock.now().toISOString(),
    createdBy: 'system',
  });
}

export async function allMethods(p: Platform): Promise<RankingMethod[]> {
  await ensureDefaultMethod(p);
  return p.rankings.listMethods();
}

export async function currentMethod(p: Platform): Promise<RankingMethod> {
  await ensureDefaultMethod(p);
  return (await p.rankings.latestMethod()) ?? DEFAULT_METHOD;
}

/** A method version, or a 404 naming it. */
export async function methodVersion(p: Platform, version: number): Promise<RankingMethod> {
  if (version === DEFAULT_METHOD.version) await ensureDefaultMethod(p);
  const method = await p.rankings.getMethod(version);
  if (!method) throw notFound(`No ranking method version ${version}.`);
  return method;
}

/** Create the next method version; 400 listing every problem when it does not validate. */
export async function createMethod(p: Platform, who: Principal, body: MethodBody): Promise<RankingMethod> {
  const problems = methodProblems(body);
  if (problems.length)
    throw invalid(`Invalid method: ${problems.slice(0, 5).join('; ')}`, {
      details: { issues: problems },
    });
  await ensureDefaultMethod(p);
  // A concurrent creation took the number: read the latest again and take the next.
  return retrying(
    async () => {
      const latest = await p.rankings.latestMethod();
      const method: RankingMethod = {
        ...body,
        version: (latest?.version ?? 0) + 1,
        createdAt: p.clock.now().toISOString(),
        createdBy: who.subject,
      };
      if (!(await p.rankings.putMethod(method))) return AGAIN;
      await p.audit.recordAudit({
        actor: who.subject,
        roles: [...who.roles],
        action: 'rankings.method.create',
        target: `rankingMethod:${method.version}`,
        at: method.createdAt,
        after: method,
      });
      return method;
    },
    {
      attempts: 5,
      exhausted: () => {
        throw new Error('Could not allocate a method version number.');
      },
    },
  );
}
