/**
 * Working-day durations per second: the indexed calendar against the naive
 * day-by-day loop, over the same random (accepted, completed) pairs. Recounting a
 * month or a ranking computes one duration per case, so this is the cost that the
 * cumulative index exists to remove.
 */
import {
  addCalendarDays,
  dayByDayWorkingDays,
  defaultCalendar,
  type IsoDate,
  type Suspension,
} from '../../functions/domain/calendar/index.js';
import type { BenchFigure, Benchmark } from './bench-types.js';

const PAIRS = 200_000;
const MAX_SPAN_DAYS = 60;
const FIRST = '2019-01-01';
/** 2019-01-01 … 2026-12-31 is 2922 days; completions stay inside the loaded years. */
const ACCEPT_DAYS = 2922 - MAX_SPAN_DAYS;

interface Pair {
  accepted: IsoDate;
  completed: IsoDate;
  suspensions: Suspension[] | undefined;
}

/** mulberry32: a seeded generator so every run measures the same pairs. */
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

/** Pairs spread over 2019–2026, spans 0–60 days; `suspendedShare` of them get one suspension. */
function makePairs(count: number, suspendedShare: number, seed: number): Pair[] {
  const next = rng(seed);
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const accepted = addCalendarDays(FIRST, Math.floor(next() * ACCEPT_DAYS));
    const span = Math.floor(next() * (MAX_SPAN_DAYS + 1));
    const completed = addCalendarDays(accepted, span);
    let suspensions: Suspension[] | undefined;
    if (next() < suspendedShare && span > 1) {
      const from = addCalendarDays(accepted, 1 + Math.floor(next() * (span - 1)));
      suspensions = [{ from, to: addCalendarDays(from, Math.floor(next() * 10)) }];
    }
    pairs.push({ accepted, completed, suspensions });
  }
  return pairs;
}

/** Run `fn` over all pairs; returns seconds taken and the sum of results (kept live). */
function timeIt(pairs: readonly Pair[], fn: (p: Pair) => number): { seconds: number; sum: number } {
  const t0 = performance.now();
  let sum = 0;
  for (const p of pairs) sum += fn(p);
  return { seconds: (performance.now() - t0) / 1000, sum };
}

function measure(id: string, title: string, pairs: readonly Pair[], log: (m: string) => void): BenchFigure {
  const cal = defaultCalendar();
  const indexed = (p: Pair): number => cal.workingDaysBetween(p.accepted, p.completed, p.suspensions);
  const loop = (p: Pair): number => dayByDayWorkingDays(cal, p.accepted, p.completed, p.suspensions);

  // Warm both paths up so the JIT has compiled them before timing.
  const warm = pairs.slice(0, 20_000);
  timeIt(warm, indexed);
  timeIt(warm, loop);

  // The indexed path is fast enough that a single pass is noisy: take the best of 5.
  let best = Number.POSITIVE_INFINITY;
  let indexedSum = 0;
  for (let r = 0; r < 5; r++) {
    const t = timeIt(pairs, indexed);
    best = Math.min(best, t.seconds);
    indexedSum = t.sum;
  }
  const slow = timeIt(pairs, loop);
  const value = pairs.length / best;
  const baseline = pairs.length / slow.seconds;
  const ratio = value / baseline;
  log(
    `${id}: indexed ${Math.round(value).toLocaleString('en')}/s, loop ${Math.round(baseline).toLocaleString('en')}/s, ×${ratio.toFixed(1)}`,
  );
  return {
    id,
    title,
    value,
    unit: 'durations/s',
    baseline,
    baselineLabel: 'day-by-day loop (dayByDayWorkingDays) on the same pairs',
    ratio,
    goal: '> 1',
    met: ratio > 1 && indexedSum === slow.sum,
    details: {
      pairs: pairs.length,
      maxSpanDays: MAX_SPAN_DAYS,
      years: '2019-2026',
      withSuspension: pairs.filter((p) => p.suspensions !== undefined).length,
      indexedSeconds: Number(best.toFixed(4)),
      loopSeconds: Number(slow.seconds.toFixed(4)),
      sameTotals: indexedSum === slow.sum ? 'yes' : `no (${indexedSum} vs ${slow.sum})`,
    },
  };
}

/** Benchmarks of the working-day calendar, run by test/bench. */
export const benchmarks: Benchmark[] = [
  {
    name: 'calendar',
    run: async (ctx) => {
      const plain = makePairs(PAIRS, 0, 20_240_930);
      const suspended = makePairs(PAIRS, 0.3, 20_250_101);
      return [
        measure(
          'calendar.durations',
          'Working-day durations per second, indexed calendar vs day-by-day loop (200k pairs, spans ≤ 60 days)',
          plain,
          ctx.log,
        ),
        measure(
          'calendar.durations-suspended',
          'Same with one suspension on 30% of the pairs',
          suspended,
          ctx.log,
        ),
      ];
    },
  },
];
