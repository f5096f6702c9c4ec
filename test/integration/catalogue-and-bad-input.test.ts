import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let office: string;
let system: string;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  office = await t.token('office');
  system = await t.token('system');
});
afterAll(() => t?.stop());

const ingest = (cases: unknown[]) =>
  t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
const ok = { caseId: 'OK1', serviceCode: 'FOOD', acceptedAt: '2025-03-03T09:00:00+08:00' };

describe('service catalogue', () => {
  it('keeps effective-dated limits and rejects impossible ones', async () => {
    const reform = await t.call('PUT', '/api/v1/services/FOOD', {
      token: office,
      body: {
        name: '食品经营许可',
        departmentId: 'market',
        statutoryDays: 18,
        promisedDays: 3,
        effectiveFrom: '2025-07-01',
      },
    });
    expect(reform.status).toBe(200);
    expect(reform.body.limits).toHaveLength(2);
    const list = await t.call('GET', '/api/v1/services');
    expect(list.body.items.find((s: { code: string }) => s.code === 'FOOD')).toMatchObject({
      statutoryDays: 18,
      promisedDays: 3,
    });
    for (const body of [
      { name: 'x', departmentId: 'market', statutoryDays: 5, promisedDays: 6 },
      { name: 'x', departmentId: 'market', statutoryDays: -1, promisedDays: 0 },
      { name: 'x', departmentId: 'market', statutoryDays: 100000, promisedDays: 1 },
      { name: 'x', departmentId: 'market', statutoryDays: '5', promisedDays: 1 },
      { name: '', departmentId: 'market', statutoryDays: 5, promisedDays: 1 },
    ]) {
      const res = await t.call('PUT', '/api/v1/services/NEW', { token: office, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    const unknownDept = await t.call('PUT', '/api/v1/services/NEW', {
      token: office,
      body: { name: 'x', departmentId: 'nope', statutoryDays: 5, promisedDays: 1 },
    });
    expect(unknownDept.status).toBe(404);
    expect((await t.call('GET', '/api/v1/services/NEW')).status).toBe(404);
    // Authentication before authorisation before validation.
    expect((await t.call('PUT', '/api/v1/services/NEW', { body: {} })).status).toBe(401);
    expect((await t.call('PUT', '/api/v1/services/NEW', { token: system, body: {} })).status).toBe(403);
  });

  it('imports and exports the catalogue as CSV, row by row', async () => {
    const csv = [
      'code,name,departmentId,kind,statutoryDays,promisedDays,effectiveFrom',
      'PERMIT,临时占道许可,housing,service,20,8,',
      'PERMIT,临时占道许可,housing,service,20,4,2026-01-01',
      'BAD1,错误,housing,service,5,9,',
      'BAD2,错误,nowhere,service,5,1,',
      'BAD3,错误,housing,service,x,1,',
    ].join('\n');
    const res = await t.call('POST', '/api/v1/services:import', {
      token: office,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ created: 1, updated: 1, rejected: 3 });
    expect(res.body.results.find((r: { line: number }) => r.line === 4).error).toMatch(/exceed/);
    const exported = await t.call('GET', '/api/v1/services:export');
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await (await t.app.request('/api/v1/services:export')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.text).toContain('PERMIT,临时占道许可,housing,service,20,4,2026-01-01');
    expect(exported.text).toContain('FOOD,食品经营许可,market,service,18,3,2025-07-01');
  });
});

describe('bad case input', () => {
  it('answers each bad case on its own and keeps the good ones', async () => {
    const rows = [
      ok,
      { ...ok, caseId: 'B1', serviceCode: 'NOPE' },
      { ...ok, caseId: 'B2', acceptedAt: 'yesterday' },
      { ...ok, caseId: 'B3', acceptedAt: '2025-03-03T09:00:00' },
      { ...ok, caseId: 'B4', completedAt: '2025-03-01T09:00:00+08:00' },
      {
        ...ok,
        caseId: 'B5',
        suspensions: [
          { from: '2025-03-04', to: '2025-03-10' },
          { from: '2025-03-06', to: '2025-03-12' },
        ],
      },
      {
        ...ok,
        caseId: 'B6',
        completedAt: '2025-03-20T09:00:00+08:00',
        suspensions: [{ from: '2025-03-04' }],
      },
      { ...ok, caseId: 'B7', channel: 'fax' },
      { ...ok, caseId: 'B8', extra: 1 },
      { ...ok, caseId: 42 },
      'not an object',
      { ...ok, caseId: 'B9', acceptedAt: '2025-02-30T09:00:00+08:00' },
      { ...ok, caseId: 'B10', suspensions: [{ from: '2025-03-10', to: '2025-03-04' }] },
    ];
    const res = await ingest(rows);
    expect(res.status).toBe(200);
    const statuses = res.body.results.map((r: { status: string }) => r.status);
    expect(statuses[0]).toBe('created');
    expect(statuses.slice(1).every((s: string) => s === 'rejected')).toBe(true);
    for (const r of res.body.results.slice(1)) expect(r.error.message.length).toBeGreaterThan(5);
    for (const id of ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B9', 'B10']) {
      expect((await t.call('GET', `/api/v1/cases/${id}`, { token: office })).status).toBe(404);
    }
    expect((await t.call('GET', '/api/v1/cases/OK1', { token: office })).status).toBe(200);
  });

  it('rejects whole requests that are malformed, too many or too large', async () => {
    expect(
      (await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases: 'x' } })).status,
    ).toBe(400);
    expect((await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases: [] } })).status).toBe(
      400,
    );
    expect((await t.call('POST', '/api/v1/cases:batch', { token: system, body: [] })).status).toBe(400);
    const big = await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: { cases: [{ ...ok, caseId: 'BIG', pad: 'x'.repeat(1_100_000) }] },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
    const wrongType = await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: 'caseId=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(400);
  });

  it('lets department staff feed only their own department', async () => {
    const market = await t.token('department', 'market');
    const res = await t.call('POST', '/api/v1/cases:batch', {
      token: market,
      body: {
        cases: [
          { ...ok, caseId: 'D1' },
          { ...ok, caseId: 'D2', serviceCode: 'BUILD' },
        ],
      },
    });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'rejected']);
    expect(res.body.results[1].error.code).toBe('forbidden');
    const housing = await t.token('department', 'housing');
    expect((await t.call('GET', '/api/v1/cases/D1', { token: housing })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/cases/D1', { token: market })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/cases/D1', { token: await t.token('inspector') })).status).toBe(200);
    const expired = await t.token('office', undefined, { expiresInSeconds: -10 });
    const res401 = await t.call('GET', '/api/v1/cases/D1', { token: expired });
    expect(res401.status).toBe(401);
    expect(res401.body.error.message).toMatch(/expired/);
  });
});
