/**
 * A ranking method is data, not code: which indicators, read from which aggregate
 * counters, with which weights, direction, normalisation, minimum sample and
 * shrinkage. The office creates a new version to change any of it; every published
 * ranking names the version it used, so old tables stay explainable.
 *
 * An indicator's raw value is a ratio of counter sums, `x = Σnumerator / Σdenominator`
 * (a counter written `-name` is subtracted), over the period's months. Its sample size
 * `n` is the sum of its `sample` counters (the denominator when omitted).
 */

export interface Bilingual {
  zh: string;
  en: string;
}

export type Normalisation =
  /** Fixed scale: `(x − min) / (max − min)`, clamped to 0..1. Independent of other units. */
  | { kind: 'range'; min: number; max: number }
  /** Relative: `(x − lowest) / (highest − lowest)` over the ranked units (0.5 when all equal). */
  | { kind: 'minmax' };

export interface IndicatorDefinition {
  /** Short stable id, e.g. `onTime`. */
  id: string;
  label: Bilingual;
  /** What it measures, in plain words. */
  description?: Bilingual | undefined;
  numerator: string[];
  denominator: string[];
  /** Counters whose sum is the sample size `n` (default: the denominator). */
  sample?: string[] | undefined;
  /**
   * `score`: earns up to `weight × 100` points (score weights sum to 1).
   * `penalty`: deducts up to `weight` points.
   */
  role: 'score' | 'penalty';
  weight: number;
  /** Which raw direction is better. */
  direction: 'higher' | 'lower';
  normalisation: Normalisation;
  /** Pseudo-observations for this indicator (default: the method's `shrinkage.k`). */
  k?: number | undefined;
}

export interface RankingMethod {
  version: number;
  name: Bilingual;
  /** What changed from the previous version, in words. */
  changes?: string | undefined;
  indicators: IndicatorDefinition[];
  /** Bayesian shrinkage toward the population value: `k` pseudo-observations. */
  shrinkage: { k: number };
  /** Units whose sample (sum of these counters) is below `min` are listed but not ranked. */
  minSample: { counters: string[]; min: number };
  /** Published beside the rank, not scored: suspension share and upheld appeals. */
  transparency: {
    suspended: { numerator: string[]; denominator: string[] };
    appealsUpheld: string[];
  };
  createdAt?: string | undefined;
  createdBy?: string | undefined;
}

export const MAX_INDICATORS = 20;
export const MAX_K = 100_000;
const INDICATOR_ID = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** Counter names as the aggregator accepts them, optionally prefixed by `-`. */
export const COUNTER_TERM = /^-?[A-Za-z][A-Za-z0-9_]{0,40}$/;
const WEIGHT_TOLERANCE = 1e-9;

/** Every problem with a proposed method, in words; empty when it is valid. */
export function methodProblems(m: Omit<RankingMethod, 'version'>): string[] {
  const problems: string[] = [];
  const terms = (what: string, list: string[], allowMinus: boolean) => {
    if (!list.length) problems.push(`${what} must name at least one counter`);
    for (const term of list) {
      if (!COUNTER_TERM.test(term) || (!allowMinus && term.startsWith('-')))
        problems.push(`${what}: "${term}" is not a counter name`);
    }
  };
  if (!m.indicators.length) problems.push('a method needs at least one indicator');
  if (m.indicators.length > MAX_INDICATORS) problems.push(`at most ${MAX_INDICATORS} indicators`);
  const seen = new Set<string>();
  let scoreWeight = 0;
  let scoreCount = 0;
  for (const [i, ind] of m.indicators.entries()) {
    const at = `indicators[${i}] (${ind.id})`;
    if (!INDICATOR_ID.test(ind.id)) problems.push(`${at}: id must be 1-32 letters, digits or _`);
    if (seen.has(ind.id)) problems.push(`${at}: duplicate id`);
    seen.add(ind.id);
    terms(`${at} numerator`, ind.numerator, true);
    terms(`${at} denominator`, ind.denominator, true);
    if (ind.sample) terms(`${at} sample`, ind.sample, false);
    if (!Number.isFinite(ind.weight) || ind.weight <= 0) {
      problems.push(`${at}: weight must be a positive number`);
    } else if (ind.role === 'score') {
      if (ind.weight > 1) problems.push(`${at}: a score weight is a share of 1`);
      scoreWeight += ind.weight;
      scoreCount++;
    } else if (ind.weight > 100) {
      problems.push(`${at}: a penalty deducts at most 100 points`);
    }
    if (ind.normalisation.kind === 'range') {
      const { min, max } = ind.normalisation;
      if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max))
        problems.push(`${at}: normalisation range needs finite min < max`);
    }
    if (ind.k !== undefined && !(Number.isFinite(ind.k) && ind.k >= 0 && ind.k <= MAX_K))
      problems.push(`${at}: k must be from 0 to ${MAX_K}`);
  }
  if (m.indicators.length && !scoreCount) problems.push('a method needs at least one score indicator');
  if (scoreCount && Math.abs(scoreWeight - 1) > WEIGHT_TOLERANCE)
    problems.push(`score weights must sum to 1 (they sum to ${Number(scoreWeight.toFixed(12))})`);
  if (!(Number.isFinite(m.shrinkage.k) && m.shrinkage.k >= 0 && m.shrinkage.k <= MAX_K))
    problems.push(`shrinkage.k must be from 0 to ${MAX_K}`);
  if (!Number.isInteger(m.minSample.min) || m.minSample.min < 0 || m.minSample.min > 1_000_000)
    problems.push('minSample.min must be a whole number from 0 to 1000000');
  terms('minSample.counters', m.minSample.counters, false);
  terms('transparency.suspended.numerator', m.transparency.suspended.numerator, true);
  terms('transparency.suspended.denominator', m.transparency.suspended.denominator, true);
  terms('transparency.appealsUpheld', m.transparency.appealsUpheld, false);
  return problems;
}

/** Every counter a method reads: what a ranking's inputs must keep. */
export function referencedCounters(m: Omit<RankingMethod, 'version'>): string[] {
  const names = new Set<string>();
  const add = (list: readonly string[] | undefined) => {
    for (const term of list ?? []) names.add(term.replace(/^-/, ''));
  };
  for (const ind of m.indicators) {
    add(ind.numerator);
    add(ind.denominator);
    add(ind.sample);
  }
  add(m.minSample.counters);
  add(m.transparency.suspended.numerator);
  add(m.transparency.suspended.denominator);
  add(m.transparency.appealsUpheld);
  return [...names].sort();
}

/** The term subtracting a counter from a sum of terms: `-durSum` for `durSum`. */
export const minus = <N extends string>(name: N): `-${N}` => `-${name}`;

/** `Σ terms` over counters, `-name` subtracting; a missing counter counts as zero. */
export function sumTerms(counters: Readonly<Record<string, number>>, terms: readonly string[]): number {
  let total = 0;
  for (const term of terms) {
    if (term.startsWith('-')) total -= counters[term.slice(1)] ?? 0;
    else total += counters[term] ?? 0;
  }
  return total;
}
