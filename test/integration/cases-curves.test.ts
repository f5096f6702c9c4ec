import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let system: string;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  system = await t.token('system');
});
afterAll(() => t?.stop());

describe('case ingest and curves', () => {
  it('ingests a batch, answers per case, and derives working days', async () => {
    const res = await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: {
        cases: [
          // Accepted Friday 2024-09-27, completed Tuesday 2024-10-08 across National Day:
          // working days after acceptance: Sun 09-29 (make-up), Mon 09-30, Tue 10-08 = 3.
          {
            caseId: 'C1',
            serviceCode: 'FOOD',
            acceptedAt: '2024-09-27T09:00:00+08:00',
            completedAt: '2024-10-08T16:00:00+08:00',
          },
          { caseId: 'C2', serviceCode: 'NOPE', acceptedAt: '2024-09-27T09:00:00+08:00' },
          { caseId: 'C3', serviceCode: 'FOOD', acceptedAt: '2024-09-27T09:00:00' },
          {
            caseId: 'C4',
            serviceCode: 'FOOD',
            acceptedAt: '2024-10-09T09:00:00+08:00',
            completedAt: '2024-10-08T09:00:00+08:00',
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.results.map((r: { caseId: string }) => [r.caseId, r]));
    expect(byId.C1.status).toBe('created');
    expect(byId.C1.ratingUrl).toMatch(/\/rate\/C1\?t=/);
    expect(byId.C2).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(byId.C3).toMatchObject({ status: 'rejected', error: { code: 'invalid_request' } });
    expect(byId.C4.error.message).toMatch(/before acceptedAt/);

    const office = await t.token('office');
    const c1 = await t.call('GET', '/api/v1/cases/C1', { token: office });
    expect(c1.status).toBe(200);
    expect(c1.body).toMatchObject({
      caseId: 'C1',
      workingDays: 3,
      statutoryDays: 18,
      promisedDays: 6,
      onTime: true,
      provisional: false,
    });
    // The 6th working day after Fri 27 Sep: Sun 29 (make-up), Mon 30, then 8, 9, 10, 11 Oct.
    expect(c1.body.dueDate).toBe('2024-10-11');
  });

  it('is idempotent and honours updatedAt', async () => {
    const one = {
      caseId: 'V1',
      serviceCode: 'FOOD',
      acceptedAt: '2025-03-03T09:00:00+08:00',
      updatedAt: '2025-03-03T09:00:00+08:00',
    };
    const newer = {
      ...one,
      completedAt: '2025-03-05T09:00:00+08:00',
      updatedAt: '2025-03-05T09:00:00+08:00',
    };
    const post = (cases: unknown[]) =>
      t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
    expect((await post([one])).body.results[0].status).toBe('created');
    expect((await post([one])).body.results[0].status).toBe('unchanged');
    expect((await post([newer])).body.results[0].status).toBe('updated');
    expect((await post([one])).body.results[0].status).toBe('stale');
    const got = await t.call('GET', '/api/v1/cases/V1', { token: await t.token('office') });
    expect(got.body.workingDays).toBe(2);
  });

  it('feeds the curves through the stream aggregator', async () => {
    await t.drain();
    const res = await t.call('GET', '/api/v1/services/FOOD/curves?from=2024-10&to=2025-03');
    expect(res.status).toBe(200);
    const oct = res.body.series.find((s: { month: string }) => s.month === '2024-10');
    expect(oct).toMatchObject({
      month: '2024-10',
      statutoryDays: 18,
      promisedDays: 6,
      cases: 1,
      onTimeRate: 1,
    });
    expect(oct.actual).toEqual({ mean: 3, p50: 3, p90: 3 });
    const mar = res.body.series.find((s: { month: string }) => s.month === '2025-03');
    expect(mar.cases).toBe(1);
    expect(mar.actual.mean).toBe(2);
  });

  it('rejects bad requests in the contract shape', async () => {
    const anon = await t.call('POST', '/api/v1/cases:batch', { body: { cases: [] } });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthenticated');
    const bad = await t.call('POST', '/api/v1/cases:batch', { token: system, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    const tooMany = await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: { cases: Array.from({ length: 501 }, (_, i) => ({ caseId: `X${i}` })) },
    });
    expect(tooMany.status).toBe(400);
    const range = await t.call('GET', '/api/v1/services/FOOD/curves?from=2025-05&to=2025-01');
    expect(range.status).toBe(400);
  });
});
