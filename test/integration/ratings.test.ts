/**
 * The whole good/bad-review loop on DynamoDB Local: a case completes → its rating
 * link → a bad review lands in the department's inbox → callback → rectification →
 * the rater's feedback → an appeal ruled by the office → statistics follow the stream;
 * with the role rules, the sweeper's overdue flags and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let system: string;
let market: string;
let housing: string;
let office: string;
const tokens = new Map<string, string>();

async function complete(cases: Record<string, unknown>[]) {
  const res = await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
  expect(res.status).toBe(200);
  for (const r of res.body.results) {
    expect(['created', 'updated']).toContain(r.status);
    if (r.ratingUrl) tokens.set(r.caseId, new URL(r.ratingUrl).searchParams.get('t')!);
  }
  return res.body.results;
}

const rate = (caseId: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/ratings', { body: { caseId, token: tokens.get(caseId), ...body } });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  [system, market, housing, office] = await Promise.all([
    t.token('system'),
    t.token('department', 'market'),
    t.token('department', 'housing'),
    t.token('office'),
  ]);
  const food = (caseId: string, day: number, extra: Record<string, unknown> = {}) => ({
    caseId,
    serviceCode: 'FOOD',
    acceptedAt: `2026-11-0${(day % 5) + 2}T09:00:00+08:00`,
    completedAt: `2026-11-${String(10 + day).padStart(2, '0')}T15:00:00+08:00`,
    windowId: 'market-w1',
    staffId: day % 2 ? 's1' : 's2',
    ...extra,
  });
  await complete([
    food('R1', 1, { applicantPhone: '13912345678' }),
    food('R2', 2),
    ...Array.from({ length: 10 }, (_, i) => food(`G${i}`, 3 + (i % 6))),
    {
      caseId: 'H1',
      serviceCode: 'BUILD',
      acceptedAt: '2026-11-02T09:00:00+08:00',
      completedAt: '2026-11-19T11:00:00+08:00',
    },
    { caseId: 'OPEN1', serviceCode: 'FOOD', acceptedAt: '2026-11-18T09:00:00+08:00' },
  ]);
});
afterAll(() => t?.stop());

describe('rating a completed case', () => {
  it('the batch answer carries a rating link whose token rates the case once', async () => {
    expect(tokens.get('R1')).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.has('OPEN1')).toBe(false);
    const res = await rate('R1', {
      score: 1,
      comment: '材料被退回三次，请回电 13912345678',
      subScores: { efficiency: 1, attitude: 2 },
      callback: { name: '王先生', phone: '139 1234 5678', consent: true },
    });
    expect(res.status).toBe(201);
    // Friday 2026-11-20: 2 working days → Tue 24 Nov; 15 working days → Fri 11 Dec.
    expect(res.body).toMatchObject({
      caseId: 'R1',
      score: 1,
      bad: true,
      month: '2026-11',
      callbackRequested: true,
      followUp: { callbackRequired: true, callbackDueDate: '2026-11-24', rectificationDueDate: '2026-12-11' },
    });
    const again = await rate('R1', { score: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_rated');
    const stored = await t.platform.ratings.get('R1');
    expect(stored).toMatchObject({ score: 1, departmentId: 'market', windowId: 'market-w1', staffId: 's1' });
    expect(stored?.contact?.phoneMasked).toBe('139****5678');
    expect(stored?.contact?.matchesApplicant).toBe(true);
    expect(JSON.stringify(stored?.contact)).not.toContain('13912345678');
    expect(stored?.contact?.phoneHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('lets the rater see their rating, with personal numbers masked', async () => {
    const res = await t.call('GET', `/api/v1/ratings/R1?t=${tokens.get('R1')}`);
    expect(res.status).toBe(200);
    expect(res.body.comment).toBe('材料被退回三次，请回电 139****5678');
    expect(res.body.followUp.state).toBe('open');
    expect(res.body.followUp.canGiveFeedback).toBe(false);
    expect((await t.call('GET', '/api/v1/ratings/R1?t=nope')).status).toBe(401);
  });
});

describe('the department follows up its bad reviews', () => {
  it('shows the bad review in its own inbox only', async () => {
    const inbox = await t.call('GET', '/api/v1/staff/reviews', { token: market });
    expect(inbox.status).toBe(200);
    expect(inbox.body.departmentId).toBe('market');
    expect(inbox.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(['R1']);
    const item = inbox.body.items[0];
    expect(item.contact).toEqual({
      name: '王先生',
      phone: '139****5678',
      matchesApplicant: true,
      retainUntil: '2027-05-19',
    });
    expect(inbox.text).not.toMatch(/phoneHash/);
    expect(JSON.stringify(item.contact)).not.toContain('13912345678');
    expect((await t.call('GET', '/api/v1/staff/reviews', { token: housing })).body.items).toEqual([]);
    const other = await t.call('GET', '/api/v1/staff/reviews?departmentId=market', { token: housing });
    expect(other.status).toBe(403);
    expect((await t.call('GET', '/api/v1/staff/reviews')).status).toBe(401);
    expect((await t.call('GET', '/api/v1/staff/reviews?departmentId=market', { token: office })).status).toBe(
      200,
    );
  });

  it('forbids another department and the wrong role from acting', async () => {
    const body = { at: '2026-11-20T11:00:00+08:00', outcome: 'resolved' };
    const foreign = await t.call('POST', '/api/v1/staff/reviews/R1/callback', { token: housing, body });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    expect((await t.call('GET', '/api/v1/staff/reviews/R1', { token: housing })).status).toBe(403);
    expect((await t.call('POST', '/api/v1/staff/reviews/R1/callback', { token: office, body })).status).toBe(
      403,
    );
    expect((await t.call('POST', '/api/v1/staff/reviews/R1/callback', { body })).status).toBe(401);
    // Authorisation comes before validation: a foreign department's bad body is still 403.
    const bad = await t.call('POST', '/api/v1/staff/reviews/R1/callback', { token: housing, body: { x: 1 } });
    expect(bad.status).toBe(403);
    expect((await t.call('GET', '/api/v1/staff/reviews/R1', { token: market })).body.callbackDone).toBe(
      false,
    );
  });

  it('records the callback and the rectification by their deadlines', async () => {
    t.clock.set('2026-11-23T09:30:00+08:00');
    const future = await t.call('POST', '/api/v1/staff/reviews/R1/callback', {
      token: market,
      body: { at: '2026-11-25T10:00:00+08:00', outcome: 'resolved' },
    });
    expect(future.status).toBe(400);
    const cb = await t.call('POST', '/api/v1/staff/reviews/R1/callback', {
      token: market,
      body: { at: '2026-11-23T09:00:00+08:00', by: '张科员', outcome: 'unresolved', note: '已致歉，需整改' },
    });
    expect(cb.status).toBe(200);
    expect(cb.body).toMatchObject({ callbackDone: true, callback: { by: '张科员', onTime: true } });
    const twice = await t.call('POST', '/api/v1/staff/reviews/R1/callback', {
      token: market,
      body: { at: '2026-11-23T09:00:00+08:00', outcome: 'resolved' },
    });
    expect(twice.status).toBe(409);

    const noEvidence = await t.call('POST', '/api/v1/staff/reviews/R1/rectification', {
      token: market,
      body: { plan: '更新材料清单', status: 'done' },
    });
    expect(noEvidence.status).toBe(400);
    t.clock.set('2026-11-24T10:00:00+08:00');
    const planned = await t.call('POST', '/api/v1/staff/reviews/R1/rectification', {
      token: market,
      body: { plan: '更新材料清单，实行一次性告知', status: 'planned' },
    });
    expect(planned.status).toBe(200);
    expect(planned.body.state).toBe('open');
    t.clock.set('2026-12-10T16:00:00+08:00');
    const done = await t.call('POST', '/api/v1/staff/reviews/R1/rectification', {
      token: market,
      body: { plan: '更新材料清单，实行一次性告知', status: 'done', evidence: '新版指南已发布' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      state: 'closed',
      rectificationSettled: true,
      rectification: { status: 'done', onTime: true, evidence: '新版指南已发布' },
      nextCheck: '2027-05-19',
    });
    const audit = await t.platform.audit.auditOf('rating:R1');
    expect(audit.map((a) => a.action)).toEqual([
      'rating.callback',
      'rating.rectification',
      'rating.rectification',
    ]);
    expect(audit[0]).toMatchObject({ actor: 'test-department-market', before: { state: 'open' } });
    expect(JSON.stringify(audit)).not.toContain('phone');
  });

  it('lets the rater say whether the rectification satisfied them, once', async () => {
    const token = tokens.get('R1');
    const view = await t.call('GET', `/api/v1/ratings/R1?t=${token}`);
    expect(view.body.followUp.canGiveFeedback).toBe(true);
    expect(view.body.followUp.rectification).toMatchObject({ status: 'done', evidence: '新版指南已发布' });
    const wrong = await t.call('POST', '/api/v1/ratings/R1/rectification-feedback', {
      body: { token: tokens.get('R2'), satisfied: true },
    });
    expect(wrong.status).toBe(401);
    const bad = await t.call('POST', '/api/v1/ratings/R1/rectification-feedback', {
      body: { token, satisfied: 'yes' },
    });
    expect(bad.status).toBe(400);
    const ok = await t.call('POST', '/api/v1/ratings/R1/rectification-feedback', {
      body: { token, satisfied: true },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.followUp.feedback.satisfied).toBe(true);
    const again = await t.call('POST', '/api/v1/ratings/R1/rectification-feedback', {
      body: { token, satisfied: false },
    });
    expect(again.status).toBe(409);
  });
});

describe('statistics and appeals', () => {
  it('counts ratings in the month given, hides too-few figures in public, shows them to staff', async () => {
    t.clock.set('2026-11-20T12:00:00+08:00');
    const scores = [5, 5, 5, 5, 4, 4, 3, 5, 4];
    for (const [i, score] of scores.entries()) expect((await rate(`G${i}`, { score })).status).toBe(201);
    await t.drain();
    const few = await t.call('GET', '/api/v1/services/FOOD/satisfaction?from=2026-11&to=2026-11');
    expect(few.status).toBe(200);
    expect(few.body.series[0]).toMatchObject({
      month: '2026-11',
      ratings: 10,
      tooFew: false,
    });
    expect((await rate('R2', { score: 2, comment: '恶意差评测试' })).status).toBe(201);
    expect((await rate('G9', { score: 5 })).status).toBe(201);
    await t.drain();
    const res = await t.call('GET', '/api/v1/services/FOOD/satisfaction?from=2026-10&to=2026-11');
    expect(res.status).toBe(200);
    const [oct, nov] = res.body.series;
    expect(oct).toMatchObject({ month: '2026-10', ratings: 0, tooFew: true, goodRate: null, badRate: null });
    expect(nov).toMatchObject({
      ratings: 12,
      distribution: { '1': 1, '2': 1, '3': 1, '4': 3, '5': 6 },
      goodRate: 10 / 12,
      badRate: 2 / 12,
      meanScore: 4,
      satisfactionScore: 0.75,
      completedCases: 12,
      coverage: 1,
      callbackRate: 1,
      rectificationOnTimeRate: 1,
      tooFew: false,
    });
    const building = await t.call('GET', '/api/v1/services/BUILD/satisfaction?from=2026-11&to=2026-11');
    expect((await rate('H1', { score: 1 })).status).toBe(201);
    await t.drain();
    const one = await t.call('GET', '/api/v1/services/BUILD/satisfaction?from=2026-11&to=2026-11');
    expect(building.body.series[0].ratings).toBe(0);
    expect(one.body.series[0]).toMatchObject({
      ratings: 1,
      tooFew: true,
      goodRate: null,
      satisfactionScore: null,
      callbackRate: null,
    });
    const staff = await t.call(
      'GET',
      '/api/v1/staff/departments/housing/satisfaction?from=2026-11&to=2026-11',
      {
        token: housing,
      },
    );
    expect(staff.status).toBe(200);
    expect(staff.body.summary).toMatchObject({ ratings: 1, badRate: 1, satisfactionScore: 0, tooFew: true });
    expect(
      (await t.call('GET', '/api/v1/staff/departments/housing/satisfaction', { token: market })).status,
    ).toBe(403);
    const marketFigures = await t.call(
      'GET',
      '/api/v1/staff/departments/market/satisfaction?from=2026-11&to=2026-11',
      { token: market },
    );
    const perStaff = Object.fromEntries(
      marketFigures.body.staff.map((s: { id: string; ratings: number }) => [s.id, s.ratings]),
    );
    expect(perStaff.s1 + perStaff.s2).toBe(12);
    expect(marketFigures.body.windows).toEqual([expect.objectContaining({ id: 'market-w1', ratings: 12 })]);
    const publicDept = await t.call('GET', '/api/v1/departments/market/satisfaction?from=2026-11&to=2026-11');
    expect(publicDept.body.staff).toBeUndefined();
    expect(publicDept.text).not.toContain('s1');
  });

  it('rules an appeal: upheld excludes the review from every statistic but keeps it', async () => {
    const appeal = await t.call('POST', '/api/v1/staff/reviews/R2/appeal', {
      token: market,
      body: { kind: 'malicious', reason: '评价人与办件无关' },
    });
    expect(appeal.status).toBe(200);
    expect(appeal.body.state).toBe('appealed');
    expect((await t.call('GET', '/api/v1/staff/appeals', { token: market })).status).toBe(403);
    t.clock.set('2026-11-20T12:30:00+08:00');
    const queue = await t.call('GET', '/api/v1/staff/appeals', { token: office });
    expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(['R2']);
    const byDept = await t.call('POST', '/api/v1/staff/appeals/R2/ruling', {
      token: market,
      body: { decision: 'upheld', note: 'x' },
    });
    expect(byDept.status).toBe(403);
    const ruled = await t.call('POST', '/api/v1/staff/appeals/R2/ruling', {
      token: office,
      body: { decision: 'upheld', note: '经核实评价人并非申请人' },
    });
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ excluded: true, state: 'excluded', appeal: { status: 'upheld' } });
    expect((await t.call('GET', '/api/v1/staff/appeals', { token: office })).body.items).toEqual([]);
    await t.drain();
    const res = await t.call('GET', '/api/v1/services/FOOD/satisfaction?from=2026-11&to=2026-11');
    expect(res.body.series[0]).toMatchObject({
      ratings: 11,
      distribution: { '1': 1, '2': 0, '3': 1, '4': 3, '5': 6 },
      goodRate: 10 / 11,
      badRate: 1 / 11,
      satisfactionScore: (46 / 11 - 1) / 4,
    });
    const kept = await t.call('GET', '/api/v1/staff/reviews?status=excluded', { token: market });
    expect(kept.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(['R2']);
    const { months } = await t.platform.aggregates.readAggregates('city', 'all', '2026-11', '2026-11');
    expect(months.get('2026-11')).toMatchObject({ ratings: 12, r2: 0, bad: 2 });
    const audit = await t.platform.audit.auditOf('rating:R2');
    expect(audit.map((a) => a.action)).toEqual(['rating.appeal', 'rating.ruling']);
  });

  it('flags overdue callbacks and rectifications through the sweeper', async () => {
    // H1 (housing, score 1, no contact and no applicant phone): no callback needed.
    const h1 = await t.call('GET', '/api/v1/staff/reviews/H1', { token: housing });
    expect(h1.body).toMatchObject({ callbackRequired: false, rectificationDueDate: '2026-12-11' });
    expect(h1.body.nextCheck).toBe('2026-12-12');
    t.clock.set('2026-12-11T20:00:00+08:00');
    await sweep(t.platform);
    expect(
      (await t.call('GET', '/api/v1/staff/reviews/H1', { token: housing })).body.rectificationOverdue,
    ).toBe(false);
    t.clock.set('2026-12-12T08:00:00+08:00');
    const swept = await sweep(t.platform);
    expect(swept.byType.rating).toBe(1);
    const late = await t.call('GET', '/api/v1/staff/reviews/H1', { token: housing });
    expect(late.body).toMatchObject({ rectificationOverdue: true, nextCheck: null });
    const overdue = await t.call('GET', '/api/v1/staff/reviews?status=overdue', { token: housing });
    expect(overdue.body.items.map((i: { caseId: string }) => i.caseId)).toEqual(['H1']);
    const again = await sweep(t.platform);
    expect(again.byType.rating ?? 0).toBe(0);
    await t.drain();
    const { months } = await t.platform.aggregates.readAggregates('dept', 'housing', '2026-11', '2026-11');
    expect(months.get('2026-11')).toMatchObject({ ratings: 1, bad: 1, rectOverdue: 1, rectSettled: 1 });
    expect(months.get('2026-11')?.rectOnTime ?? 0).toBe(0);
  });
});
