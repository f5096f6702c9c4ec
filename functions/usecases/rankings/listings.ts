/**
 * The lists of ranking versions the office's console and the static publisher read:
 * the drafts waiting for review, and every published version of every table (the
 * static pages of each version, `/rankings/:scope/:period/v/:version`).
 */
import { type PeriodKind, RANKING_SCOPES, type RankingScope } from '../../domain/rankings/period.js';
import type { RankingHeader } from '../../domain/rankings/ranking.js';
import type { Platform } from '../../platform.js';

const KINDS: readonly PeriodKind[] = ['month', 'quarter'];

/** The drafts computed and not yet published or discarded, for the office's review. */
export function rankingDrafts(p: Platform): Promise<RankingHeader[]> {
  return p.rankings.listDrafts();
}

/** Every published version of every scope's monthly and quarterly tables. */
export async function publishedVersions(
  p: Platform,
): Promise<{ scope: RankingScope; period: string; version: number }[]> {
  const out: { scope: RankingScope; period: string; version: number }[] = [];
  for (const scope of RANKING_SCOPES)
    for (const kind of KINDS)
      for (const h of await p.rankings.listPublished(scope, kind))
        out.push({ scope, period: h.period, version: h.version });
  return out;
}
