import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../functions/domain/cases/case.js';
import { keys } from '../../functions/store/keys.js';
import type { SeedContext } from '../../infra/local/seed/index.js';
import { Random } from '../../infra/local/seed/random.js';
import { seedRankings } from '../../infra/local/seed/rankings.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
/** The context of the first run, which the retry reuses as a resumed start does. */
let firstRun: Omit<SeedContext, 'rnd'> | undefined;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00', background: true });
  await seedCatalogue(t);
  const system = await t.token('system');
  const cases: unknown[] = [];
  for (const [m, days] of [
    ['2026-08', ['03', '04']],
    ['2026-09', ['14', '15']],
    ['2026-10', ['12', '13']],
  ] as const) {
    for (let i = 0; i < 12; i++) {
      for (const svc of ['FOOD', 'BUILD']) {
        cases.push({
          caseId: `${svc}-${m}-${i}`,
          serviceCode: svc,
          acceptedAt: `${m}-${days[0]}T09:00:00+08:00`,
          completedAt: `${m}-${days[1]}T15:00:00+08:00`,
          windowId: svc === 'FOOD' ? 'market-w1' : undefined,
        });
      }
    }
  }
  cases.push({ caseId: 'LATE-1', serviceCode: 'FOOD', acceptedAt: '2026-10-20T09:00:00+08:00' });
  cases.push({ caseId: 'LATE-2', serviceCode: 'BUILD', acceptedAt: '2026-10-12T09:00:00+08:00' });
  const res = await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
  expect(res.body.results.every((r: { status: string }) => r.status === 'created')).toBe(true);
});
afterAll(() => t?.stop());

describe('demo seed of rankings and supervision', () => {
  it('publishes recent rankings through the use cases and leaves orders in every state', async () => {
    const ids = ['LATE-1', 'LATE-2', ...Array.from({ length: 12 }, (_, i) => `FOOD-2026-10-${i}`)];
    const records = (await Promise.all(ids.map((id) => t.platform.cases.getCase(id)))) as CaseRecord[];
    const all: CaseRecord[] = [...records];
    for (const m of ['2026-08', '2026-09']) {
      for (let i = 0; i < 12; i++) all.push((await t.platform.cases.getCase(`FOOD-${m}-${i}`)) as CaseRecord);
    }
    for (const m of ['2026-08', '2026-09', '2026-10'])
      for (let i = 0; i < 12; i++)
        all.push((await t.platform.cases.getCase(`BUILD-${m}-${i}`)) as CaseRecord);
    const started = Date.now();
    firstRun = { platform: t.platform, now: t.clock.now(), cases: all, share: 1, progress: () => {} };
    await seedRankings({ ...firstRun, rnd: new Random(1) });
    expect(Date.now() - started).toBeLessThan(60_000);
    for (const period of ['2026-08', '2026-09', '2026-10', '2026-Q3']) {
      const res = await t.call('GET', `/api/v1/rankings?scope=department&period=${period}`);
      expect(res.status, period).toBe(200);
      expect(res.body.units.find((u: any) => u.id === 'market').sample).toBe(period.includes('Q') ? 24 : 12);
    }
    for (const scope of ['district', 'window'])
      expect((await t.call('GET', `/api/v1/rankings?scope=${scope}&period=2026-Q3`)).status).toBe(200);
    const orders = await t.call('GET', '/api/v1/staff/supervision/orders?status=open', {
      token: await t.token('inspector'),
    });
    // The longest-open late case per department, oldest first: an overdue order (housing's
    // LATE-2, accepted 12 October) and one the department has answered (market's LATE-1).
    const byDept = Object.fromEntries(orders.body.items.map((o: any) => [o.departmentId, o]));
    expect(byDept.housing).toMatchObject({ status: 'issued', overdue: true, targetId: 'LATE-2' });
    expect(byDept.market).toMatchObject({ status: 'responded', targetId: 'LATE-1' });
    const first = orders.body.items[0];
    const detail = await t.call('GET', `/api/v1/staff/supervision/orders/${first.id}`, {
      token: await t.token('inspector'),
    });
    expect(detail.body.audit.length).toBe(detail.body.steps.length);
  });

  it('run again after a start cut short, publishes nothing twice and stores each order and audit entry once', async () => {
    const inspector = await t.token('inspector');
    const ordersNow = async () =>
      (await t.call('GET', '/api/v1/staff/supervision/orders?status=open', { token: inspector })).body.items
        .map((o: { id: string }) => o.id)
        .sort();
    const before = await ordersNow();
    expect(before.length).toBeGreaterThan(0);
    // Cut short after an order's audit trail but before the order itself was stored.
    await t.platform.store.doc.send(
      new DeleteCommand({ TableName: t.platform.store.tableName, Key: keys.supervisionOrder(before[0]) }),
    );
    expect(await ordersNow()).not.toContain(before[0]);

    await seedRankings({ ...firstRun!, rnd: new Random(1) });

    expect(await ordersNow()).toEqual(before);
    for (const id of before) {
      const detail = await t.call('GET', `/api/v1/staff/supervision/orders/${id}`, { token: inspector });
      expect(detail.body.audit.length, id).toBe(detail.body.steps.length);
    }
    for (const period of ['2026-08', '2026-09', '2026-10', '2026-Q3']) {
      const res = await t.call('GET', `/api/v1/rankings?scope=department&period=${period}`);
      expect(res.body.version, period).toBe(1);
    }
  });
});
