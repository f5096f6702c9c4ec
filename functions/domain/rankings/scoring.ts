/**
 * The composite score of a ranking, from a method and each unit's counters over the
 * period. Pure and deterministic, so the office's draft, the published table and a
 * third party recomputing from the open-data downloads get the same numbers.
 *
 * For each indicator i and unit u (counters summed over the period's months; every
 * counter is a whole number, so the sums are exact):
 *
 *   x  = Σnumerator / Σdenominator                  raw value (none when Σdenominator = 0)
 *   n  = Σsample                                    sample size (default: Σdenominator)
 *   μ  = Σ_u Σnumerator / Σ_u Σdenominator          population value over all units
 *   x̃  = (n·x + k·μ) / (n + k)                      Bayesian shrinkage: k pseudo-observations
 *                                                   at μ (x̃ = μ when the unit has no data)
 *   v  = normalise(x̃)                               range: clamp((x̃ − min)/(max − min), 0, 1)
 *                                                   minmax: (x̃ − lowest)/(highest − lowest)
 *                                                   over ranked units, 0.5 when all equal
 *   g  = v if higher is better, else 1 − v          goodness, 0..1
 *
 *   score     = 100 · Σ_score w_i·g_i / Σ_score w_i − Σ_penalty w_j·(1 − g_j)
 *
 * Sums run in the method's indicator order. An indicator no unit has data for (μ
 * undefined, e.g. before any rating exists) is left out and the remaining score
 * weights are rescaled by Σ_score w_i. Units whose minimum-sample counters sum below
 * the method's minimum are listed but not ranked. Ranks are 1, 2, 2, 4 (equal scores
 * share a rank), highest score first; ties are listed by unit id.
 */
import type { Counters } from '../aggregates/contribution.js';
import { type IndicatorDefinition, type RankingMethod, sumTerms } from './method.js';

export interface UnitInput {
  id: string;
  name: string;
  /** Counters per month (`YYYY-MM`), as read from the monthly aggregates. */
  months: Record<string, Counters>;
}

export interface IndicatorValue {
  raw: number | null;
  n: number;
  shrunk: number | null;
  /** 0..1 after normalisation and direction; null when the indicator is left out. */
  goodness: number | null;
  /** Points this indicator adds to the score (negative for penalties). */
  points: number | null;
}

export interface RankedUnit {
  id: string;
  name: string;
  rank: number | null;
  eligible: boolean;
  /** The minimum-sample figure (e.g. completed cases). */
  sample: number;
  score: number | null;
  indicators: Record<string, IndicatorValue>;
  transparency: { suspendedShare: number | null; appealsUpheld: number };
}

export interface PopulationValue {
  /** μ: the pooled value over all units; null when no unit has data. */
  mean: number | null;
  /** Units with data for it. */
  units: number;
  /** The weight actually applied (score weights rescaled over available indicators). */
  effectiveWeight: number | null;
}

export interface ScoredRanking {
  units: RankedUnit[];
  population: Record<string, PopulationValue>;
  /** Indicators left out because no unit had data. */
  missingIndicators: string[];
}

/** A unit's counters over the period: each counter summed over the months given. */
export function periodTotals(unit: UnitInput, months: readonly string[]): Counters {
  const totals: Counters = {};
  for (const month of months) {
    for (const [name, value] of Object.entries(unit.months[month] ?? {})) {
      totals[name] = (totals[name] ?? 0) + value;
    }
  }
  return totals;
}

function normalise(
  def: IndicatorDefinition,
  value: number,
  bounds: { lowest: number; highest: number } | undefined,
): number {
  let v: number;
  if (def.normalisation.kind === 'range') {
    const { min, max } = def.normalisation;
    v = Math.min(1, Math.max(0, (value - min) / (max - min)));
  } else if (!bounds || bounds.highest === bounds.lowest) {
    v = 0.5;
  } else {
    v = (value - bounds.lowest) / (bounds.highest - bounds.lowest);
  }
  return def.direction === 'higher' ? v : 1 - v;
}

/** Shrink a raw value toward the population value: `(n·x + k·μ)/(n + k)`. */
export function shrink(raw: number | null, n: number, mean: number, k: number): number {
  if (raw === null || n <= 0) return mean;
  if (k === 0) return raw;
  return (n * raw + k * mean) / (n + k);
}

/** Score and rank every unit of a scope for one period. */
export function scoreUnits(
  method: RankingMethod,
  units: readonly UnitInput[],
  months: readonly string[],
): ScoredRanking {
  const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const totals = sorted.map((u) => periodTotals(u, months));
  const eligible = totals.map((t) => sumTerms(t, method.minSample.counters) >= method.minSample.min);

  // Raw values and population means.
  const raws = method.indicators.map((def) =>
    totals.map((t) => {
      const num = sumTerms(t, def.numerator);
      const den = sumTerms(t, def.denominator);
      const n = def.sample ? sumTerms(t, def.sample) : den;
      return { num, den, n, raw: den !== 0 ? num / den : null };
    }),
  );
  const means = raws.map((rows) => {
    let num = 0;
    let den = 0;
    let withData = 0;
    for (const r of rows) {
      if (r.den === 0) continue;
      num += r.num;
      den += r.den;
      withData++;
    }
    return { mean: den !== 0 ? num / den : null, units: withData };
  });
  const available = method.indicators.map((_, i) => means[i]!.mean !== null);
  const scoreWeight = method.indicators.reduce(
    (s, def, i) => (def.role === 'score' && available[i] ? s + def.weight : s),
    0,
  );

  const shrunk = method.indicators.map((def, i) => {
    const mean = means[i]!.mean;
    const k = def.k ?? method.shrinkage.k;
    return raws[i]!.map((r) => (mean === null ? null : shrink(r.raw, r.n, mean, k)));
  });
  const bounds = method.indicators.map((_, i) => {
    const values = shrunk[i]!.filter((v, u): v is number => v !== null && eligible[u]!);
    return values.length ? { lowest: Math.min(...values), highest: Math.max(...values) } : undefined;
  });

  const rows: RankedUnit[] = sorted.map((unit, u) => {
    const t = totals[u]!;
    const indicators: Record<string, IndicatorValue> = {};
    let score: number | null = scoreWeight > 0 ? 0 : null;
    let scorePart = 0;
    let penaltyPart = 0;
    for (const [i, def] of method.indicators.entries()) {
      const r = raws[i]![u]!;
      const value = shrunk[i]![u]!;
      let goodness: number | null = null;
      let points: number | null = null;
      if (value !== null) {
        goodness = normalise(def, value, bounds[i]);
        if (def.role === 'score') {
          points = (100 * def.weight * goodness) / scoreWeight;
          scorePart += def.weight * goodness;
        } else {
          points = -def.weight * (1 - goodness);
          penaltyPart += def.weight * (1 - goodness);
        }
      }
      indicators[def.id] = { raw: r.raw, n: r.n, shrunk: value, goodness, points };
    }
    if (score !== null) score = (100 * scorePart) / scoreWeight - penaltyPart;
    const suspNum = sumTerms(t, method.transparency.suspended.numerator);
    const suspDen = sumTerms(t, method.transparency.suspended.denominator);
    return {
      id: unit.id,
      name: unit.name,
      rank: null,
      eligible: eligible[u]!,
      sample: sumTerms(t, method.minSample.counters),
      score,
      indicators,
      transparency: {
        suspendedShare: suspDen !== 0 ? suspNum / suspDen : null,
        appealsUpheld: sumTerms(t, method.transparency.appealsUpheld),
      },
    };
  });

  assignRanks(rows);
  const population: Record<string, PopulationValue> = {};
  for (const [i, def] of method.indicators.entries()) {
    population[def.id] = {
      mean: means[i]!.mean,
      units: means[i]!.units,
      effectiveWeight: !available[i] ? null : def.role === 'score' ? def.weight / scoreWeight : def.weight,
    };
  }
  return {
    units: orderRows(rows),
    population,
    missingIndicators: method.indicators.filter((_, i) => !available[i]).map((d) => d.id),
  };
}

/** Competition ranking (1, 2, 2, 4) of eligible units with a score, highest first. */
function assignRanks(rows: RankedUnit[]): void {
  const ranked = rows
    .filter((r) => r.eligible && r.score !== null)
    .sort((a, b) => b.score! - a.score! || (a.id < b.id ? -1 : 1));
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.rank = previous && previous.score === r.score ? previous.rank : i + 1;
  });
}

/** Ranked units by rank, then unranked ones by id. */
function orderRows(rows: RankedUnit[]): RankedUnit[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || (a.id < b.id ? -1 : 1);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
