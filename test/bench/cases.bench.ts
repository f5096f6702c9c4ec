/**
 * Issue 3's figures: ingest through `cases:batch` vs raw conditional PutItem, and the
 * curves endpoint's items read and latency with 200,000 cases vs 2,000 in the table.
 */
import { createApiApp } from '../../functions/api/local-app.js';
import type { Platform } from '../../functions/platform.js';
import { serviceCurves } from '../../functions/usecases/curves.js';
import type { Benchmark } from './bench-types.js';
import {
  aggregateItems,
  caseInput,
  largeCaseTable,
  MEASURED_CASES,
  putCaseCatalogue,
  storedItem,
} from './large-case-table.js';
import { benchEnv, loadDirect, median, pool, rawPutRate } from './support.js';

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
        const t0 = performance.now();
        await pool(batches, 2, async (cases) => {
          const res = await call('POST', '/api/v1/cases:batch', { cases }, system);
          const body = (await res.json()) as { results: { status: string }[] };
          created += body.results.filter((r) => r.status === 'created').length;
        });
        apiRate = Math.max(apiRate, n / ((performance.now() - t0) / 1000));
        const items = Array.from({ length: n }, (_, i) => storedItem(offset + i));
        rawRate = Math.max(rawRate, await rawPutRate(raw, items, 32));
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

const curvesFlat: Benchmark = {
  name: 'curves read cost vs table size',
  run: async ({ full, log }) => {
    // Small table: 2,000 cases of the measured service, in its own DynamoDB Local.
    const env = await benchEnv('curves');
    try {
      await putCaseCatalogue(env);
      const small = Array.from({ length: 2_000 }, (_, i) => storedItem(i));
      await loadDirect(env.store, [...small, ...aggregateItems(small)]);
      const large = await largeCaseTable(full, log);
      const measure = async (platform: Platform) => {
        const latencies: number[] = [];
        let itemsRead = 0;
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          const curves = await serviceCurves(platform, 'FOOD', '2024-01', '2025-12');
          latencies.push(performance.now() - t0);
          itemsRead = curves.itemsRead;
        }
        return { itemsRead, median: median(latencies.slice(5)) };
      };
      const target = large.cases;
      const a = await measure(env.platform);
      log(`2,000 cases: ${a.itemsRead} items read, median ${a.median.toFixed(2)} ms`);
      const b = await measure(large.env.platform);
      log(
        `${target.toLocaleString('en')} cases: ${b.itemsRead} items read, median ${b.median.toFixed(2)} ms`,
      );
      return [
        {
          id: 'curves.itemsRead',
          title: `Items read by the curves endpoint, ${target.toLocaleString('en')} vs 2,000 cases`,
          value: b.itemsRead,
          unit: 'items',
          baseline: a.itemsRead,
          baselineLabel: '2,000 cases',
          ratio: b.itemsRead / a.itemsRead,
          goal: '1 (same items read)',
          met: b.itemsRead === a.itemsRead,
          details: {
            measuredServiceCases: MEASURED_CASES,
            largeTableLoadSeconds: Math.round(large.loadSeconds),
          },
        },
        {
          id: 'curves.latency',
          title: `Median curves read latency, ${target.toLocaleString('en')} vs 2,000 cases`,
          value: b.median,
          unit: 'ms',
          baseline: a.median,
          baselineLabel: '2,000 cases (own DynamoDB Local, same run)',
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
