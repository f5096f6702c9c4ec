import { describe, expect, it } from 'vitest';
import { DEFAULT_METHOD } from '../../functions/domain/rankings/default-method.js';
import { bottomTwo, movements, talkList, topAndBottom } from '../../functions/domain/rankings/league.js';
import {
  type IndicatorDefinition,
  methodProblems,
  type RankingMethod,
  referencedCounters,
  sumTerms,
} from '../../functions/domain/rankings/method.js';
import { parsePeriod, previousPeriod } from '../../functions/domain/rankings/period.js';
import { inputsToRows, rowsToInputs } from '../../functions/domain/rankings/ranking.js';
import { scoreUnits, shrink, type UnitInput } from '../../functions/domain/rankings/scoring.js';

const rate = (id: string, num: string[], den: string[], extra: Partial<IndicatorDefinition> = {}) =>
  ({
    id,
    label: { zh: id, en: id },
    numerator: num,
    denominator: den,
    role: 'score',
    weight: 1,
    direction: 'higher',
    normalisation: { kind: 'range', min: 0, max: 1 },
    ...extra,
  }) as IndicatorDefinition;

function method(indicators: IndicatorDefinition[], k: number, minSample = 0): RankingMethod {
  return {
    version: 9,
    name: { zh: 't', en: 't' },
    indicators,
    shrinkage: { k },
    minSample: { counters: ['cases'], min: minSample },
    transparency: {
      suspended: { numerator: ['suspDays'], denominator: ['durSum', 'suspDays'] },
      appealsUpheld: ['appealsUpheld'],
    },
  };
}

const unit = (id: string, counters: Record<string, number>, month = '2026-10'): UnitInput => ({
  id,
  name: `Unit ${id}`,
  months: { [month]: counters },
});

describe('Bayesian shrinkage', () => {
  it('is (n·x + k·μ)/(n + k), and μ without data', () => {
    expect(shrink(1, 3, 0.9, 20)).toBe(21 / 23);
    expect(shrink(0.5, 10, 0.8, 0)).toBe(0.5);
    expect(shrink(null, 0, 0.8, 20)).toBe(0.8);
    expect(shrink(0.3, 0, 0.8, 20)).toBe(0.8);
  });

  it('keeps 3 perfect cases from topping 3,000 at 95% (hand-computed, k = 50)', () => {
    const m = method([rate('onTime', ['onTime'], ['cases'])], 50);
    const result = scoreUnits(
      m,
      [
        unit('A', { cases: 3, onTime: 3 }),
        unit('B', { cases: 3000, onTime: 2850 }),
        unit('C', { cases: 100, onTime: 80 }),
      ],
      ['2026-10'],
    );
    // μ = (3 + 2850 + 80) / (3 + 3000 + 100) = 2933 / 3103
    expect(result.population.onTime!.mean).toBe(2933 / 3103);
    const byId = Object.fromEntries(result.units.map((u) => [u.id, u]));
    // A: (3·1 + 50·0.945214…) / 53 = 0.948315…; B: (2850 + 47.2607…) / 3050 = 0.949921…
    expect(byId.A!.indicators.onTime!.shrunk).toBeCloseTo(0.9483153855976262, 14);
    expect(byId.B!.indicators.onTime!.shrunk).toBeCloseTo(0.9499215460448113, 14);
    expect(byId.C!.indicators.onTime!.shrunk).toBeCloseTo(0.848404769577828, 14);
    expect(byId.A!.indicators.onTime!.raw).toBe(1);
    expect(result.units.map((u) => [u.id, u.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 3],
    ]);
    // Without shrinkage the lucky unit would win.
    const raw = scoreUnits(
      method([rate('onTime', ['onTime'], ['cases'])], 0),
      [unit('A', { cases: 3, onTime: 3 }), unit('B', { cases: 3000, onTime: 2850 })],
      ['2026-10'],
    );
    expect(raw.units[0]!.id).toBe('A');
  });
});

describe('composite score', () => {
  it('weights, normalises, applies direction and deducts penalties (hand-computed, k = 0)', () => {
    const m = method(
      [
        rate('onTime', ['onTime'], ['cases'], { weight: 0.6 }),
        rate('satisfaction', ['scoreSum'], ['ratings'], {
          weight: 0.4,
          normalisation: { kind: 'range', min: 1, max: 5 },
        }),
        rate('late', ['cases', '-onTime'], ['cases'], { role: 'penalty', weight: 10, direction: 'lower' }),
      ],
      0,
    );
    const result = scoreUnits(
      m,
      [
        unit('X', { cases: 10, onTime: 8, ratings: 4, scoreSum: 18 }),
        unit('Y', { cases: 20, onTime: 20, ratings: 2, scoreSum: 6 }),
      ],
      ['2026-10'],
    );
    const x = result.units.find((u) => u.id === 'X')!;
    const y = result.units.find((u) => u.id === 'Y')!;
    // X: onTime 0.8, satisfaction mean 4.5 → (4.5−1)/4 = 0.875, late 0.2 → −2 points.
    // score = 100·(0.6·0.8 + 0.4·0.875)/1 − 10·0.2 = 83 − 2 = 81
    expect(x.score).toBeCloseTo(81, 12);
    expect(x.indicators.satisfaction!.goodness).toBeCloseTo(0.875, 15);
    expect(x.indicators.late!.points).toBeCloseTo(-2, 12);
    // Y: onTime 1, satisfaction mean 3 → 0.5, late 0 → score = 100·(0.6 + 0.2) = 80
    expect(y.score).toBeCloseTo(80, 12);
    expect([x.rank, y.rank]).toEqual([1, 2]);
    // Points add up to the score.
    const sum = Object.values(x.indicators).reduce((s, v) => s + (v.points ?? 0), 0);
    expect(sum).toBeCloseTo(x.score!, 10);
  });

  it('leaves out an indicator no unit has data for and rescales the other weights', () => {
    const m = method(
      [
        rate('onTime', ['onTime'], ['cases'], { weight: 0.5 }),
        rate('goodRate', ['r3', 'r4', 'r5'], ['ratings'], { weight: 0.5 }),
      ],
      0,
    );
    const result = scoreUnits(m, [unit('A', { cases: 4, onTime: 3 })], ['2026-10']);
    expect(result.missingIndicators).toEqual(['goodRate']);
    expect(result.population.goodRate).toEqual({ mean: null, units: 0, effectiveWeight: null });
    expect(result.population.onTime!.effectiveWeight).toBe(1);
    expect(result.units[0]!.score).toBe(75);
    expect(result.units[0]!.indicators.goodRate).toEqual({
      raw: null,
      n: 0,
      shrunk: null,
      goodness: null,
      points: null,
    });
  });

  it('gives a unit without data for one indicator the population value', () => {
    const m = method(
      [
        rate('onTime', ['onTime'], ['cases'], { weight: 0.5 }),
        rate('goodRate', ['r3', 'r4', 'r5'], ['ratings'], { weight: 0.5 }),
      ],
      10,
    );
    const result = scoreUnits(
      m,
      [unit('A', { cases: 4, onTime: 4 }), unit('B', { cases: 4, onTime: 4, ratings: 10, r5: 8, r1: 2 })],
      ['2026-10'],
    );
    const a = result.units.find((u) => u.id === 'A')!;
    expect(a.indicators.goodRate!.shrunk).toBe(0.8);
    expect(a.indicators.goodRate!.n).toBe(0);
  });

  it('does not rank units below the minimum sample, and ties share a rank (1, 2, 2, 4)', () => {
    const m = method([rate('onTime', ['onTime'], ['cases'])], 0, 10);
    const result = scoreUnits(
      m,
      [
        unit('a', { cases: 10, onTime: 9 }),
        unit('b', { cases: 20, onTime: 18 }),
        unit('c', { cases: 10, onTime: 10 }),
        unit('d', { cases: 10, onTime: 5 }),
        unit('e', { cases: 9, onTime: 9 }),
      ],
      ['2026-10'],
    );
    expect(result.units.map((u) => [u.id, u.rank, u.eligible])).toEqual([
      ['c', 1, true],
      ['a', 2, true],
      ['b', 2, true],
      ['d', 4, true],
      ['e', null, false],
    ]);
  });

  it('normalises min-max over ranked units and sums counters over the period months only', () => {
    const m = method(
      [rate('speed', ['statSum', '-durSum'], ['statSum'], { normalisation: { kind: 'minmax' } })],
      0,
    );
    const result = scoreUnits(
      m,
      [
        {
          id: 'p',
          name: 'P',
          months: { '2026-01': { statSum: 10, durSum: 5 }, '2026-02': { statSum: 10, durSum: 5 } },
        },
        {
          id: 'q',
          name: 'Q',
          months: { '2026-01': { statSum: 10, durSum: 8 }, '2025-12': { statSum: 100, durSum: 0 } },
        },
        unit('r', { statSum: 10, durSum: 3 }, '2026-02'),
      ],
      ['2026-01', '2026-02'],
    );
    const byId = Object.fromEntries(result.units.map((u) => [u.id, u]));
    expect(byId.q!.indicators.speed!.raw).toBeCloseTo(0.2, 15);
    expect(byId.r!.indicators.speed!.goodness).toBe(1);
    expect(byId.q!.indicators.speed!.goodness).toBe(0);
    expect(byId.p!.indicators.speed!.goodness).toBeCloseTo((0.5 - 0.2) / (0.7 - 0.2), 12);
  });

  it('publishes the suspended share and upheld appeals beside the rank', () => {
    const m = method([rate('onTime', ['onTime'], ['cases'])], 0);
    const [u] = scoreUnits(
      m,
      [unit('A', { cases: 5, onTime: 5, durSum: 30, suspDays: 10, appealsUpheld: 2 })],
      ['2026-10'],
    ).units;
    expect(u!.transparency).toEqual({ suspendedShare: 0.25, appealsUpheld: 2 });
  });
});

describe('method validation', () => {
  it('accepts the shipped method v1 and lists what it reads', () => {
    expect(methodProblems(DEFAULT_METHOD)).toEqual([]);
    expect(referencedCounters(DEFAULT_METHOD)).toContain('onTime');
    expect(referencedCounters(DEFAULT_METHOD)).toContain('appealsUpheld');
    const weights = DEFAULT_METHOD.indicators.filter((i) => i.role === 'score').map((i) => i.weight);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('rejects weights that do not sum to 1, bad ranges, duplicate ids and bad counters', () => {
    const bad = {
      ...DEFAULT_METHOD,
      indicators: [
        rate('a', ['onTime'], ['cases'], { weight: 0.5 }),
        rate('a', ['on time'], ['cases'], { weight: 0.3, normalisation: { kind: 'range', min: 1, max: 1 } }),
        rate('p', ['x'], ['y'], { role: 'penalty', weight: -1 }),
      ],
    };
    const problems = methodProblems(bad);
    expect(problems.some((p) => p.includes('sum to 1'))).toBe(true);
    expect(problems.some((p) => p.includes('duplicate id'))).toBe(true);
    expect(problems.some((p) => p.includes('"on time" is not a counter name'))).toBe(true);
    expect(problems.some((p) => p.includes('min < max'))).toBe(true);
    expect(problems.some((p) => p.includes('positive number'))).toBe(true);
  });

  it('sums terms with subtraction and missing counters as zero', () => {
    expect(sumTerms({ statSum: 10, durSum: 4 }, ['statSum', '-durSum', 'nothing'])).toBe(6);
  });
});

describe('periods', () => {
  it('parses months and quarters and steps back across years', () => {
    expect(parsePeriod('2026-Q3')).toMatchObject({
      kind: 'quarter',
      months: ['2026-07', '2026-08', '2026-09'],
      firstDay: '2026-07-01',
      lastDay: '2026-09-30',
    });
    expect(parsePeriod('2024-02')?.lastDay).toBe('2024-02-29');
    expect(previousPeriod(parsePeriod('2026-Q1')!).id).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-01')!).id).toBe('2025-12');
    for (const bad of ['2026-13', '2026-Q5', '2026', 'Q1-2026', '26-01', '2026-1']) {
      expect(parsePeriod(bad)).toBeUndefined();
    }
  });
});

describe('league table marks', () => {
  const rows = (ranks: (number | null)[]) => ranks.map((rank, i) => ({ id: `u${i}`, rank }));

  it('computes movement since the previous period', () => {
    const m = movements(rows([1, 2, 3]), [
      { id: 'u0', rank: 3 },
      { id: 'u1', rank: 1 },
    ]);
    expect(m.get('u0')).toEqual({ previousRank: 3, movement: 2 });
    expect(m.get('u1')).toEqual({ previousRank: 1, movement: -1 });
    expect(m.get('u2')).toEqual({ previousRank: null, movement: null });
  });

  it('marks the bottom two of two periods in a row for a talk (约谈)', () => {
    expect([...bottomTwo(rows([1, 2, 3, 4, 5]))]).toEqual(['u3', 'u4']);
    expect([...bottomTwo(rows([1, 2, 3, 3, 5]))].sort()).toEqual(['u2', 'u3', 'u4']);
    expect(bottomTwo(rows([1, 2, 3])).size).toBe(0);
    const now = rows([1, 2, 3, 4, 5]);
    const before = rows([5, 2, 3, 1, 4]);
    expect([...talkList(now, before)]).toEqual(['u4']);
    expect(talkList(now, undefined).size).toBe(0);
    const tb = topAndBottom(rows([3, 1, 2, null, 4, 5, 6]), 2);
    expect(tb.top.map((r) => r.id)).toEqual(['u1', 'u2']);
    expect(tb.bottom.map((r) => r.id)).toEqual(['u6', 'u5']);
  });
});

describe('open-data inputs', () => {
  it('round-trips through long rows, keeping units without data', () => {
    const units: UnitInput[] = [
      { id: 'b', name: '乙', months: { '2026-02': { cases: 2 }, '2026-01': { cases: 1, onTime: 1 } } },
      { id: 'a', name: '甲', months: {} },
    ];
    const rows = inputsToRows(units);
    expect(rows[0]).toEqual({ unitId: 'a', unitName: '甲', month: '', counter: '', value: 0 });
    expect(rows.slice(1).map((r) => `${r.month}:${r.counter}`)).toEqual([
      '2026-01:cases',
      '2026-01:onTime',
      '2026-02:cases',
    ]);
    const back = rowsToInputs(rows);
    expect(back.find((u) => u.id === 'b')).toEqual(units[0]);
    expect(back.find((u) => u.id === 'a')).toEqual(units[1]);
  });
});
