import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-12-30T10:00:00+08:00' });
  await seedCatalogue(t);
});
afterAll(() => t?.stop());

// A made-up 2027 schedule for the test: New Year's Day (Fri) off and a make-up Saturday.
const year2027 = {
  year: 2027,
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '测试调休', date: '2027-01-09', isOffDay: false },
  ],
};

describe('loading next year’s official calendar', () => {
  it('warns while the next year is missing, marks spanning cases provisional, and recomputes them on load', async () => {
    const before = await t.call('GET', '/healthz');
    expect(before.status).toBe(200);
    expect(before.body.warnings.join(' ')).toMatch(/2027/);

    const system = await t.token('system');
    const office = await t.token('office');
    const ingest = await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: { cases: [{ caseId: 'Y1', serviceCode: 'FOOD', acceptedAt: '2026-12-29T09:00:00+08:00' }] },
    });
    expect(ingest.body.results[0]).toMatchObject({ caseId: 'Y1', status: 'created' });
    const open = await t.call('GET', '/api/v1/cases/Y1', { token: office });
    // Weekends only in 2027: Wed 30, Thu 31, Fri 1, Mon 4, Tue 5, Wed 6 → due 2027-01-06.
    expect(open.body).toMatchObject({ provisional: true, dueDate: '2027-01-06' });

    const anon = await t.call('PUT', '/api/v1/calendar/2027', { body: year2027 });
    expect(anon.status).toBe(401);
    const dept = await t.call('PUT', '/api/v1/calendar/2027', {
      body: year2027,
      token: await t.token('department', 'market'),
    });
    expect(dept.status).toBe(403);
    const wrong = await t.call('PUT', '/api/v1/calendar/2027', {
      body: { days: [{ name: 'x', date: '2028-01-01', isOffDay: true }] },
      token: office,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('invalid_request');
    const twice = await t.call('PUT', '/api/v1/calendar/2027', {
      body: { days: [year2027.days[0], year2027.days[0]] },
      token: office,
    });
    expect(twice.status, twice.text).toBe(400);
    expect((await t.call('GET', '/healthz')).status).toBe(200);

    const load = await t.call('PUT', '/api/v1/calendar/2027', { body: year2027, token: office });
    expect(load.status).toBe(200);
    expect(load.body.recomputedOpenCases).toBe(1);
    const after = await t.call('GET', '/api/v1/cases/Y1', { token: office });
    // With New Year's Day off: Wed 30, Thu 31, Mon 4, Tue 5, Wed 6, Thu 7 → due 2027-01-07.
    expect(after.body).toMatchObject({ provisional: false, dueDate: '2027-01-07' });
    const health = await t.call('GET', '/healthz');
    expect(health.body.warnings).toEqual([]);
    const years = await t.call('GET', '/api/v1/calendar');
    expect(years.body.loadedYears).toContain(2027);
  });
});
