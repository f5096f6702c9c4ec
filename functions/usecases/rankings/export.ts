/**
 * Tabular forms of a ranking for CSV downloads: the league table with every indicator
 * (raw, sample, shrunk, points) and the inputs in long form (one counter of one unit in
 * one month per row), which is all a third party needs to recompute the table.
 */
import type { RankingMethod } from '../../domain/rankings/method.js';
import { INPUT_COLUMNS, inputsToRows } from '../../domain/rankings/ranking.js';
import type { UnitInput } from '../../domain/rankings/scoring.js';
import type { RankingView } from './read.js';

export function rankingTable(
  view: RankingView,
  method: RankingMethod,
): { header: string[]; rows: unknown[][] } {
  const header = [
    'rank',
    'previousRank',
    'movement',
    'talk',
    'unitId',
    'unitName',
    'score',
    'eligible',
    'sample',
    ...method.indicators.flatMap((i) => [`${i.id}_raw`, `${i.id}_n`, `${i.id}_shrunk`, `${i.id}_points`]),
    'suspendedShare',
    'appealsUpheld',
  ];
  const rows = view.units.map((u) => [
    u.rank ?? '',
    u.previousRank ?? '',
    u.movement ?? '',
    u.talk ? 'yes' : '',
    u.id,
    u.name,
    u.score ?? '',
    u.eligible ? 'yes' : 'no',
    u.sample,
    ...method.indicators.flatMap((i) => {
      const v = u.indicators[i.id];
      return [v?.raw ?? '', v?.n ?? 0, v?.shrunk ?? '', v?.points ?? ''];
    }),
    u.transparency.suspendedShare ?? '',
    u.transparency.appealsUpheld,
  ]);
  return { header, rows };
}

export function inputsTable(inputs: readonly UnitInput[]): { header: string[]; rows: unknown[][] } {
  return {
    header: [...INPUT_COLUMNS],
    rows: inputsToRows(inputs).map((r) => [r.unitId, r.unitName, r.month, r.counter, r.value]),
  };
}
