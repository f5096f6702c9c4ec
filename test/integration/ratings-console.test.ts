/**
 * The staff console pages of bad reviews (signed in with the staff cookie, plain form
 * posts): the department's inbox and its follow-up forms, another department kept
 * out, the office's appeals queue, and 评价到人 figures only in the console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
let market: string;
let housing: string;
let office: string;

const formHeaders = async (token: string) => ({
  'content-type': 'application/x-www-form-urlencoded',
  origin: SITE_ORIGIN,
  cookie: await t.session(token),
});
const page = async (url: string, token?: string) =>
  t.call('GET', url, token ? { headers: { cookie: await t.session(token) } } : {});
const submit = async (url: string, token: string, fields: Record<string, string>) =>
  t.call('POST', url, { body: new URLSearchParams(fields).toString(), headers: await formHeaders(token) });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  [market, housing, office] = await Promise.all([
    t.token('department', 'market'),
    t.token('department', 'housing'),
    t.token('office'),
  ]);
  const system = await t.token('system');
  const res = await t.call('POST', '/api/v1/cases:batch', {
    token: system,
    body: {
      cases: ['K1', 'K2', 'K3'].map((caseId, i) => ({
        caseId,
        serviceCode: 'FOOD',
        acceptedAt: '2026-11-09T09:00:00+08:00',
        completedAt: `2026-11-1${i}T15:00:00+08:00`,
        windowId: 'market-w1',
        staffId: `s${i}`,
      })),
    },
  });
  for (const r of res.body.results) {
    const token = new URL(r.ratingUrl).searchParams.get('t');
    const score = r.caseId === 'K3' ? 5 : 1;
    const rated = await t.call('POST', '/api/v1/ratings', {
      body: { caseId: r.caseId, token, score, comment: `意见 ${r.caseId}` },
    });
    expect(rated.status).toBe(201);
  }
  await t.drain();
});
afterAll(() => t?.stop());

describe('the bad-review console', () => {
  it('asks for sign-in, and lists the department’s own bad reviews', async () => {
    expect((await page('/staff/reviews')).status).toBe(401);
    const inbox = await page('/staff/reviews', market);
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('差评整改台账');
    expect(inbox.text).toContain('/staff/reviews/K1');
    expect(inbox.text).toContain('/staff/reviews/K2');
    expect(inbox.text).not.toContain('/staff/reviews/K3');
    expect(inbox.text).toContain('2026-12-11');
    expect(inbox.text).toContain('无需（匿名）');
    const staffHome = await page('/staff', market);
    expect(staffHome.text).toContain('href="/staff/reviews"');
    expect(staffHome.text).not.toContain('href="/staff/appeals"');
    expect((await page('/staff', office)).text).toContain('href="/staff/appeals"');
  });

  it('keeps another department out of a review and its forms', async () => {
    expect((await page('/staff/reviews/K1', housing)).status).toBe(403);
    expect((await page('/staff/reviews?departmentId=market', housing)).status).toBe(403);
    const post = await submit('/staff/reviews/K1/callback', housing, {
      at: '2026-11-20T09:30',
      outcome: 'resolved',
    });
    expect(post.status).toBe(403);
    const detail = await page('/staff/reviews/K1', office);
    expect(detail.status).toBe(200);
    expect(detail.text).not.toContain('action="/staff/reviews/K1/callback"');
  });

  it('records a callback, a rectification and an appeal through the forms', async () => {
    t.clock.set('2026-11-20T11:00:00+08:00');
    const detail = await page('/staff/reviews/K1', market);
    expect(detail.text).toContain('action="/staff/reviews/K1/callback"');
    expect(detail.text).toContain('value="2026-11-20T11:00"');
    const bad = await submit('/staff/reviews/K1/callback', market, { at: 'yesterday', outcome: 'resolved' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('class="errors"');
    const cb = await submit('/staff/reviews/K1/callback', market, {
      at: '2026-11-20T10:30',
      by: '张科员',
      outcome: 'resolved',
      note: '已说明',
    });
    expect(cb.status).toBe(303);
    expect(cb.headers.get('location')).toBe('/staff/reviews/K1?saved=1');
    const rect = await submit('/staff/reviews/K1/rectification', market, {
      plan: '一次性告知',
      status: 'done',
      evidence: '告知单已张贴',
    });
    expect(rect.status).toBe(303);
    const after = await page('/staff/reviews/K1?saved=1', market);
    expect(after.text).toContain('已保存');
    expect(after.text).toContain('告知单已张贴');
    expect(after.text).not.toContain('action="/staff/reviews/K1/callback"');
    const appeal = await submit('/staff/reviews/K2/appeal', market, {
      kind: 'mistaken',
      reason: '评错了办件',
    });
    expect(appeal.status).toBe(303);
    const review = await t.call('GET', '/api/v1/staff/reviews/K2', { token: market });
    expect(review.body.appeal).toMatchObject({
      kind: 'mistaken',
      status: 'pending',
      filedBy: 'test-department-market',
    });
  });

  it('lets the office rule the appeal from its queue', async () => {
    expect((await page('/staff/appeals', market)).status).toBe(403);
    const queue = await page('/staff/appeals', office);
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('action="/staff/appeals/K2/ruling"');
    const ruled = await submit('/staff/appeals/K2/ruling', office, {
      decision: 'rejected',
      note: '证据不足',
    });
    expect(ruled.status).toBe(303);
    expect(ruled.headers.get('location')).toBe('/staff/appeals?saved=1');
    const review = await t.call('GET', '/api/v1/staff/reviews/K2', { token: office });
    expect(review.body).toMatchObject({
      excluded: false,
      appeal: { status: 'rejected', decisionNote: '证据不足' },
    });
  });

  it('shows per-staff figures in the console only', async () => {
    const figures = await page('/staff/ratings', market);
    expect(figures.status).toBe(200);
    expect(figures.text).toContain('评价到人');
    for (const s of ['s0', 's1', 's2']) expect(figures.text).toContain(`<th scope="row">${s}</th>`);
    const service = await page('/services/FOOD');
    expect(service.status).toBe(200);
    expect(service.text).toContain('好差评');
    expect(service.text).toContain('样本不足');
    expect(service.text).not.toContain('<th scope="row">s1</th>');
    const department = await page('/departments/market');
    expect(department.text).toContain('市场 1号窗口');
    expect(department.text).not.toContain('<th scope="row">s1</th>');
  });
});
