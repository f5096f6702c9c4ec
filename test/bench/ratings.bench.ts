/**
 * Issue 4's figures: rating submissions per second through `POST /api/v1/ratings`
 * (token check, rate-limit counter, case read, one conditional put) against raw
 * conditional PutItem of the same rating items in the same run; and a load of 2,000
 * concurrent submissions over 500 completed cases (each submitted four times): exactly
 * 500 ratings stored, and after the stream has drained the aggregates equal a recount
 * (`contributionsOf` summed over the raw items, compared with `readAggregates`).
 */
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { createApiApp } from '../../functions/api/local-app.js';
import {
  accumulate,
  type Counters,
  parseAggregateId,
} from '../../functions/domain/aggregates/contribution.js';
import { contributionsOf } from '../../functions/domain/aggregates/contributors.js';
import { addCalendarDays, beijingDate, defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase, type CaseRecord } from '../../functions/domain/cases/case.js';
import { issueRatingToken } from '../../functions/domain/rating-token.js';
import { buildRating, type Score } from '../../functions/domain/ratings/rating.js';
import { createPlatform, type Platform, setPlatform } from '../../functions/platform.js';
import { aggregateRecords } from '../../functions/store/aggregator.js';
import { caseItem } from '../../functions/store/cases.js';
import type { StoreClient } from '../../functions/store/client.js';
import { ratingItem } from '../../functions/store/ratings.js';
import { StreamPoller } from '../../infra/local/stream-poller.js';
import type { BenchFigure, Benchmark } from './bench-types.js';
import { benchEnv, loadDirect, pool, rawPutRate } from './support.js';

const LIMITS = [{ effectiveFrom: '1900-01-01', statutoryDays: 18, promisedDays: 6 }];
const WRITERS = 32;

/** A realistic spread of scores (about 7% bad reviews), deterministic by index. */
const scoreOf = (i: number): Score => ([5, 5, 5, 4, 5, 4, 5, 3, 5, 4, 5, 5, 2, 5, 4] as const)[i % 15]!;

/** A completed case two days ago (so its rating token is valid now). */
function completedCase(id: string, i: number, now: Date): CaseRecord {
  const today = beijingDate(now);
  const done = addCalendarDays(today, -2);
  const built = buildCase(
    {
      caseId: id,
      serviceCode: 'FOOD',
      acceptedAt: `${addCalendarDays(done, -3)}T09:30:00+08:00`,
      completedAt: `${done}T10:00:00+08:00`,
      windowId: `market-w${i % 3}`,
      staffId: `s${i % 7}`,
    },
    { today, departmentId: 'market', district: '浦东新区', limits: LIMITS, calendar: defaultCalendar() },
  );
  if (!built.ok) throw new Error(built.errors.join('; '));
  return built.record;
}

async function setUpCatalogue(p: Platform) {
  await p.catalogue.putDepartment({ id: 'market', name: '市场监督管理局', district: '浦东新区' });
  await p.catalogue.putService({ code: 'FOOD', name: '食品经营许可', departmentId: 'market' }, LIMITS[0]!);
}

async function loadCases(store: StoreClient, records: CaseRecord[]) {
  await loadDirect(
    store,
    records.map((r) => caseItem(r, {}, { warning: 'green', nextCheck: undefined })),
  );
}

function submitter(secret: string) {
  const app = createApiApp();
  return async (record: CaseRecord, score: Score): Promise<number> => {
    const token = issueRatingToken(secret, record.caseId, new Date(record.completedAt!));
    const res = await app.request('/api/v1/ratings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        caseId: record.caseId,
        token,
        score,
        ...(score <= 2 ? { comment: '等了很久' } : {}),
      }),
    });
    await res.arrayBuffer();
    return res.status;
  };
}

const throughput: Benchmark = {
  name: 'rating submissions: POST /api/v1/ratings vs raw conditional PutItem',
  run: async ({ full, log }) => {
    const env = await benchEnv('ratings');
    try {
      const secret = process.env.WOODPECKER_SECRET!;
      const now = new Date();
      await setUpCatalogue(env.platform);
      const raw = await env.newTable('ratings-raw');
      const n = full ? 10_000 : 2_000;
      const submit = submitter(secret);
      const calendar = defaultCalendar();
      let apiRate = 0;
      let rawRate = 0;
      let created = 0;
      // Alternate the two sides three times and keep each side's best (the first round
      // also warms the JIT), so a noisy neighbour on the machine does not decide the ratio.
      for (let round = 0; round < 3; round++) {
        const records = Array.from({ length: n }, (_, i) => completedCase(`RB${round}-${i}`, i, now));
        await loadCases(env.store, records);
        const jobs = records.map((r, i) => ({ r, score: scoreOf(i) }));
        const t0 = performance.now();
        await pool(jobs, WRITERS, async ({ r, score }) => {
          if ((await submit(r, score)) === 201) created++;
        });
        apiRate = Math.max(apiRate, n / ((performance.now() - t0) / 1000));
        const items = jobs.map(({ r, score }) =>
          ratingItem(
            buildRating(
              { score, ...(score <= 2 ? { comment: '等了很久' } : {}) },
              { ...r, completedAt: r.completedAt! },
              { now, calendar, secret },
            ),
          ),
        );
        rawRate = Math.max(rawRate, await rawPutRate(raw, items, WRITERS));
        log(`round ${round + 1}: API ${apiRate.toFixed(0)}/s, raw PutItem ${rawRate.toFixed(0)}/s`);
      }
      return [
        {
          id: 'ratings.submit',
          title: 'Rating submissions through POST /api/v1/ratings',
          value: apiRate,
          unit: 'ratings/s',
          baseline: rawRate,
          baselineLabel: `raw conditional PutItem of the same rating items, ${WRITERS} writers`,
          ratio: apiRate / rawRate,
          goal: '>= 0.5',
          met: apiRate / rawRate >= 0.5,
          details: { ratingsPerSide: 3 * n, created, concurrentSubmissions: WRITERS },
        },
      ];
    } finally {
      await env.stop();
    }
  },
};

async function scanAll(store: StoreClient): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out: ScanCommandOutput = await store.doc.send(
      new ScanCommand({ TableName: store.tableName, ExclusiveStartKey: startKey }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const load: Benchmark = {
  name: 'rating load: 2,000 concurrent submissions over 500 cases, aggregates vs recount',
  run: async ({ log }) => {
    const env = await benchEnv('ratings-load');
    const poller = new StreamPoller({
      client: env.store.raw,
      endpoint: env.dynamo.endpoint,
      tableName: env.store.tableName,
      handler: (event) => aggregateRecords(env.platform.aggregates, event.Records),
    });
    try {
      const secret = process.env.WOODPECKER_SECRET!;
      const now = new Date();
      const p = createPlatform(env.store);
      setPlatform(p);
      await setUpCatalogue(p);
      const cases = Array.from({ length: 500 }, (_, i) => completedCase(`RL${i}`, i, now));
      await loadCases(env.store, cases);
      const submit = submitter(secret);
      // Each case four times with different scores, interleaved, all at once.
      const jobs = Array.from({ length: 2_000 }, (_, k) => ({ r: cases[k % 500]!, score: scoreOf(k) }));
      const t0 = performance.now();
      const statuses = await Promise.all(jobs.map(({ r, score }) => submit(r, score)));
      const seconds = (performance.now() - t0) / 1000;
      const byStatus: Record<string, number> = {};
      for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
      log(`2,000 submissions in ${seconds.toFixed(1)} s: ${JSON.stringify(byStatus)}`);

      let quiet = 0;
      const d0 = performance.now();
      for (let i = 0; i < 2_000 && quiet < 2; i++) quiet = (await poller.pollOnce()) === 0 ? quiet + 1 : 0;
      log(`stream drained in ${((performance.now() - d0) / 1000).toFixed(1)} s`);

      const items = await scanAll(env.store);
      const ratings = items.filter((i) => i.type === 'rating');
      const recount = new Map<string, Counters>();
      for (const item of items) accumulate(recount, contributionsOf(item));
      let compared = 0;
      const mismatches: string[] = [];
      for (const [key, expected] of recount) {
        const { scope, id, month } = parseAggregateId(key);
        const { months } = await env.platform.aggregates.readAggregates(scope, id, month, month);
        const actual = months.get(month) ?? {};
        const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
        for (const name of names) {
          compared++;
          if ((expected[name] ?? 0) !== (actual[name] ?? 0))
            mismatches.push(`${key}.${name}: recount ${expected[name] ?? 0}, aggregate ${actual[name] ?? 0}`);
        }
      }
      if (mismatches.length) log(`mismatches: ${mismatches.slice(0, 5).join('; ')}`);
      const figures: BenchFigure[] = [
        {
          id: 'ratings.load.stored',
          title: 'Ratings stored after 2,000 concurrent submissions over 500 cases',
          value: ratings.length,
          unit: 'ratings',
          baseline: 500,
          baselineLabel: 'completed cases',
          ratio: ratings.length / 500,
          goal: 'exactly 1 (one rating per case)',
          met: ratings.length === 500 && byStatus['201'] === 500,
          details: { ...byStatus, seconds: Number(seconds.toFixed(2)) },
        },
        {
          id: 'ratings.load.recount',
          title: 'Aggregate counters equal to a recount from raw items, after the stream drained',
          value: compared - mismatches.length,
          unit: 'counters equal',
          baseline: compared,
          baselineLabel: 'counters compared',
          ratio: compared ? (compared - mismatches.length) / compared : 0,
          goal: '1 (no difference)',
          met: compared > 0 && mismatches.length === 0,
          details: { aggregates: recount.size, mismatches: mismatches.length },
        },
      ];
      return figures;
    } finally {
      await poller.stop();
      await env.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [throughput, load];
