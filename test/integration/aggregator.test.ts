import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../functions/store/aggregator.js';
import { recount } from '../../functions/usecases/recount.js';
import { toLambdaRecord } from '../../infra/local/stream-poller.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;

/** Every record currently on the table's stream, in Lambda's shape. */
async function streamRecords(): Promise<DynamoDBRecord[]> {
  const table = await t.platform.store.raw.send(new DescribeTableCommand({ TableName: t.tableName }));
  const arn = table.Table!.LatestStreamArn!;
  const streams = new DynamoDBStreamsClient({
    endpoint: t.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const out: DynamoDBRecord[] = [];
  const shards =
    (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
  for (const shard of shards) {
    let it = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (it) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
      out.push(...(page.Records ?? []).map((r) => toLambdaRecord(r, arn)));
      if (!page.Records?.length) break;
      it = page.NextShardIterator;
    }
  }
  streams.destroy();
  return out;
}

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  const system = await t.token('system');
  const cases = Array.from({ length: 60 }, (_, i) => ({
    caseId: `A${i}`,
    serviceCode: i % 3 ? 'FOOD' : 'BUILD',
    acceptedAt: '2026-03-02T09:00:00+08:00',
    completedAt: `2026-03-${String(3 + (i % 20)).padStart(2, '0')}T17:00:00+08:00`,
    windowId: i % 2 ? 'market-w1' : undefined,
    staffId: `s${i % 4}`,
    updatedAt: '2026-03-25T09:00:00+08:00',
  }));
  const res = await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
  expect(res.status).toBe(200);
  // A correction: one case's completion moves later, which must move it between buckets.
  await t.call('POST', '/api/v1/cases:batch', {
    token: system,
    body: {
      cases: [
        { ...cases[1], completedAt: '2026-04-07T10:00:00+08:00', updatedAt: '2026-04-07T10:00:00+08:00' },
      ],
    },
  });
});
afterAll(() => t?.stop());

describe('stream aggregator', () => {
  it('applies each record exactly once when every batch is delivered twice', async () => {
    const records = await streamRecords();
    expect(records.length).toBeGreaterThan(60);
    for (let i = 0; i < records.length; i += 25) {
      const batch = records.slice(i, i + 25);
      expect((await aggregateRecords(t.platform.aggregates, batch)).batchItemFailures).toEqual([]);
      expect((await aggregateRecords(t.platform.aggregates, batch)).batchItemFailures).toEqual([]);
    }
    const check = await recount(t.platform);
    expect(check.differences).toEqual([]);
    const { months } = await t.platform.aggregates.readAggregates('svc', 'FOOD', '2026-03', '2026-04');
    expect(months.get('2026-03')?.cases).toBe(39);
    expect(months.get('2026-04')?.cases).toBe(1);
  });

  it('survives a crash between batches: a redelivery from an older checkpoint counts nothing twice', async () => {
    const records = await streamRecords();
    // A consumer that crashed after the first half redelivers from the start with other batch boundaries.
    for (let i = 0; i < records.length; i += 7)
      await aggregateRecords(t.platform.aggregates, records.slice(i, i + 7));
    // And the poller replays the whole stream again from TRIM_HORIZON.
    await t.drain();
    const check = await recount(t.platform);
    expect(check.rawItems).toBe(60);
    expect(check.differences).toEqual([]);
  });

  it('reaches the aggregates within seconds of a write through the API', async () => {
    t.poller.start();
    const system = await t.token('system');
    const started = performance.now();
    await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: {
        cases: [
          {
            caseId: 'LIVE1',
            serviceCode: 'BUILD',
            acceptedAt: '2026-05-06T09:00:00+08:00',
            completedAt: '2026-05-08T09:00:00+08:00',
          },
        ],
      },
    });
    let cases = 0;
    while (performance.now() - started < 30_000) {
      const { months } = await t.platform.aggregates.readAggregates('svc', 'BUILD', '2026-05', '2026-05');
      cases = months.get('2026-05')?.cases ?? 0;
      if (cases === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const delayMs = Math.round(performance.now() - started);
    console.log(`write → aggregate delay: ${delayMs} ms`);
    expect(cases).toBe(1);
  });
});
