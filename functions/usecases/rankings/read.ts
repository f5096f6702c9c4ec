/**
 * Reading published rankings for the public: a version with its rank movement since
 * the previous period and the units marked for a talk (约谈), the latest table of a
 * scope, a unit's rank history, and the open-data downloads (inputs, method) with
 * stable URLs. Drafts are never visible here.
 */

import { movements, talkList, topAndBottom } from '../../domain/rankings/league.js';
import type { RankingMethod } from '../../domain/rankings/method.js';
import {
  type PeriodKind,
  parsePeriod,
  previousPeriod,
  RANKING_SCOPES,
  type RankingScope,
} from '../../domain/rankings/period.js';
import type { Ranking, RankingHeader } from '../../domain/rankings/ranking.js';
import type { RankedUnit, UnitInput } from '../../domain/rankings/scoring.js';
import { notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { parseScopePeriod } from './compute.js';
import { methodVersion } from './methods.js';

/** Stable URLs of a ranking version and its open data. */
export function rankingLinks(scope: string, period: string, version: number, methodVersionNumber: number) {
  const base = `/api/v1/rankings/${scope}/${period}/versions/${version}`;
  return {
    self: base,
    csv: `${base}?format=csv`,
    inputs: `${base}/inputs`,
    inputsCsv: `${base}/inputs?format=csv`,
    method: `/api/v1/rankings/methods/${methodVersionNumber}`,
    page: `/rankings/${scope}/${period}?version=${version}`,
  };
}

export interface RankingRow extends RankedUnit {
  previousRank: number | null;
  movement: number | null;
  /** In the bottom two this period and the previous one: marked for a talk (约谈). */
  talk: boolean;
}

export interface RankingView extends RankingHeader {
  units: RankingRow[];
  previous: { period: string; version: number } | null;
  top: string[];
  bottom: string[];
  talks: string[];
  links: ReturnType<typeof rankingLinks>;
  /** Every version of this scope and period that is published, oldest first. */
  versions: { version: number; publishedAt: string | undefined; changes: string | undefined }[];
}

/** The ranking with movement and talk marks against the previous period's published table. */
export function buildView(
  ranking: Ranking,
  previous: Ranking | undefined,
  versions: RankingHeader[],
): RankingView {
  const moves = movements(ranking.units, previous?.units);
  const talks = talkList(ranking.units, previous?.units);
  const units: RankingRow[] = ranking.units.map((u) => ({
    ...u,
    previousRank: moves.get(u.id)?.previousRank ?? null,
    movement: moves.get(u.id)?.movement ?? null,
    talk: talks.has(u.id),
  }));
  const { top, bottom } = topAndBottom(units, 5);
  return {
    ...ranking,
    units,
    previous: previous ? { period: previous.period, version: previous.version } : null,
    top: top.map((u) => u.id),
    bottom: bottom.map((u) => u.id),
    talks: [...talks],
    links: rankingLinks(ranking.scope, ranking.period, ranking.version, ranking.methodVersion),
    versions: versions
      .filter((v) => v.status === 'published')
      .sort((a, b) => a.version - b.version)
      .map((v) => ({ version: v.version, publishedAt: v.publishedAt, changes: v.changes })),
  };
}

async function publishedOrUndefined(p: Platform, scope: RankingScope, period: string) {
  const version = await p.rankings.currentVersion(scope, period);
  return version === undefined ? undefined : p.rankings.getRanking(scope, period, version);
}

/**
 * A published ranking: the current version of a scope and period, or a given version.
 * 400 for an unknown scope or period, 404 when nothing (or not that version) is published.
 */
export async function publishedRanking(
  p: Platform,
  scopeId: string,
  periodId: string,
  version?: number,
): Promise<RankingView> {
  const { scope, period } = parseScopePeriod(scopeId, periodId);
  const v = version ?? (await p.rankings.currentVersion(scope, period.id));
  if (v === undefined) throw notFound(`No ${scope} ranking is published for ${period.id}.`);
  const ranking = await p.rankings.getRanking(scope, period.id, v);
  if (ranking?.status !== 'published')
    throw notFound(`Version ${v} of the ${scope} ranking for ${period.id} is not published.`);
  const [previous, versions] = await Promise.all([
    publishedOrUndefined(p, scope, previousPeriod(period).id),
    p.rankings.listVersions(scope, period.id),
  ]);
  return buildView(ranking, previous, versions);
}

/** Any version, drafts included, for the office's review (with the same movement figures). */
export async function anyVersion(p: Platform, scopeId: string, periodId: string, version: number) {
  const { scope, period } = parseScopePeriod(scopeId, periodId);
  const ranking = await p.rankings.getRanking(scope, period.id, version);
  if (!ranking) throw notFound(`No version ${version} of the ${scope} ranking for ${period.id}.`);
  const [previous, versions] = await Promise.all([
    publishedOrUndefined(p, scope, previousPeriod(period).id),
    p.rankings.listVersions(scope, period.id),
  ]);
  return buildView(ranking, previous, versions);
}

/** The open-data inputs of a published version (404 for drafts). */
export async function publishedInputs(
  p: Platform,
  scopeId: string,
  periodId: string,
  version: number,
): Promise<{ header: RankingView; inputs: UnitInput[] }> {
  const header = await publishedRanking(p, scopeId, periodId, version);
  const inputs = await p.rankings.getInputs(header.scope, header.period, version);
  return { header, inputs };
}

/** Any version with its inputs, drafts included, for the office's review (404 when there is no such version). */
export async function anyVersionInputs(
  p: Platform,
  scopeId: string,
  periodId: string,
  version: number,
): Promise<{ view: RankingView; inputs: UnitInput[] }> {
  const view = await anyVersion(p, scopeId, periodId, version);
  const inputs = await p.rankings.getInputs(view.scope, view.period, version);
  return { view, inputs };
}

/** The current version of each published period of a scope and kind, newest first. */
export async function publishedPeriods(
  p: Platform,
  scope: RankingScope,
  kind: PeriodKind,
): Promise<RankingHeader[]> {
  const all = await p.rankings.listPublished(scope, kind);
  const latest = new Map<string, RankingHeader>();
  for (const h of all) {
    const seen = latest.get(h.period);
    if (!seen || h.version > seen.version) latest.set(h.period, h);
  }
  return [...latest.values()].sort((a, b) => b.period.localeCompare(a.period));
}

/**
 * The latest published table of a scope: of the newest month and the newest quarter,
 * whichever period ends later (the quarter when both end together).
 */
export async function latestRanking(p: Platform, scope: RankingScope): Promise<RankingView | undefined> {
  const [month, quarter] = await Promise.all([
    p.rankings.listPublished(scope, 'month', 1),
    p.rankings.listPublished(scope, 'quarter', 1),
  ]);
  const candidates = [month[0], quarter[0]].filter((h): h is RankingHeader => !!h);
  if (!candidates.length) return undefined;
  const end = (h: RankingHeader) => parsePeriod(h.period)!.lastDay;
  candidates.sort((a, b) => end(b).localeCompare(end(a)) || (a.period.includes('Q') ? -1 : 1));
  return publishedRanking(p, scope, candidates[0]!.period);
}

/** The latest table of every scope (undefined where nothing is published yet). */
export async function latestRankings(p: Platform) {
  const views = await Promise.all(RANKING_SCOPES.map((s) => latestRanking(p, s)));
  return RANKING_SCOPES.map((scope, i) => ({ scope, view: views[i] }));
}

export interface HistoryPoint {
  period: string;
  version: number;
  rank: number | null;
  rankedCount: number;
  score: number | null;
  talk: boolean;
}

/** A unit's rank in every published period of a scope, oldest first, months and quarters apart. */
export async function unitHistory(p: Platform, scopeId: string, unitId: string) {
  const { scope } = parseScopePeriod(scopeId, '2000-01');
  const out: Record<PeriodKind, HistoryPoint[]> = { month: [], quarter: [] };
  let name: string | undefined;
  for (const kind of ['month', 'quarter'] as const) {
    const periods = (await publishedPeriods(p, scope, kind)).reverse();
    const rankings = await Promise.all(periods.map((h) => p.rankings.getRanking(scope, h.period, h.version)));
    let previous: Ranking | undefined;
    for (const r of rankings) {
      if (!r) continue;
      const row = r.units.find((u) => u.id === unitId);
      const isPrevious = previous && previous.period === previousPeriod(parsePeriod(r.period)!).id;
      const talks = talkList(r.units, isPrevious ? previous?.units : undefined);
      previous = r;
      if (!row) continue;
      name = row.name;
      out[kind].push({
        period: r.period,
        version: r.version,
        rank: row.rank,
        rankedCount: r.rankedCount,
        score: row.score,
        talk: talks.has(unitId),
      });
    }
  }
  if (!name) throw notFound(`No published ${scope} ranking lists ${unitId}.`);
  return { scope, unitId, name, history: out };
}

/** A method for public display (the version a ranking used). */
export async function publicMethod(p: Platform, version: number): Promise<RankingMethod> {
  return methodVersion(p, version);
}
