/**
 * Issue 6's ranking figure: computing a ranking of 2,000 service windows over 12
 * months straight from the monthly aggregates (one Query per unit, then the method's
 * scoring), against the baseline of merely reading and summing the same counters the
 * same way. The ratio says what scoring, shrinkage and ranking add on top of the reads
 * any ranking must do; the pure in-memory scoring time is reported beside it.
 */

import { monthsBetween } from '../../functions/domain/months.js';
import { DEFAULT_METHOD } from '../../functions/domain/rankings/default-method.js';
import { scoreUnits } from '../../functions/domain/rankings/scoring.js';
import { AGGREGATE_SHARDS, keys } from '../../functions/store/keys.js';
import { computeRanking } from '../../functions/usecases/rankings/compute.js';
import { mapLimit } from '../../functions/usecases/rankings/sources.js';
import type { Benchmark } from './bench-types.js';
import { benchEnv, loadDirect, median } from './support.js';

const UNITS = 2_000;
const DEPARTMENTS = 100;
const MONTHS = monthsBetween('2025-11', '2026-10');
const ROUNDS = 3;

/** mulberry32: the same counters every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One aggregate shard item of a window and month, with the counters cases, ratings and critiques keep. */
function* aggregateItems(): Generator<Record<string, unknown>> {
  const next = rng(20261120);
  for (let u = 0; u < UNITS; u++) {
    const size = 5 + Math.floor(next() * 300);
    for (const month of MONTHS) {
      for (let shard = 0; shard < 2; shard++) {
        const cases = Math.max(1, Math.round((size / 2) * (0.7 + next() * 0.6)));
        const onTime = Math.round(cases * (0.75 + next() * 0.25));
        const ratings = Math.round(cases * 0.35);
        const bad = Math.round(ratings * next() * 0.1);
        const r5 = Math.round((ratings - bad) * 0.7);
        const counters: Record<string, number> = {
          received: cases + Math.round(next() * 5),
          cases,
          onTime,
          durSum: cases * 3 + Math.round(next() * cases * 4),
          statSum: cases * 18,
          promSum: cases * 6,
          suspDays: Math.round(next() * cases),
          ratings,
          r5,
          r4: ratings - bad - r5,
          r1: bad,
          scoreSum: r5 * 5 + (ratings - bad - r5) * 4 + bad,
          bad,
          cbSettled: bad,
          cbOnTime: Math.round(bad * 0.9),
          rectSettled: bad,
          rectOnTime: Math.round(bad * 0.8),
          crAns: Math.round(next() * 3),
          crOnTime: Math.round(next() * 2),
          crOverdue: Math.round(next() * 1.2),
        };
        for (let h = 0; h < 10; h++) counters[`h${h}`] = Math.round(cases / 10);
        yield {
          ...keys.aggregate('window', `w${u}`, month, shard % AGGREGATE_SHARDS),
          type: 'agg',
          v: 1,
          scope: 'window',
          id: `w${u}`,
          month,
          ...counters,
        };
      }
    }
  }
}

const ranking: Benchmark = {
  name: 'rankings: 2,000 windows over 12 months from the aggregates',
  run: async ({ log }) => {
    const env = await benchEnv('rankings');
    try {
      const p = env.platform;
      const t0 = performance.now();
      const written = await loadDirect(env.store, aggregateItems(), 16);
      const windows = Array.from({ length: UNITS }, (_, u) => ({
        ...keys.window(`w${u}`),
        ...keys.windowList(`d${u % DEPARTMENTS}`, `w${u}`),
        type: 'window',
        v: 1,
        id: `w${u}`,
        name: `窗口 ${u}`,
        departmentId: `d${u % DEPARTMENTS}`,
      }));
      const departments = Array.from({ length: DEPARTMENTS }, (_, d) => ({
        ...keys.department(`d${d}`),
        ...keys.departmentList(`d${d}`),
        type: 'department',
        v: 1,
        id: `d${d}`,
        name: `部门 ${d}`,
        district: `区 ${d % 16}`,
      }));
      await loadDirect(env.store, [...windows, ...departments], 8);
      log(`loaded ${written} aggregate items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      const baselineRun = async () => {
        const started = performance.now();
        let total = 0;
        await mapLimit(windows, 16, async (w) => {
          const { months } = await p.aggregates.readAggregates(
            'window',
            String(w.id),
            MONTHS[0]!,
            MONTHS.at(-1)!,
          );
          for (const c of months.values()) for (const v of Object.values(c)) total += v;
        });
        if (!total) throw new Error('nothing read');
        return performance.now() - started;
      };
      let lastResult: Awaited<ReturnType<typeof computeRanking>> | undefined;
      const rankingRun = async () => {
        const started = performance.now();
        lastResult = await computeRanking(p, 'window', MONTHS, DEFAULT_METHOD);
        return performance.now() - started;
      };
      await baselineRun();
      await rankingRun();
      const base: number[] = [];
      const rank: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        base.push(await baselineRun());
        rank.push(await rankingRun());
      }
      const result = lastResult!;
      const scoring: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const started = performance.now();
        scoreUnits(DEFAULT_METHOD, result.inputs, MONTHS);
        scoring.push(performance.now() - started);
      }
      const value = median(rank);
      const baseline = median(base);
      const ratio = value / baseline;
      log(
        `ranking ${value.toFixed(0)} ms, read+sum ${baseline.toFixed(0)} ms, ×${ratio.toFixed(2)}; scoring alone ${median(scoring).toFixed(1)} ms`,
      );
      return [
        {
          id: 'rankings.compute-2000x12',
          title: 'Ranking of 2,000 windows over 12 months from the monthly aggregates (read + score + rank)',
          value,
          unit: 'ms',
          baseline,
          baselineLabel: 'reading and summing the same aggregates with the same concurrency (16)',
          ratio,
          goal: '≈ 1 (≤ 1.5): scoring adds little to the reads',
          met: ratio <= 1.5,
          details: {
            units: UNITS,
            months: MONTHS.length,
            aggregateItems: written,
            itemsRead: result.itemsRead,
            rankedUnits: result.scored.units.filter((u) => u.rank !== null).length,
            scoringOnlyMs: Number(median(scoring).toFixed(2)),
            rounds: ROUNDS,
          },
        },
      ];
    } finally {
      await env.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [ranking];
