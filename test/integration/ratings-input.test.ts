/**
 * Bad input to the rating API, concurrency and the rate limit: every rejection is a
 * clear 4xx in the contract's shape and stores nothing; 50 concurrent duplicates
 * store exactly one rating; and the HTML form (no JavaScript) rates through the same
 * use case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRatingToken } from '../../functions/domain/rating-token.js';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
let t: TestPlatform;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  const system = await t.token('system');
  const cases = [
    ...['A', 'B', 'C', 'D', 'E', 'F', 'P1', 'P2', 'G'].map((id, i) => ({
      caseId: id,
      serviceCode: 'FOOD',
      acceptedAt: '2026-11-09T09:00:00+08:00',
      completedAt: `2026-11-1${i % 8}T15:00:00+08:00`,
    })),
    { caseId: 'OPEN1', serviceCode: 'FOOD', acceptedAt: '2026-11-18T09:00:00+08:00' },
    {
      caseId: 'OLD1',
      serviceCode: 'FOOD',
      acceptedAt: '2026-09-01T09:00:00+08:00',
      completedAt: '2026-09-10T09:00:00+08:00',
    },
  ];
  const res = await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
  for (const r of res.body.results)
    if (r.ratingUrl) tokens.set(r.caseId, new URL(r.ratingUrl).searchParams.get('t')!);
});
afterAll(() => t?.stop());

const post = (body: unknown, headers?: Record<string, string>) =>
  t.call('POST', '/api/v1/ratings', { body, ...(headers ? { headers } : {}) });

async function nothingStored(caseId: string) {
  expect(await t.platform.ratings.get(caseId)).toBeUndefined();
}

describe('bad input to POST /api/v1/ratings', () => {
  it('401 for a missing, tampered, foreign or expired token', async () => {
    const good = tokens.get('A')!;
    const tampered = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    const expired = tokens.get('OLD1')!;
    for (const [body, message] of [
      [{ caseId: 'A', score: 5 }, /required/],
      [{ caseId: 'A', token: 42, score: 5 }, /required/],
      [{ caseId: 'A', token: tampered, score: 5 }, /not valid/],
      [{ caseId: 'A', token: tokens.get('B'), score: 5 }, /not valid/],
      [{ caseId: 'A', token: 'x'.repeat(5000), score: 5 }, /not valid/],
      [{ caseId: 'OLD1', token: expired, score: 5 }, /expired/],
      [{ token: good, score: 5 }, /not valid/],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
      expect(res.body.error.message).toMatch(message);
    }
    await nothingStored('A');
    await nothingStored('OLD1');
  });

  it('404 for an unknown case and 409 for one not completed', async () => {
    const unknown = await post({
      caseId: 'NOPE',
      token: issueRatingToken(SECRET, 'NOPE', new Date('2026-11-19T00:00:00Z')),
      score: 5,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const open = await post({
      caseId: 'OPEN1',
      token: issueRatingToken(SECRET, 'OPEN1', new Date('2026-11-19T00:00:00Z')),
      score: 5,
    });
    expect(open.status).toBe(409);
    expect(open.body.error).toMatchObject({ code: 'case_not_completed' });
    expect(open.body.error.message).toMatch(/not completed/);
    await nothingStored('NOPE');
    await nothingStored('OPEN1');
  });

  it('400 for out-of-range scores, long comments, wrong types and unknown fields', async () => {
    const token = tokens.get('B')!;
    const bodies: unknown[] = [
      { caseId: 'B', token },
      { caseId: 'B', token, score: 0 },
      { caseId: 'B', token, score: 6 },
      { caseId: 'B', token, score: 3.5 },
      { caseId: 'B', token, score: '5' },
      { caseId: 'B', token, score: null },
      { caseId: 'B', token, score: 5, comment: '好'.repeat(501) },
      { caseId: 'B', token, score: 5, comment: 12 },
      { caseId: 'B', token, score: 5, subScores: { efficiency: 9 } },
    ];
    for (const body of bodies) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    // A new window of the per-token rate limit.
    t.clock.set('2026-11-20T10:11:00+08:00');
    for (const body of [
      { caseId: 'B', token, score: 5, subScores: { speed: 5 } },
      { caseId: 'B', token, score: 5, extra: true },
      { caseId: 'B', token, score: 4, callback: { name: '王', phone: '13912345678' } },
      { caseId: 'B', token, score: 4, callback: { name: '王', phone: '12345', consent: true } },
      { caseId: 'B', token, score: 4, callback: { name: '', phone: '13912345678', consent: true } },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    const long = await post({ caseId: 'B', token, score: 5, comment: '好'.repeat(501) });
    expect(long.body.error.message).toMatch(/500/);
    await nothingStored('B');
    // Exactly 500 characters is fine.
    t.clock.set('2026-11-20T10:22:00+08:00');
    expect((await post({ caseId: 'B', token, score: 5, comment: '好'.repeat(500) })).status).toBe(201);
  });

  it('400 for a body that is not a JSON object, 413 for an oversized one', async () => {
    const token = tokens.get('C')!;
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    expect((await post('"text"')).status).toBe(400);
    const text = await post(JSON.stringify({ caseId: 'C', token, score: 5 }), {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(400);
    const big = await post({ caseId: 'C', token, score: 5, comment: 'x'.repeat(40_000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
    await nothingStored('C');
  });

  it('rate-limits per token, not per address', async () => {
    t.clock.set('2026-11-20T11:00:00+08:00');
    const token = tokens.get('D')!;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post({ caseId: 'D', token, score: 9 })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await post({ caseId: 'D', token, score: 5 });
    expect(limited.body.error.code).toBe('rate_limited');
    // Another case's holder, from the same address, is not affected.
    expect((await post({ caseId: 'E', token: tokens.get('E'), score: 4 })).status).toBe(201);
    await nothingStored('D');
    t.clock.set('2026-11-20T11:10:00+08:00');
    expect((await post({ caseId: 'D', token, score: 5 })).status).toBe(201);
  });

  it('counts only refused attempts: the rating itself is free, replays of the link are not', async () => {
    t.clock.set('2026-11-20T12:00:00+08:00');
    const token = tokens.get('G')!;
    expect((await post({ caseId: 'G', token, score: 4 })).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post({ caseId: 'G', token, score: 1 })).status);
    expect(statuses).toEqual([...Array(10).fill(409), 429]);
    expect((await t.platform.ratings.get('G'))?.score).toBe(4);
  });
});

describe('the contract', () => {
  it('documents every rating endpoint in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    for (const path of [
      '/api/v1/ratings',
      '/api/v1/ratings/{caseId}',
      '/api/v1/ratings/{caseId}/rectification-feedback',
      '/api/v1/services/{code}/satisfaction',
      '/api/v1/departments/{id}/satisfaction',
      '/api/v1/staff/reviews',
      '/api/v1/staff/reviews/{caseId}/callback',
      '/api/v1/staff/reviews/{caseId}/rectification',
      '/api/v1/staff/reviews/{caseId}/appeal',
      '/api/v1/staff/appeals',
      '/api/v1/staff/appeals/{caseId}/ruling',
      '/api/v1/staff/departments/{id}/satisfaction',
    ])
      expect(doc.body.paths[path], path).toBeDefined();
    expect(
      doc.body.paths['/api/v1/ratings'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['caseId', 'token', 'score']);
  });

  it('answers unknown rating routes and methods with the JSON error shape', async () => {
    const res = await t.call('DELETE', '/api/v1/ratings');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const csv = await t.call('GET', '/api/v1/services/FOOD/satisfaction?from=2026-11&to=2026-11&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toContain('month,ratings,r1,r2,r3,r4,r5,goodRate');
    expect((await t.call('GET', '/api/v1/services/NOPE/satisfaction')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/services/FOOD/satisfaction?from=2026-13')).status).toBe(400);
  });
});

describe('per-department rectification period', () => {
  it('uses the department’s own rectification days for its bad reviews', async () => {
    const office = await t.token('office');
    const put = await t.call('PUT', '/api/v1/departments/housing', {
      token: office,
      body: { name: '住房和城乡建设局', district: '徐汇区', rectificationDays: 5 },
    });
    expect(put.status).toBe(200);
    const res = await t.call('POST', '/api/v1/cases:batch', {
      token: await t.token('system'),
      body: {
        cases: [
          {
            caseId: 'HB1',
            serviceCode: 'BUILD',
            acceptedAt: '2026-11-02T09:00:00+08:00',
            completedAt: '2026-11-19T09:00:00+08:00',
          },
        ],
      },
    });
    const token = new URL(res.body.results[0].ratingUrl).searchParams.get('t');
    t.clock.set('2026-11-20T14:00:00+08:00');
    const rated = await post({ caseId: 'HB1', token, score: 2 });
    expect(rated.status).toBe(201);
    // Friday 20 Nov 2026 + 5 working days = Friday 27 Nov.
    expect(rated.body.followUp.rectificationDueDate).toBe('2026-11-27');
  });
});

describe('concurrency', () => {
  it('stores exactly one of 50 concurrent submissions for a case', async () => {
    t.clock.set('2026-11-20T12:00:00+08:00');
    const token = tokens.get('F')!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post({ caseId: 'F', token, score: (i % 5) + 1 })),
    );
    const byStatus: Record<number, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    expect(byStatus[201]).toBe(1);
    expect(Object.keys(byStatus).sort()).toEqual(expect.arrayContaining(['201']));
    for (const status of Object.keys(byStatus)) expect(['201', '409', '429']).toContain(status);
    const stored = await t.platform.ratings.get('F');
    const winner = results.findIndex((r) => r.status === 201);
    expect(stored?.score).toBe((winner % 5) + 1);
    await t.drain();
    const sat = await t.call('GET', '/api/v1/services/FOOD/satisfaction?from=2026-11&to=2026-11');
    // B, D, E, F and G: one rating each, whatever the duplicates.
    expect(sat.body.series[0].ratings).toBe(5);
  });
});

describe('the rating page without JavaScript', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', origin: SITE_ORIGIN };

  it('renders the form, re-renders it with messages on error, and confirms a rating', async () => {
    t.clock.set('2026-11-20T13:00:00+08:00');
    const token = tokens.get('P1')!;
    const page = await t.call('GET', `/rate/P1?t=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toMatch(/^<!doctype html>/);
    for (const label of [
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
      '办事效率',
      '服务态度',
      '办事指南准确性',
      '办事便利度',
    ])
      expect(page.text).toContain(label);
    expect(page.text).toContain('180天');
    expect(page.text).toContain('method="post"');

    const missing = await t.call('POST', '/rate/P1', {
      body: form({ t: token, comment: '很好' }),
      headers: formHeaders,
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('请选择总体评价');
    expect(missing.text).toContain('很好');
    const noConsent = await t.call('POST', '/rate/P1', {
      body: form({ t: token, score: '2', callback: '1', name: '李女士', phone: '13800138000' }),
      headers: formHeaders,
    });
    expect(noConsent.status).toBe(400);
    expect(noConsent.text).toContain('勾选同意');
    await nothingStored('P1');

    const ok = await t.call('POST', '/rate/P1', {
      body: form({
        t: token,
        score: '2',
        efficiency: '1',
        comment: '身份证 310101199001011234 被复印了三次',
        callback: '1',
        name: '李女士',
        phone: '13800138000',
        consent: '1',
      }),
      headers: formHeaders,
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(/^\/rate\/P1\?t=.+&done=1$/);
    const thanks = await t.call('GET', location);
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain('感谢您的评价');
    expect(thanks.text).toContain('2026-12-11');
    expect(thanks.text).toContain('310101************');
    expect(thanks.text).not.toContain('310101199001011234');
    const stored = await t.platform.ratings.get('P1');
    expect(stored).toMatchObject({
      score: 2,
      subScores: { efficiency: 1 },
      contact: { phoneMasked: '138****8000' },
    });

    const again = await t.call('POST', '/rate/P1', {
      body: form({ t: token, score: '5' }),
      headers: formHeaders,
    });
    expect(again.status).toBe(303);
    const already = await t.call('GET', again.headers.get('location')!);
    expect(already.text).toContain('已经评价过了');
  });

  it('shows clear pages for bad links, in English too', async () => {
    const bad = await t.call('GET', '/rate/P2?t=forged');
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('评价链接无效');
    const expired = await t.call('GET', `/rate/OLD1?t=${tokens.get('OLD1')}&lang=en`);
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('This rating link has expired');
    const open = await t.call(
      'GET',
      `/rate/OPEN1?t=${issueRatingToken(SECRET, 'OPEN1', new Date('2026-11-19T00:00:00Z'))}`,
    );
    expect(open.status).toBe(409);
    expect(open.text).toContain('办件尚未办结');
    const en = await t.call('GET', `/rate/P2?t=${tokens.get('P2')}&lang=en`);
    expect(en.text).toContain('Very dissatisfied');
    expect(en.text).toContain('<html lang="en"');
  });

  it('prints a receipt with the rating link as a QR code', async () => {
    const token = tokens.get('P2')!;
    const res = await t.call('GET', `/receipt/P2?t=${token}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(res.text).toContain(`/rate/P2?t=${token}`);
    expect(res.text).toContain('2026-12-17');
    expect((await t.call('GET', '/receipt/P2?t=bad')).status).toBe(401);
  });
});
