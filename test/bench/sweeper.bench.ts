/**
 * Issue 6's sweeper figure: items the scheduled sweeper reads in one run with 200,000
 * closed + 5,000 open cases in the table, against 2,000 closed + 5,000 open (the
 * baseline, measured in the same run). Closed cases carry no open-index keys, so the
 * sweeper reads only the open cases whose colour changes today: the ratio should be
 * about 1. `--full` uses 1,000,000 closed cases. The large side is the run's shared
 * table of completed cases (large-case-table.ts, also measured by the curves
 * benchmark); everything is loaded directly with BatchWriteItem using the store's own
 * `caseItem`.
 */
import { addCalendarDays, defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase } from '../../functions/domain/cases/case.js';
import { standingOf } from '../../functions/domain/cases/standing.js';
import { createPlatform } from '../../functions/platform.js';
import { caseItem } from '../../functions/store/cases.js';
import type { StoreClient } from '../../functions/store/client.js';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import type { Benchmark } from './bench-types.js';
import { largeCaseTable } from './large-case-table.js';
import { benchEnv, loadDirect } from './support.js';

const OPEN = 5_000;
const TODAY = '2026-11-20';
const NOW = new Date('2026-11-20T10:00:00+08:00');
const YESTERDAY = '2026-11-19';
const LIMITS = [{ effectiveFrom: '1900-01-01', statutoryDays: 18, promisedDays: 6 }];
const calendar = defaultCalendar();

function record(id: string, accepted: string, completed: string | undefined) {
  const built = buildCase(
    {
      caseId: id,
      serviceCode: 'FOOD',
      acceptedAt: `${accepted}T09:30:00+08:00`,
      completedAt: completed ? `${completed}T16:00:00+08:00` : undefined,
    },
    { today: TODAY, departmentId: 'market', district: '浦东新区', limits: LIMITS, calendar },
  );
  if (!built.ok) throw new Error(built.errors.join('; '));
  return built.record;
}

/** Closed cases over two years: no open-index keys. */
function* closedCases(n: number, prefix: string): Generator<Record<string, unknown>> {
  for (let i = 0; i < n; i++) {
    const accepted = addCalendarDays('2024-11-01', i % 700);
    const r = record(`${prefix}${i}`, accepted, addCalendarDays(accepted, 1 + (i % 9)));
    yield caseItem(r, {}, { warning: 'green', nextCheck: undefined });
  }
}

/**
 * Open cases accepted over the last 40 days, stored as the sweeper left them yesterday:
 * those whose colour changes today are due.
 */
function* openCases(): Generator<Record<string, unknown>> {
  for (let i = 0; i < OPEN; i++) {
    const r = record(`O${i}`, addCalendarDays(TODAY, -(i % 40)), undefined);
    yield caseItem(r, {}, standingOf(r, YESTERDAY, calendar));
  }
}

async function measure(store: StoreClient) {
  const p = createPlatform(store, { now: () => NOW });
  const started = performance.now();
  const result = await sweep(p);
  return { ...result, ms: performance.now() - started };
}

const sweeper: Benchmark = {
  name: 'sweeper: items read per run with many vs few closed cases (5,000 open)',
  run: async ({ full, log }) => {
    const env = await benchEnv('sweep_small');
    try {
      const small = env.store;
      await loadDirect(small, closedCases(2_000, 'S'), 8);
      await loadDirect(small, openCases(), 8);
      // The large side is the run's shared table of completed cases (see
      // large-case-table.ts) with the same 5,000 open cases added.
      const shared = await largeCaseTable(full, log);
      const large = shared.env.store;
      const big = shared.cases;
      await loadDirect(large, openCases(), 8);
      const baseline = await measure(small);
      const value = await measure(large);
      log(
        `items read: ${value.itemsRead} (${value.ms.toFixed(0)} ms) vs ${baseline.itemsRead} (${baseline.ms.toFixed(0)} ms)`,
      );
      const ratio = value.itemsRead / baseline.itemsRead;
      return [
        {
          id: `sweeper.items-read-${big / 1000}k`,
          title: `Sweeper items read per run: ${big.toLocaleString('en')} closed + ${OPEN.toLocaleString('en')} open cases`,
          value: value.itemsRead,
          unit: 'items',
          baseline: baseline.itemsRead,
          baselineLabel: '2,000 closed + 5,000 open cases, same run',
          ratio,
          goal: '≈ 1 (cost follows the items due, not the table)',
          met: ratio > 0.9 && ratio < 1.1,
          details: {
            closedLarge: big,
            closedSmall: 2_000,
            open: OPEN,
            updatedLarge: value.updated,
            updatedSmall: baseline.updated,
            msLarge: Number(value.ms.toFixed(1)),
            msSmall: Number(baseline.ms.toFixed(1)),
            timeRatio: Number((value.ms / baseline.ms).toFixed(2)),
          },
        },
      ];
    } finally {
      await env.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [sweeper];
