/**
 * What the public league table shows beyond the scores: rank movement since the
 * previous period, the top and bottom five, and the units marked for a talk (约谈)
 * because they sat in the bottom two in two periods in a row.
 */

export interface RankRow {
  id: string;
  rank: number | null;
}

/** Fewer ranked units than this and nobody is marked for a talk (the bottom two would be half the table). */
export const MIN_UNITS_FOR_TALKS = 4;

/**
 * Places moved up since the previous period (positive = up, negative = down);
 * null when the unit was not ranked in one of the two.
 */
export function movements(current: readonly RankRow[], previous: readonly RankRow[] | undefined) {
  const before = new Map((previous ?? []).map((r) => [r.id, r.rank]));
  const out = new Map<string, { previousRank: number | null; movement: number | null }>();
  for (const r of current) {
    const previousRank = before.get(r.id) ?? null;
    out.set(r.id, {
      previousRank,
      movement: r.rank !== null && previousRank !== null ? previousRank - r.rank : null,
    });
  }
  return out;
}

/**
 * The bottom two of a table: the last two ranked positions, and anyone tied with the
 * second-to-last. Empty when fewer than `MIN_UNITS_FOR_TALKS` units are ranked.
 */
export function bottomTwo(rows: readonly RankRow[]): Set<string> {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  if (ranked.length < MIN_UNITS_FOR_TALKS) return new Set();
  const threshold = ranked[ranked.length - 2]!.rank!;
  return new Set(ranked.filter((r) => r.rank! >= threshold).map((r) => r.id));
}

/** Units in the bottom two of both this period and the previous one: marked for a talk (约谈). */
export function talkList(current: readonly RankRow[], previous: readonly RankRow[] | undefined): Set<string> {
  if (!previous) return new Set();
  const now = bottomTwo(current);
  const before = bottomTwo(previous);
  return new Set([...now].filter((id) => before.has(id)));
}

/** The first and last `n` ranked units (best first; worst list worst first). */
export function topAndBottom<T extends RankRow>(rows: readonly T[], n = 5): { top: T[]; bottom: T[] } {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return { top: ranked.slice(0, n), bottom: ranked.slice(-n).reverse() };
}
