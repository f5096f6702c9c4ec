/**
 * The keyed rating channels on DynamoDB Local: the system API of the hotline and
 * partner systems (`POST /api/v1/ratings/system`) with office-issued rating keys —
 * idempotent on the case id, one rating per case across every channel (the rating link,
 * staff-assisted entry), keys scoped to their department, 401 without a live key, 400
 * in the contract's error shape for a bad body — and the one key mechanism shared with
 * the Open311 api_keys, which keep working and stay apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContractChecker } from '../support/contract-check.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
const checker = createContractChecker();
const departures = (res: { status: number; body: unknown; headers: Headers }) =>
  checker.departures({
    method: 'POST',
    url: '/api/v1/ratings/system',
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: res.body,
  });
let office: string;
const tokens = new Map<string, string>();
const keyOf = async (body: Record<string, unknown>) => {
  const res = await t.call('POST', '/api/v1/staff/rating-keys', { token: office, body });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; apiKey: string };
};
const system = (key: string | undefined, body: unknown) =>
  t.call('POST', '/api/v1/ratings/system', { body, headers: key ? { 'x-api-key': key } : {} });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  office = await t.token('office');
  const feed = await t.token('system');
  const kase = (caseId: string, serviceCode: string, channel = 'window') => ({
    caseId,
    serviceCode,
    acceptedAt: '2026-11-02T09:00:00+08:00',
    completedAt: '2026-11-10T15:00:00+08:00',
    channel,
    windowId: serviceCode === 'FOOD' ? 'market-w1' : undefined,
    staffId: serviceCode === 'FOOD' ? 'S1' : undefined,
  });
  const res = await t.call('POST', '/api/v1/cases:batch', {
    token: feed,
    body: {
      cases: [
        kase('CH1', 'FOOD'),
        kase('CH2', 'FOOD', 'online'),
        kase('CH3', 'FOOD'),
        kase('CH4', 'FOOD'),
        kase('CH5', 'BUILD'),
        { ...kase('CH6', 'FOOD'), completedAt: undefined },
      ],
    },
  });
  expect(res.status, res.text).toBe(200);
  for (const r of res.body.results)
    if (r.ratingUrl) tokens.set(r.caseId, new URL(r.ratingUrl).searchParams.get('t')!);
});
afterAll(() => t?.stop());

describe('POST /api/v1/ratings/system', () => {
  let hotline: { id: string; apiKey: string };

  it('rates with a hotline key: channel from the key, 201, then the same body again is 200 with the same answer', async () => {
    hotline = await keyOf({ name: '12345 热线', departmentId: 'market', ratingChannel: 'hotline' });
    const body = { caseId: 'CH1', score: 2, indicators: { efficiency: 1 }, reasons: ['efficiency.slow'] };
    const first = await system(hotline.apiKey, body);
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      caseId: 'CH1',
      ratingChannel: 'hotline',
      indicatorSet: 'offline',
      bad: true,
    });
    const again = await system(hotline.apiKey, { ...body, reasons: ['efficiency.slow'] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const stored = await t.platform.ratings.get('CH1');
    expect(stored).toMatchObject({
      ratingChannel: 'hotline',
      submittedByKey: hotline.id,
      windowId: 'market-w1',
    });
    for (const res of [first, again]) expect(departures(res)).toEqual([]);
  });

  it('answers 409 to different content for a rated case, and to a second channel', async () => {
    const changed = await system(hotline.apiKey, { caseId: 'CH1', score: 5 });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('already_rated');
    const partner = await keyOf({
      name: '一网通办',
      departmentId: 'market',
      ratingChannel: 'partner-system',
    });
    const same = await system(partner.apiKey, {
      caseId: 'CH1',
      score: 2,
      indicators: { efficiency: 1 },
      reasons: ['efficiency.slow'],
    });
    expect(same.status).toBe(409);
    const link = await t.call('POST', '/api/v1/ratings', {
      body: { caseId: 'CH1', token: tokens.get('CH1'), score: 5 },
    });
    expect(link.status).toBe(409);
    expect((await t.platform.ratings.get('CH1'))?.score).toBe(2);
  });

  it('a partner system rates with the online set, and the link then gets 409', async () => {
    const partner = await keyOf({ name: '小程序', departmentId: 'market', ratingChannel: 'partner-system' });
    const res = await system(partner.apiKey, { caseId: 'CH2', score: 4, indicators: { usability: 4 } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ratingChannel: 'partner-system', indicatorSet: 'online' });
    const link = await t.call('POST', '/api/v1/ratings', {
      body: { caseId: 'CH2', token: tokens.get('CH2'), score: 4 },
    });
    expect(link.status).toBe(409);
  });

  it('a key of one department cannot rate another department’s case (403), nor an unknown one (404)', async () => {
    const res = await system(hotline.apiKey, { caseId: 'CH5', score: 5 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await t.platform.ratings.get('CH5')).toBeUndefined();
    const missing = await system(hotline.apiKey, { caseId: 'NOPE1', score: 5 });
    expect(missing.status).toBe(404);
    const open = await system(hotline.apiKey, { caseId: 'CH6', score: 5 });
    expect(open.status).toBe(409);
    expect(open.body.error.code).toBe('case_not_completed');
  });

  it('401 without a key, with a wrong, revoked or Open311 key; 400 for a bad body, before anything is written', async () => {
    expect((await system(undefined, { caseId: 'CH3', score: 5 })).status).toBe(401);
    const wrong = await system(`${hotline.id}.${'x'.repeat(43)}`, { caseId: 'CH3', score: 5 });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    const revocable = await keyOf({ name: '旧热线', departmentId: 'market', ratingChannel: 'hotline' });
    const revoked = await t.call('DELETE', `/api/v1/staff/rating-keys/${revocable.id}`, { token: office });
    expect(revoked.status).toBe(200);
    expect((await system(revocable.apiKey, { caseId: 'CH3', score: 5 })).status).toBe(401);
    const o311 = await t.call('POST', '/api/v1/staff/open311-keys', {
      token: office,
      body: { name: '合作应用' },
    });
    expect(o311.status).toBe(201);
    expect((await system(o311.body.apiKey, { caseId: 'CH3', score: 5 })).status).toBe(401);
    for (const body of [
      { caseId: 'CH3', score: 7 },
      { caseId: 'CH3', score: 5, ratingChannel: 'window-device' },
      { caseId: 'CH3', score: 5, indicators: { usability: 5 } },
      { caseId: 'CH3' },
      [1, 2],
    ]) {
      const res = await system(hotline.apiKey, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(typeof res.body.error.message).toBe('string');
      expect(departures(res)).toEqual([]);
    }
    expect(await t.platform.ratings.get('CH3')).toBeUndefined();
  });

  it('keeps the two kinds of key apart in listing and revocation', async () => {
    const ratingKeys = await t.call('GET', '/api/v1/staff/rating-keys', { token: office });
    const o311Keys = await t.call('GET', '/api/v1/staff/open311-keys', { token: office });
    expect(ratingKeys.body.items.length).toBeGreaterThan(0);
    expect(ratingKeys.body.items.every((k: { scope?: unknown }) => k.scope)).toBe(true);
    expect(o311Keys.body.items.length).toBeGreaterThan(0);
    expect(o311Keys.body.items.some((k: { scope?: unknown }) => k.scope)).toBe(false);
    const del = await t.call('DELETE', `/api/v1/staff/open311-keys/${hotline.id}`, { token: office });
    expect(del.status).toBe(404);
    const dept = await t.token('department', 'market');
    expect((await t.call('GET', '/api/v1/staff/rating-keys', { token: dept })).status).toBe(403);
  });

  it('refuses a device key without its window and staff member, and a window of another department', async () => {
    const noWindow = await t.call('POST', '/api/v1/staff/rating-keys', {
      token: office,
      body: { name: '评价器', departmentId: 'market', ratingChannel: 'window-device' },
    });
    expect(noWindow.status).toBe(400);
    const other = await t.call('POST', '/api/v1/staff/rating-keys', {
      token: office,
      body: {
        name: '评价器',
        departmentId: 'housing',
        ratingChannel: 'window-device',
        windowId: 'market-w1',
        staffId: 'S1',
      },
    });
    expect(other.status).toBe(400);
  });
});

describe('POST /api/v1/staff/ratings/assisted', () => {
  it('records who entered it, flags it staff-assisted, and is rated once across channels', async () => {
    const dept = await t.token('department', 'market');
    const res = await t.call('POST', '/api/v1/staff/ratings/assisted', {
      token: dept,
      body: { caseId: 'CH4', score: 5 },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ratingChannel: 'staff-assisted', indicatorSet: 'offline' });
    const stored = await t.platform.ratings.get('CH4');
    expect(stored?.enteredBy).toBeTruthy();
    expect(stored?.ratingChannel).toBe('staff-assisted');
    const hotline = await keyOf({ name: '热线2', departmentId: 'market', ratingChannel: 'hotline' });
    expect((await system(hotline.apiKey, { caseId: 'CH4', score: 5 })).status).toBe(409);
    const housing = await t.token('department', 'housing');
    const cross = await t.call('POST', '/api/v1/staff/ratings/assisted', {
      token: housing,
      body: { caseId: 'CH3', score: 5 },
    });
    expect(cross.status).toBe(403);
  });
});
