import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamPoller } from '../../infra/local/stream-poller.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

describe('local stream poller', () => {
  it('hands Lambda-shaped events to the handler and retries partial batch failures instead of dropping them', async () => {
    for (let i = 0; i < 30; i++) {
      await t.platform.store.doc.send(
        new PutCommand({ TableName: t.tableName, Item: { pk: `P#${i}`, sk: 'X', type: 'probe', n: i } }),
      );
    }
    const acknowledged: number[] = [];
    const failuresLeft = new Map<number, number>([
      [7, 2],
      [21, 1],
    ]);
    let throwOnce = true;
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      expect(event.Records[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventName: 'INSERT' });
      expect(typeof event.Records[0]!.dynamodb!.ApproximateCreationDateTime).toBe('number');
      if (throwOnce) {
        throwOnce = false;
        throw new Error('a crash in the handler');
      }
      for (const r of event.Records) {
        const n = Number(r.dynamodb!.NewImage!.n!.N);
        const left = failuresLeft.get(n) ?? 0;
        if (left > 0) {
          failuresLeft.set(n, left - 1);
          return { batchItemFailures: [{ itemIdentifier: r.dynamodb!.SequenceNumber! }] };
        }
        acknowledged.push(n);
      }
      return { batchItemFailures: [] };
    };
    const poller = new StreamPoller({
      client: t.platform.store.raw,
      endpoint: t.endpoint,
      tableName: t.tableName,
      handler,
      batchSize: 10,
    });
    for (let i = 0; i < 50 && acknowledged.length < 30; i++) await poller.pollOnce();
    await poller.stop();
    expect(acknowledged).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(poller.retries).toBeGreaterThanOrEqual(4);
  });
});
