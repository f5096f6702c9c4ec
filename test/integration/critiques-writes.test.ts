/**
 * The guarantees of a critique submission's writes (issue 21): its rate limits hold
 * across two instances sharing the table (two platforms, each with its own DynamoDB
 * client), and a crash anywhere in a submission leaves either all of it or none of it
 * — counters, dedup entry and critique are one TransactWriteItems, the only write a new
 * submission sends.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../functions/platform.js';
import { createStoreClient, type StoreClient } from '../../functions/store/client.js';
import { type Submitter, submitCritique } from '../../functions/usecases/critiques/submit.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
const savedLimits = process.env.WOODPECKER_CRITIQUE_LIMITS;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
});
afterAll(async () => {
  if (savedLimits === undefined) delete process.env.WOODPECKER_CRITIQUE_LIMITS;
  else process.env.WOODPECKER_CRITIQUE_LIMITS = savedLimits;
  await t?.stop();
});

/** Another instance: its own client to the same table, the test's clock. */
function instance(): { platform: Platform; store: StoreClient; sent: string[] } {
  const store = createStoreClient({ tableName: t.tableName, endpoint: t.endpoint });
  const sent: string[] = [];
  store.raw.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return { platform: createPlatform(store, t.clock), store, sent };
}

/** Every item of the table whose partition key starts with `prefix`. */
async function itemsLike(prefix: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await t.platform.store.doc.send(
      new ScanCommand({
        TableName: t.tableName,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': prefix },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

const who = (identity: string, address: string): Submitter => ({ channel: 'web', identity, address });

describe('critique submission writes', () => {
  it('holds a client limit exactly across two instances submitting at once', async () => {
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=5/3600,address=1000/3600';
    const [a, b] = [instance(), instance()];
    const client = who('two-instances-browser', '10.21.0.1');
    const results = await Promise.allSettled(
      Array.from({ length: 14 }, (_, i) =>
        submitCritique(
          (i % 2 ? a : b).platform,
          { category: 'suggestion', text: `两个实例同时提交 ${i}` },
          client,
        ),
      ),
    );
    const created = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect((r as PromiseRejectedResult).reason.code).toBe('rate_limited');
    // Each accepted submission's critique is there, and nothing of the refused ones.
    const codes = created.map(
      (r) => (r as PromiseFulfilledResult<{ trackingCode: string }>).value.trackingCode,
    );
    expect((await t.platform.critiques.getMany(codes)).map((c) => c.trackingCode).sort()).toEqual(
      [...codes].sort(),
    );
    const texts = (await itemsLike('CRIT#'))
      .map((item) => String(item.text ?? ''))
      .filter((text) => text.startsWith('两个实例同时提交'));
    expect(texts).toHaveLength(5);
  });

  it('sends one write per new submission, and a crash before it is answered leaves all or nothing', async () => {
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=30/3600,address=300/3600';
    const counters = async () =>
      (await itemsLike('RL#critip:')).length + (await itemsLike('RL#crit:')).length;
    const dedups = async () => (await itemsLike('CRITDEDUP#')).length;

    // A normal submission: reads, then exactly one write request, the transaction.
    const normal = instance();
    const first = await submitCritique(
      normal.platform,
      { category: 'correction', text: '一次写入', targetType: 'service', targetId: 'FOOD' },
      who('one-write-browser', '10.21.0.2'),
    );
    expect(first.created).toBe(true);
    const writes = normal.sent.filter((c) => !/^(Get|BatchGet|Query|Scan)/.test(c));
    expect(writes).toEqual(['TransactWriteItemsCommand']);

    // The process dies as the transaction is sent: nothing at all is stored.
    const before = {
      counters: await counters(),
      dedups: await dedups(),
      critiques: (await itemsLike('CRIT#')).length,
    };
    const dying = instance();
    dying.store.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') throw new Error('crash before the write');
        return next(args);
      },
      { step: 'initialize', name: 'crashBefore' },
    );
    await expect(
      submitCritique(
        dying.platform,
        { category: 'correction', text: '崩溃之前' },
        who('crash-1', '10.21.0.3'),
      ),
    ).rejects.toThrow('crash before the write');
    expect({
      counters: await counters(),
      dedups: await dedups(),
      critiques: (await itemsLike('CRIT#')).length,
    }).toEqual(before);

    // The process dies right after the transaction was applied, before it sees the answer:
    // everything is stored, and the client's retry collapses into that critique.
    const lateCrash = instance();
    lateCrash.store.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'TransactWriteItemsCommand') throw new Error('crash after the write');
        return out;
      },
      { step: 'initialize', name: 'crashAfter' },
    );
    const body = { category: 'correction' as const, text: '崩溃之后' };
    const client = who('crash-2', '10.21.0.4');
    await expect(submitCritique(lateCrash.platform, body, client)).rejects.toThrow('crash after the write');
    expect(await counters()).toBe(before.counters + 2);
    expect(await dedups()).toBe(before.dedups + 1);
    const retried = await submitCritique(normal.platform, body, client);
    expect(retried.created).toBe(false);
    const stored = await t.platform.critiques.get(retried.trackingCode);
    expect(stored?.text).toBe('崩溃之后');
  });
});
