/**
 * Issue 21, item 5: a province's peak, simulated through the platform's own write paths.
 * A slice of the busiest day at peak rate (test/bench/province/peak-rates.ts says what is
 * assumed and why) is replayed for real against DynamoDB Local: upstream case pushes
 * through `POST /api/v1/cases:batch`, ratings through `POST /api/v1/ratings`, critiques
 * through `POST /api/v1/critiques`, and then the table's stream through the real
 * aggregator in the batches the event source mapping would deliver at that rate (so its
 * coalescing is the real one). Every write is priced by item size per partition key, for
 * the table and each index (test/bench/province/write-recorder.ts); divided by the
 * slice's length that is each key's write units a second at peak. Goal: the hottest key at
 * most 100 (a tenth of a partition's 1,000).
 *
 * `npm run bench -- province` (about a minute; `--full` replays four times as long).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { createApiApp } from '../../functions/api/local-app.js';
import { aggregatedTypes } from '../../functions/domain/aggregates/contributors.js';
import { CATEGORIES } from '../../functions/domain/critiques/model.js';
import { issueRatingToken } from '../../functions/domain/rating-token.js';
import { createPlatform, setPlatform } from '../../functions/platform.js';
import { aggregateRecords } from '../../functions/store/aggregator.js';
import { createStoreClient } from '../../functions/store/client.js';
import type { BenchFigure, Benchmark } from './bench-types.js';
import {
  BUSIEST_DAY_FACTOR,
  busiestDepartmentShare,
  catalogueSize,
  PEAK_FACTOR,
  peakRates,
  SERVICES_PER_DEPARTMENT,
  STAFF_PER_DEPARTMENT,
  WINDOWS_PER_DEPARTMENT,
  zipfDepartments,
} from './province/peak-rates.js';
import { type Change, recordWrites } from './province/write-recorder.js';
import { benchEnv, pool } from './support.js';

/** DynamoDB Streams has a shard per table partition; a new on-demand table starts with 4. */
const STREAM_SHARDS = 4;
/** The aggregator's event source mapping (infra/stacks/api-stack.ts). */
const MAPPING = { batchSize: 100, windowSeconds: 2 };
const GOAL_UNITS_PER_SECOND = 100;
const NOW = new Date('2026-11-23T10:00:00+08:00'); // a Monday
const ACCEPTED_EARLIER = '2026-11-18T09:30:00+08:00';

const hash = (s: string) => {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
};

/** Key families for the report: ids replaced by what they are. */
export function familyOf(key: string): string {
  return key
    .replace(/^CASE#.*/, 'CASE#<case>')
    .replace(/^CRIT#.*/, 'CRIT#<code>')
    .replace(/^(RL|RATE|LIMIT)#.*/, '$1#<client>')
    .replace(/#d\d+/g, '#<department>')
    .replace(/#S\d+-\d+/g, '#<service>');
}

function streamRecord(change: Change, i: number): DynamoDBRecord {
  const images = {
    ...(change.oldImage ? { OldImage: marshall(change.oldImage, { removeUndefinedValues: true }) } : {}),
    ...(change.newImage ? { NewImage: marshall(change.newImage, { removeUndefinedValues: true }) } : {}),
  } as NonNullable<DynamoDBRecord['dynamodb']>;
  return {
    eventID: `peak-${i}`,
    eventName: !change.oldImage ? 'INSERT' : !change.newImage ? 'REMOVE' : 'MODIFY',
    dynamodb: { ...images, SequenceNumber: String(i) },
  } as DynamoDBRecord;
}

const provincePeak: Benchmark = {
  name: "a province's peak: write units per partition key (hottest key vs 100 WCU/s)",
  run: async ({ full, log }) => {
    const seconds = full ? 120 : 30;
    const env = await benchEnv('province');
    const saved = process.env.WOODPECKER_CRITIQUE_LIMITS;
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=1000000/3600,address=1000000/3600';
    const peek = createStoreClient({ tableName: env.store.tableName, endpoint: env.dynamo.endpoint });
    const recorder = recordWrites(env.store, peek);
    try {
      // The platform's clock starts at the replayed moment and runs on from there.
      const started = Date.now();
      const p = createPlatform(env.store, { now: () => new Date(NOW.getTime() + Date.now() - started) });
      setPlatform(p);
      const app = createApiApp();
      const system = await env.token('system');
      const call = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
        const res = await app.request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status >= 300) throw new Error(`${url}: ${res.status} ${text.slice(0, 300)}`);
        return JSON.parse(text) as { results?: { status: string }[] };
      };

      const caseWrites = Math.round(peakRates.caseWrites * seconds);
      const half = Math.floor(caseWrites / 2);
      const ratings = Math.round(peakRates.ratings * seconds);
      const critiques = Math.max(1, Math.round(peakRates.critiques * seconds));
      const draws = zipfDepartments(2 * half);
      log(
        `peak: ${peakRates.caseWrites.toFixed(1)} case writes, ${peakRates.ratings.toFixed(1)} ratings, ${peakRates.critiques.toFixed(2)} critiques a second; replaying ${seconds} s: ${caseWrites} case writes, ${ratings} ratings, ${critiques} critiques`,
      );

      // The catalogue the slice touches, and the cases it completes (accepted days ago),
      // not counted: they are the state the peak finds.
      recorder.pause(true);
      const departments = [...new Set(draws)];
      await pool(departments, 16, async (k) => {
        const id = `d${k}`;
        await p.catalogue.putDepartment({
          id,
          name: `部门${k}`,
          district: `区${k % catalogueSize.districts}`,
        });
        for (let j = 0; j < SERVICES_PER_DEPARTMENT; j++)
          await p.catalogue.putService(
            { code: `S${k}-${j}`, name: `事项${k}-${j}`, departmentId: id },
            { effectiveFrom: '1900-01-01', statutoryDays: 20, promisedDays: 10 },
          );
        for (let j = 0; j < WINDOWS_PER_DEPARTMENT; j++)
          await p.catalogue.putWindow({ id: `${id}-w${j}`, name: `窗口${j}`, departmentId: id });
      });
      const caseOf = (i: number, completed: boolean) => {
        const k = draws[i]!;
        return {
          caseId: `P${i}`,
          serviceCode: `S${k}-${i % SERVICES_PER_DEPARTMENT}`,
          acceptedAt: completed ? ACCEPTED_EARLIER : NOW.toISOString(),
          ...(completed ? { completedAt: NOW.toISOString() } : {}),
          windowId: `d${k}-w${i % WINDOWS_PER_DEPARTMENT}`,
          staffId: `d${k}-s${i % STAFF_PER_DEPARTMENT}`,
          applicantPhone: `1380000${String(i).padStart(4, '0')}`,
        };
      };
      const push = async (cases: unknown[]) => {
        for (let i = 0; i < cases.length; i += 500)
          await call(
            '/api/v1/cases:batch',
            { cases: cases.slice(i, i + 500) },
            { authorization: `Bearer ${system}` },
          );
      };
      const open = Array.from({ length: half }, (_, i) => ({
        ...caseOf(i, false),
        acceptedAt: ACCEPTED_EARLIER,
      }));
      await push(open);
      recorder.takeChanges();
      recorder.reset();
      recorder.pause(false);

      // The slice: each upstream system's pushes (new cases and completions interleaved),
      // the ratings of cases completed now, and the critiques.
      const pushes: unknown[][] = [];
      for (let i = 0; i < half; i += 100)
        pushes.push([
          ...Array.from({ length: Math.min(100, half - i) }, (_, j) => caseOf(i + j, true)),
          ...Array.from({ length: Math.min(100, half - i) }, (_, j) => caseOf(half + i + j, false)),
        ]);
      await pool(pushes, 2, push);
      const secret = process.env.WOODPECKER_SECRET!;
      await pool(
        Array.from({ length: ratings }, (_, i) => i),
        8,
        async (i) => {
          const caseId = `P${i * Math.max(1, Math.floor(half / ratings))}`;
          const score = i % 14 === 0 ? 1 : i % 5 === 0 ? 4 : 5;
          await call('/api/v1/ratings', {
            caseId,
            token: issueRatingToken(secret, caseId, NOW),
            score,
            ...(score <= 2 ? { comment: '等了很久，材料要求前后不一致' } : {}),
          });
        },
      );
      await pool(
        Array.from({ length: critiques }, (_, i) => i),
        4,
        async (i) => {
          const k = draws[i]!;
          await call(
            '/api/v1/critiques',
            {
              category: CATEGORIES[i % CATEGORIES.length],
              text: `第 ${i} 条找茬：窗口排队时间过长，建议增加自助机。`,
              targetType: 'department',
              targetId: `d${k}`,
            },
            { 'user-agent': `peak-${i}`, 'x-forwarded-for': `10.1.${i % 250}.${(i >> 8) % 250}` },
          );
        },
      );

      // The stream, as the mapping delivers it: only the aggregated types pass the
      // filter; records go to shards by key and each shard's records come in batches of
      // what arrives in the batching window.
      const aggregated = new Set(aggregatedTypes());
      const changes = recorder
        .takeChanges()
        .filter((c) => aggregated.has(String((c.newImage ?? c.oldImage)?.type)));
      const perShardRate = changes.length / seconds / STREAM_SHARDS;
      const batchSize = Math.max(
        1,
        Math.min(MAPPING.batchSize, Math.round(perShardRate * MAPPING.windowSeconds)),
      );
      const shards: Change[][] = Array.from({ length: STREAM_SHARDS }, () => []);
      for (const c of changes) shards[hash(String((c.newImage ?? c.oldImage)!.pk)) % STREAM_SHARDS]!.push(c);
      let seq = 0;
      let invocations = 0;
      for (const shard of shards)
        for (let i = 0; i < shard.length; i += batchSize) {
          const batch = shard.slice(i, i + batchSize).map((c) => streamRecord(c, seq++));
          const out = await aggregateRecords(p.aggregates, batch);
          if (out.batchItemFailures.length) throw new Error('aggregator reported failures');
          invocations++;
        }
      recorder.takeChanges();

      const loads = recorder.loads().map((l) => ({ ...l, perSecond: l.units / seconds }));
      loads.sort((a, b) => b.perSecond - a.perSecond);
      const hottest = loads[0]!;
      const top = loads.slice(0, 15);
      const totalPerSecond = loads.reduce((s, l) => s + l.perSecond, 0);
      const families = new Map<string, { units: number; keys: number }>();
      for (const l of loads) {
        const f = `${l.index} ${familyOf(l.key)}`;
        const cur = families.get(f) ?? { units: 0, keys: 0 };
        cur.units += l.perSecond;
        cur.keys += 1;
        families.set(f, cur);
      }
      const table = [
        `Province peak (${seconds} s replayed; busiest day ${BUSIEST_DAY_FACTOR}× a mean working day, peak ${PEAK_FACTOR}× that day's mean rate):`,
        `${peakRates.caseWrites.toFixed(1)} case writes/s, ${peakRates.ratings.toFixed(1)} ratings/s, ${peakRates.critiques.toFixed(2)} critiques/s;`,
        `busiest department ${(busiestDepartmentShare() * 100).toFixed(1)} % of cases; stream: ${STREAM_SHARDS} shards, batches of ${batchSize} records (${invocations} aggregator invocations).`,
        `Table and index writes in all: ${totalPerSecond.toFixed(0)} WCU/s.`,
        '',
        '| rank | index | partition key | WCU/s at peak | writes/s |',
        '| ---: | --- | --- | ---: | ---: |',
        ...top.map(
          (l, i) =>
            `| ${i + 1} | ${l.index} | \`${l.key}\` | ${l.perSecond.toFixed(1)} | ${(l.writes / seconds).toFixed(1)} |`,
        ),
        '',
        '| index and key family | keys | WCU/s in all |',
        '| --- | ---: | ---: |',
        ...[...families]
          .sort((a, b) => b[1].units - a[1].units)
          .slice(0, 12)
          .map(([f, v]) => `| \`${f}\` | ${v.keys} | ${v.units.toFixed(1)} |`),
      ].join('\n');
      for (const line of table.split('\n').slice(0, 25)) log(line);
      writeFileSync(path.join(process.cwd(), '.bench', 'province-peak.md'), `${table}\n`);
      return [
        {
          id: 'province.hottestKey',
          title: `Hottest partition key at a province's peak (${hottest.index} ${hottest.key})`,
          value: hottest.perSecond,
          unit: 'WCU/s',
          baseline: GOAL_UNITS_PER_SECOND * 10,
          baselineLabel: "one partition's write limit (1,000 WCU/s)",
          ratio: hottest.perSecond / (GOAL_UNITS_PER_SECOND * 10),
          goal: `<= 0.1 (${GOAL_UNITS_PER_SECOND} WCU/s)`,
          met: hottest.perSecond <= GOAL_UNITS_PER_SECOND,
          details: {
            seconds,
            caseWritesPerSecond: Number(peakRates.caseWrites.toFixed(1)),
            ratingsPerSecond: Number(peakRates.ratings.toFixed(1)),
            critiquesPerSecond: Number(peakRates.critiques.toFixed(2)),
            streamBatch: batchSize,
            totalUnitsPerSecond: Math.round(totalPerSecond),
            top: top
              .slice(0, 5)
              .map((l) => `${l.index} ${l.key} ${l.perSecond.toFixed(1)}`)
              .join('; '),
          },
        },
      ] satisfies BenchFigure[];
    } finally {
      recorder.stop();
      if (saved === undefined) delete process.env.WOODPECKER_CRITIQUE_LIMITS;
      else process.env.WOODPECKER_CRITIQUE_LIMITS = saved;
      peek.raw.destroy();
      await env.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [provincePeak];
