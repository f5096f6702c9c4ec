/**
 * Issue 3's figures: ingest through `cases:batch` vs raw conditional PutItem, and the
 * curves endpoint's items read and latency with 200,000 cases vs 2,000 in the table.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createApiApp } from '../../functions/api/local-app.js';
import {
  accumulate,
  type Counters,
  parseAggregateId,
} from '../../functions/domain/aggregates/contribution.js';
import { contributionsOf } from '../../functions/domain/aggregates/contributors.js';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase } from '../../functions/domain/cases/case.js';
import { caseItem } from '../../functions/store/cases.js';
import { keys } from '../../functions/store/keys.js';
import { serviceCurves } from '../../functions/usecases/curves.js';
import type { Benchmark } from './bench-types.js';
import { benchEnv, loadDirect, median, pool } from './support.js';

const LIMITS = [{ effectiveFrom: '1900-01-01', statutoryDays: 18, promisedDays: 6 }];

function caseInput(i: number, service = 'FOOD') {
  const day = 1 + (i % 27);
  const month = 1 + (Math.floor(i / 27) % 12);
  const year = 2024 + (Math.floor(i / 324) % 2);
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const done = String(Math.min(28, day + 1 + (i % 5))).padStart(2, '0');
  return {
    caseId: `B${service}${i}`,
    serviceCode: service,
    acceptedAt: `${year}-${mm}-${dd}T09:30:00+08:00`,
    completedAt: `${year}-${mm}-${done}T16:00:00+08:00`,
    windowId: `w${i % 7}`,
    staffId: `s${i % 13}`,
    updatedAt: `${year}-${mm}-${done}T16:00:00+08:00`,
  };
}

function storedItem(i: number, service = 'FOOD') {
  const built = buildCase(caseInput(i, service), {
    today: '2026-11-20',
    departmentId: 'market',
    district: '浦东新区',
    limits: LIMITS,
    calendar: defaultCalendar(),
  });
  if (!built.ok) throw new Error(built.errors.join('; '));
  return caseItem(built.record, {}, { warning: 'green', nextCheck: undefined });
}

const ingest: Benchmark = {
  name: 'case ingest: cases:batch vs raw conditional PutItem',
  run: async ({ full, log }) => {
    const env = await benchEnv('ingest');
    try {
      const office = await env.token('office');
      const app = createApiApp();
      const call = (method: string, url: string, body: unknown, token: string) =>
        app.request(url, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await call(
        'PUT',
        '/api/v1/departments/market',
        { name: '市场监督管理局', district: '浦东新区' },
        office,
      );
      await call(
        'PUT',
        '/api/v1/services/FOOD',
        { name: '食品经营许可', departmentId: 'market', statutoryDays: 18, promisedDays: 6 },
        office,
      );
      const system = await env.token('system');
      const n = full ? 20_000 : 4_000;
      const raw = await env.newTable('ingest-raw');
      // Alternate the two sides twice and keep each side's best run, so a noisy
      // neighbour on the machine does not decide the ratio.
      let apiRate = 0;
      let rawRate = 0;
      let created = 0;
      for (let round = 0; round < 2; round++) {
        const offset = round * n;
        const batches = Array.from({ length: n / 500 }, (_, b) =>
          Array.from({ length: 500 }, (_, i) => caseInput(offset + b * 500 + i)),
        );
        let t0 = performance.now();
        await pool(batches, 2, async (cases) => {
          const res = await call('POST', '/api/v1/cases:batch', { cases }, system);
          const body = (await res.json()) as { results: { status: string }[] };
          created += body.results.filter((r) => r.status === 'created').length;
        });
        apiRate = Math.max(apiRate, n / ((performance.now() - t0) / 1000));
        const items = Array.from({ length: n }, (_, i) => storedItem(offset + i));
        t0 = performance.now();
        await pool(items, 32, async (Item) => {
          await raw.doc.send(
            new PutCommand({
              TableName: raw.tableName,
              Item,
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        });
        rawRate = Math.max(rawRate, n / ((performance.now() - t0) / 1000));
        log(`round ${round + 1}: API ${apiRate.toFixed(0)}/s, raw PutItem ${rawRate.toFixed(0)}/s`);
      }
      return [
        {
          id: 'cases.ingest',
          title: 'Case ingest through POST /api/v1/cases:batch',
          value: apiRate,
          unit: 'cases/s',
          baseline: rawRate,
          baselineLabel: 'raw conditional PutItem of the same items, 32 writers',
          ratio: apiRate / rawRate,
          goal: '>= 0.5',
          met: apiRate / rawRate >= 0.5,
          details: { casesPerSide: 2 * n, created, concurrentWrites: 32 },
        },
      ];
    } finally {
      await env.stop();
    }
  },
};

/** Aggregates for filler cases, computed from their contributions and written to shard 0. */
function aggregateItems(items: Record<string, unknown>[]) {
  const totals = new Map<string, Counters>();
  for (const item of items) accumulate(totals, contributionsOf(item));
  return [...totals].map(([key, counters]) => {
    const { scope, id, month } = parseAggregateId(key);
    return { ...keys.aggregate(scope, id, month, 0), type: 'agg', v: 1, scope, id, month, ...counters };
  });
}

const curvesFlat: Benchmark = {
  name: 'curves read cost vs table size',
  run: async ({ full, log }) => {
    const env = await benchEnv('curves');
    try {
      await env.platform.catalogue.putDepartment({
        id: 'market',
        name: '市场监督管理局',
        district: '浦东新区',
      });
      await env.platform.catalogue.putService(
        { code: 'FOOD', name: '食品经营许可', departmentId: 'market' },
        LIMITS[0]!,
      );
      await env.platform.catalogue.putService(
        { code: 'OTHER', name: '其他', departmentId: 'market' },
        LIMITS[0]!,
      );
      const measure = async () => {
        const latencies: number[] = [];
        let itemsRead = 0;
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          const curves = await serviceCurves(env.platform, 'FOOD', '2024-01', '2025-12');
          latencies.push(performance.now() - t0);
          itemsRead = curves.itemsRead;
        }
        return { itemsRead, median: median(latencies.slice(5)) };
      };
      // Small table: 2,000 cases of the measured service.
      const small = Array.from({ length: 2_000 }, (_, i) => storedItem(i));
      await loadDirect(env.store, [...small, ...aggregateItems(small)]);
      const a = await measure();
      log(`2,000 cases: ${a.itemsRead} items read, median ${a.median.toFixed(2)} ms`);
      // Large table: the rest as filler of another service plus more of the measured one.
      const target = full ? 1_000_000 : 200_000;
      const t0 = performance.now();
      const more = Array.from({ length: 18_000 }, (_, i) => storedItem(2_000 + i));
      await loadDirect(env.store, [...more, ...aggregateItems([...small, ...more])]);
      function* filler() {
        for (let i = 0; i < target - 20_000; i++) yield storedItem(i, 'OTHER');
      }
      const loaded = await loadDirect(env.store, filler(), 12);
      log(`loaded ${loaded + 18_000} more cases in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const b = await measure();
      log(`${target.toLocaleString()} cases: ${b.itemsRead} items read, median ${b.median.toFixed(2)} ms`);
      return [
        {
          id: 'curves.itemsRead',
          title: `Items read by the curves endpoint, ${target.toLocaleString()} vs 2,000 cases`,
          value: b.itemsRead,
          unit: 'items',
          baseline: a.itemsRead,
          baselineLabel: '2,000 cases',
          ratio: b.itemsRead / a.itemsRead,
          goal: '1 (same items read)',
          met: b.itemsRead === a.itemsRead,
        },
        {
          id: 'curves.latency',
          title: `Median curves read latency, ${target.toLocaleString()} vs 2,000 cases`,
          value: b.median,
          unit: 'ms',
          baseline: a.median,
          baselineLabel: '2,000 cases',
          ratio: b.median / a.median,
          goal: '<= 1.5',
          met: b.median / a.median <= 1.5,
        },
      ];
    } finally {
      await env.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [ingest, curvesFlat];
