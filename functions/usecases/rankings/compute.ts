/**
 * Compute a ranking draft for a scope and period: read each unit's monthly counters
 * from the aggregates, score them with a method version, and store the draft with its
 * rows and inputs for the office to review. Nothing is published here.
 */

import { beijingDate } from '../../domain/calendar/index.js';
import type { Principal } from '../../domain/identity.js';
import { type RankingMethod, referencedCounters } from '../../domain/rankings/method.js';
import { isRankingScope, type Period, parsePeriod, type RankingScope } from '../../domain/rankings/period.js';
import type { Ranking, RankingHeader } from '../../domain/rankings/ranking.js';
import { type ScoredRanking, scoreUnits, type UnitInput } from '../../domain/rankings/scoring.js';
import { invalid, isRefusal } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { currentMethod, methodVersion } from './methods.js';
import { readUnitInputs, unitsOf } from './sources.js';

/** Validate a scope and period from a request: 400 naming what is accepted. */
export function parseScopePeriod(scope: string, period: string): { scope: RankingScope; period: Period } {
  if (!isRankingScope(scope))
    throw invalid(`Unknown scope "${scope}": expected department, district or window.`);
  const parsed = parsePeriod(period);
  if (!parsed) throw invalid(`Unknown period "${period}": expected YYYY-MM or YYYY-Qn.`);
  return { scope, period: parsed };
}

/** Score every unit of a scope over the given months (the draft, the bench and the seed share it). */
export async function computeRanking(
  p: Platform,
  scope: RankingScope,
  months: readonly string[],
  method: RankingMethod,
): Promise<{ scored: ScoredRanking; inputs: UnitInput[]; itemsRead: number }> {
  const units = await unitsOf(p, scope);
  const { inputs, itemsRead } = await readUnitInputs(p, scope, units, months, referencedCounters(method));
  return { scored: scoreUnits(method, inputs, months), inputs, itemsRead };
}

export interface DraftRequest {
  scope: string;
  period: string;
  methodVersion?: number | undefined;
  changes?: string | undefined;
}

/** Store a computed ranking as the next draft version of its scope and period. */
export async function storeDraft(
  p: Platform,
  who: Principal,
  scope: RankingScope,
  period: Period,
  method: RankingMethod,
  result: { scored: ScoredRanking; inputs: UnitInput[] },
  changes?: string,
  supersedes?: number,
): Promise<Ranking> {
  const header: Omit<RankingHeader, 'version' | 'status'> = {
    scope,
    period: period.id,
    methodVersion: method.version,
    months: period.months,
    createdAt: p.clock.now().toISOString(),
    createdBy: who.subject,
    changes,
    supersedes,
    population: result.scored.population,
    missingIndicators: result.scored.missingIndicators,
    unitCount: result.scored.units.length,
    rankedCount: result.scored.units.filter((u) => u.rank !== null).length,
  };
  const version = await p.rankings.reserveVersion(header);
  const draft: RankingHeader = { ...header, version, status: 'draft' };
  await p.rankings.completeDraft(draft, result.scored.units, result.inputs);
  return { ...draft, units: result.scored.units };
}

/** The office computes a draft; a correction of a published ranking must say what changed. */
export async function computeDraft(p: Platform, who: Principal, req: DraftRequest): Promise<Ranking> {
  const { scope, period } = parseScopePeriod(req.scope, req.period);
  const today = beijingDate(p.clock.now());
  if (period.firstDay > today) throw invalid(`The period ${period.id} has not begun yet.`);
  let method: RankingMethod;
  try {
    method = req.methodVersion ? await methodVersion(p, req.methodVersion) : await currentMethod(p);
  } catch (err) {
    if (isRefusal(err, 'not_found'))
      throw invalid(`methodVersion: ${err.message}`, { field: 'methodVersion' });
    throw err;
  }
  const published = await p.rankings.currentVersion(scope, period.id);
  const changes = req.changes?.trim() || undefined;
  if (published !== undefined && !changes) {
    throw invalid(
      `changes: version ${published} of ${scope} ${period.id} is published; a correction must say what changed.`,
      { field: 'changes' },
    );
  }
  const result = await computeRanking(p, scope, period.months, method);
  const draft = await storeDraft(p, who, scope, period, method, result, changes, published);
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'rankings.draft.compute',
    target: `ranking:${scope}:${period.id}`,
    at: draft.createdAt,
    after: { version: draft.version, methodVersion: method.version, changes, units: draft.unitCount },
  });
  return draft;
}
