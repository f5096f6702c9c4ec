/**
 * What case ingest trusts: department staff write only their own department's cases
 * (by the case as stored, not the service code sent), rating links come only from the
 * stored case, and department-entered phone numbers never make the platform send SMS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../functions/domain/cases/case.js';
import { recentOutbox } from '../../functions/usecases/notifications.js';
import { INVITATIONS_PER_NUMBER_PER_DAY } from '../../functions/usecases/rating-invitations.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let system: string;
let office: string;
let market: string;
let housing: string;

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  [system, office, market, housing] = await Promise.all([
    t.token('system'),
    t.token('office'),
    t.token('department', 'market'),
    t.token('department', 'housing'),
  ]);
});
afterAll(() => t?.stop());

type Result = { caseId: string; status: string; error?: { code: string }; ratingUrl?: string };

async function post(token: string, cases: Record<string, unknown>[]): Promise<Result[]> {
  const res = await t.call('POST', '/api/v1/cases:batch', { token, body: { cases } });
  expect(res.status).toBe(200);
  return res.body.results;
}

const housingCase = (caseId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  serviceCode: 'BUILD',
  acceptedAt: '2026-11-02T09:00:00+08:00',
  completedAt: '2026-11-10T15:00:00+08:00',
  updatedAt: '2026-11-10T15:00:00+08:00',
  ...extra,
});

/** The same case id as market would send it: market's own service code. */
const asMarket = (caseId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  serviceCode: 'FOOD',
  acceptedAt: '2026-11-03T09:00:00+08:00',
  completedAt: '2026-11-05T15:00:00+08:00',
  ...extra,
});

const stored = async (caseId: string) =>
  (await t.call('GET', `/api/v1/cases/${caseId}`, { token: office })).body;

const smsFor = async (caseId: string) =>
  (await recentOutbox(500)).filter((m) => m.reason === `rating-invitation:${caseId}`);

describe('department staff write only their own department cases', () => {
  it("refuses a newer state of another department's case and leaves it as stored", async () => {
    expect((await post(system, [housingCase('X-NEWER')]))[0]!.status).toBe('created');
    const before = await stored('X-NEWER');

    const [r] = await post(market, [asMarket('X-NEWER', { updatedAt: '2026-11-19T09:00:00+08:00' })]);
    expect(r).toMatchObject({ caseId: 'X-NEWER', status: 'rejected', error: { code: 'forbidden' } });
    expect(r!.ratingUrl).toBeUndefined();

    const after = await stored('X-NEWER');
    expect(after).toEqual(before);
    expect(after).toMatchObject({ departmentId: 'housing', serviceCode: 'BUILD' });
    // Market cannot see it either: it is still housing's.
    expect((await t.call('GET', '/api/v1/cases/X-NEWER', { token: market })).status).toBe(403);
  });

  it('refuses to overwrite a case stored without updatedAt', async () => {
    const { updatedAt: _, ...unversioned } = housingCase('X-NOVERSION');
    expect((await post(system, [unversioned]))[0]!.status).toBe('created');
    const before = await stored('X-NOVERSION');

    const [r] = await post(market, [asMarket('X-NOVERSION')]);
    expect(r).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(await stored('X-NOVERSION')).toEqual(before);
  });

  it('answers a stale cross-department item with no rating link, so no bad review reaches the owner', async () => {
    expect((await post(system, [housingCase('X-STALE')]))[0]!.status).toBe('created');
    const [r] = await post(market, [asMarket('X-STALE', { updatedAt: '2026-11-05T15:00:00+08:00' })]);
    expect(r).toMatchObject({ caseId: 'X-STALE', status: 'rejected', error: { code: 'forbidden' } });
    expect(r!.ratingUrl).toBeUndefined();
    const inbox = await t.call('GET', '/api/v1/staff/reviews', { token: housing });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toEqual([]);
  });

  it('pins the department in the write itself, so a write checked earlier cannot move a case', async () => {
    expect((await post(system, [housingCase('X-RACE')]))[0]!.status).toBe('created');
    // Market's own, valid FOOD case with that id — as if checked before housing's case
    // arrived — must not replace it when it reaches the table.
    const food = await t.platform.catalogue.getService('FOOD');
    const built = buildCase(asMarket('X-RACE', { updatedAt: '2026-11-19T09:00:00+08:00' }), {
      today: '2026-11-20',
      departmentId: 'market',
      limits: food!.limits,
      calendar: await t.platform.calendar.calendar(),
    });
    if (!built.ok) throw new Error(built.errors.join('; '));
    const outcome = await t.platform.cases.putCase(
      built.record,
      {},
      { warning: 'green', nextCheck: undefined },
      { storedIn: 'market' },
    );
    expect(outcome.status).toBe('foreign');
    expect(await stored('X-RACE')).toMatchObject({ departmentId: 'housing', serviceCode: 'BUILD' });
  });

  it("still lets a department create and update its own cases, and the feed update anyone's", async () => {
    const mine = asMarket('M-OWN', { updatedAt: '2026-11-05T15:00:00+08:00' });
    expect((await post(market, [mine]))[0]!.status).toBe('created');
    const [updated] = await post(market, [{ ...mine, updatedAt: '2026-11-06T09:00:00+08:00' }]);
    expect(updated).toMatchObject({
      status: 'updated',
      ratingUrl: expect.stringMatching(/\/rate\/M-OWN\?t=/),
    });
    // Creating under another department's service is refused as before.
    const [foreignService] = await post(market, [housingCase('M-BUILD')]);
    expect(foreignService).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect((await t.call('GET', '/api/v1/cases/M-BUILD', { token: office })).status).toBe(404);
    const [bySystem] = await post(system, [{ ...mine, updatedAt: '2026-11-07T09:00:00+08:00' }]);
    expect(bySystem!.status).toBe('updated');
  });
});

describe('rating links come only from the stored case', () => {
  it('gives no link for a stale completed state of a case stored open', async () => {
    const open = {
      caseId: 'L-OPEN',
      serviceCode: 'FOOD',
      acceptedAt: '2026-11-02T09:00:00+08:00',
      updatedAt: '2026-11-18T09:00:00+08:00',
    };
    expect((await post(system, [open]))[0]).toMatchObject({ status: 'created' });
    const [stale] = await post(market, [
      { ...open, completedAt: '2026-11-04T15:00:00+08:00', updatedAt: '2026-11-04T15:00:00+08:00' },
    ]);
    expect(stale!.status).toBe('stale');
    expect(stale!.ratingUrl).toBeUndefined();
    expect((await stored('L-OPEN')).status).not.toBe('completed');
  });

  it("signs a stale or unchanged item's link with the stored completion, not the one sent", async () => {
    const done = {
      caseId: 'L-DONE',
      serviceCode: 'FOOD',
      acceptedAt: '2026-11-02T09:00:00+08:00',
      completedAt: '2026-11-10T15:00:00+08:00',
      updatedAt: '2026-11-10T15:00:00+08:00',
    };
    const [created] = await post(system, [done]);
    expect(created!.ratingUrl).toMatch(/\/rate\/L-DONE\?t=/);
    const [stale] = await post(market, [
      { ...done, completedAt: '2026-11-03T15:00:00+08:00', updatedAt: '2026-11-03T15:00:00+08:00' },
    ]);
    expect(stale!.status).toBe('stale');
    expect(stale!.ratingUrl).toBe(created!.ratingUrl);
    const [same] = await post(market, [{ ...done, completedAt: '2026-11-04T15:00:00+08:00' }]);
    expect(same!.status).toBe('unchanged');
    expect(same!.ratingUrl).toBe(created!.ratingUrl);
  });
});

describe('department staff cannot make the platform text any number', () => {
  it('sends no rating invitation for a department-entered phone, but still answers the link', async () => {
    const ids = ['S-DEPT-1', 'S-DEPT-2', 'S-DEPT-3'];
    const results = await post(
      market,
      ids.map((caseId) => asMarket(caseId, { applicantPhone: '13700001111' })),
    );
    for (const r of results) expect(r).toMatchObject({ status: 'created', ratingUrl: expect.any(String) });
    for (const id of ids) expect(await smsFor(id)).toEqual([]);
    expect((await stored('S-DEPT-1')).applicantPhone).toBe('137****1111');
  });

  it('sends none for an office-entered phone either', async () => {
    await post(office, [asMarket('S-OFFICE', { applicantPhone: '13700002222' })]);
    expect(await smsFor('S-OFFICE')).toEqual([]);
  });

  it("invites the upstream feed's applicants, at most a few times a day per number", async () => {
    const ids = Array.from({ length: INVITATIONS_PER_NUMBER_PER_DAY + 2 }, (_, i) => `S-FEED-${i}`);
    await post(
      system,
      ids.map((caseId) => asMarket(caseId, { applicantPhone: '+86 137-0000-3333' })),
    );
    const sent = (await Promise.all(ids.map(smsFor))).flat();
    expect(sent).toHaveLength(INVITATIONS_PER_NUMBER_PER_DAY);
    expect(sent.every((m) => m.to === '137****3333')).toBe(true);
    // Another number is not held back by that one's cap.
    await post(system, [asMarket('S-FEED-OTHER', { applicantPhone: '13700004444' })]);
    expect(await smsFor('S-FEED-OTHER')).toHaveLength(1);
  });
});
