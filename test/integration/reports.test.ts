import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let inspector: string;
let orderId: string;

const report = (query: string, token?: string) => t.call('GET', `/api/v1/staff/reports?${query}`, { token });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  inspector = await t.token('inspector');
  const system = await t.token('system');
  const completed = (id: string, svc: string, accepted: string, done: string) => ({
    caseId: id,
    serviceCode: svc,
    acceptedAt: `${accepted}T09:00:00+08:00`,
    completedAt: `${done}T16:00:00+08:00`,
  });
  const cases = [
    // Market: 4 completed in November, 3 on time (FOOD promises 6 working days).
    completed('M1', 'FOOD', '2026-11-02', '2026-11-03'),
    completed('M2', 'FOOD', '2026-11-02', '2026-11-04'),
    completed('M3', 'FOOD', '2026-11-03', '2026-11-05'),
    completed('M4', 'FOOD', '2026-11-02', '2026-11-16'),
    // Housing: 2 completed in November, both on time.
    completed('H1', 'BUILD', '2026-11-02', '2026-11-05'),
    completed('H2', 'BUILD', '2026-11-09', '2026-11-12'),
    // Open: market red (13 working days used of 6), housing green.
    { caseId: 'MO1', serviceCode: 'FOOD', acceptedAt: '2026-11-03T09:00:00+08:00' },
    { caseId: 'HO1', serviceCode: 'BUILD', acceptedAt: '2026-11-19T09:00:00+08:00' },
  ];
  const res = await t.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
  expect(res.body.results.every((r: any) => r.status === 'created')).toBe(true);
  // A bad review of M4 as the ratings feature stores it: callback overdue, rectification pending.
  await t.platform.store.doc.send(
    new PutCommand({
      TableName: t.tableName,
      Item: {
        ...keys.rating('M4'),
        ...keys.badReviewByDepartment('market', '2026-11-17T02:00:00.000Z', 'M4'),
        type: 'rating',
        v: 1,
        caseId: 'M4',
        serviceCode: 'FOOD',
        departmentId: 'market',
        district: '浦东新区',
        score: 1,
        bad: true,
        comment: '拖了两周，电话13812345678也打不通',
        ratedAt: '2026-11-17T02:00:00.000Z',
        ratedDate: '2026-11-17',
        month: '2026-11',
        callbackRequired: true,
        callbackOverdue: true,
        rectificationDueDate: '2026-12-08',
        excluded: false,
        rev: 1,
      },
    }),
  );
  const issued = await t.call('POST', '/api/v1/supervision/orders', {
    token: inspector,
    body: {
      targetType: 'case',
      targetId: 'MO1',
      title: '红灯件督办',
      instructions: '请尽快办结',
      deadline: '2026-11-27',
    },
  });
  orderId = issued.body.id;
  await t.drain();
});
afterAll(() => t?.stop());

describe('supervision reports', () => {
  it('reports a department over a month as JSON', async () => {
    const res = await report('scope=department&id=market&period=2026-11', inspector);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ scope: 'department', id: 'market', name: '市场监督管理局', period: '2026-11' });
    expect(r.generatedAt).toBe('2026-11-20T02:00:00.000Z');
    expect(r.cases).toMatchObject({ received: 5, completed: 4, onTime: 3, late: 1, onTimeRate: 0.75 });
    expect(r.warnings).toMatchObject({ open: 1, red: 1, green: 0 });
    expect(r.overdue.cases.items.map((c: any) => [c.caseId, c.warning])).toEqual([['MO1', 'red']]);
    expect(r.badReviews.items).toHaveLength(1);
    expect(r.badReviews.items[0]).toMatchObject({
      caseId: 'M4',
      callback: 'overdue',
      rectification: 'pending',
    });
    expect(r.badReviews.items[0].comment).not.toContain('13812345678');
    expect(r.overdue.badReviews.total).toBe(1);
    expect(r.orders).toMatchObject({ issued: 1, closed: 0, open: 1 });
    expect(r.orders.items[0].id).toBe(orderId);
    expect(r.critiques.items).toEqual([]);
  });

  it('reports a district and the city with a row per department', async () => {
    const district = await report(
      `scope=district&id=${encodeURIComponent('徐汇区')}&period=2026-11`,
      inspector,
    );
    expect(district.status).toBe(200);
    expect(district.body.departments.map((d: any) => d.id)).toEqual(['housing']);
    expect(district.body.cases.completed).toBe(2);
    const city = await report('scope=city&period=2026-Q4', inspector);
    expect(city.body.cases.completed).toBe(6);
    expect(city.body.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(city.body.departments.map((d: any) => [d.id, d.completed, d.warnings.red]).sort()).toEqual([
      ['housing', 2, 0],
      ['market', 4, 1],
    ]);
    expect(city.body.warnings).toMatchObject({ open: 2, green: 1, red: 1 });
  });

  it('serves CSV that opens in Excel, with a block per section', async () => {
    const res = await t.app.request('/api/v1/staff/reports?scope=city&period=2026-11&format=csv', {
      headers: { authorization: `Bearer ${inspector}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toContain('report-city-all-2026-11.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(['部分 Section', '项目 Item', '数值 Value']);
    expect(rows).toContainEqual(['办件 Cases', '办结 Completed', '6']);
    expect(rows).toContainEqual(['超期在办件 Overdue open cases']);
    expect(rows.some((r) => r[0] === 'MO1')).toBe(true);
    expect(rows.some((r) => r[0] === orderId)).toBe(true);
  });

  it('keeps departments to their own and refuses bad requests with a clear 4xx', async () => {
    const market = await t.token('department', 'market');
    expect((await report('scope=department&id=market&period=2026-11', market)).status).toBe(200);
    expect((await report('scope=department&id=housing&period=2026-11', market)).status).toBe(403);
    expect((await report('scope=city&period=2026-11', market)).status).toBe(403);
    expect((await report('scope=city&period=2026-11')).status).toBe(401);
    expect((await report('scope=galaxy&period=2026-11', inspector)).status).toBe(400);
    expect((await report('scope=city&period=2026-14', inspector)).status).toBe(400);
    expect((await report('scope=city', inspector)).status).toBe(400);
    expect((await report('scope=department&id=nowhere&period=2026-11', inspector)).status).toBe(404);
    expect((await report('scope=district&id=nowhere&period=2026-11', inspector)).status).toBe(404);
  });

  it('renders a printable page with period and generation time, and downloads by cookie', async () => {
    const headers = { cookie: await t.session(inspector) };
    const page = await t.call('GET', '/staff/reports?scope=department&id=market&period=2026-11', { headers });
    expect(page.status).toBe(200);
    expect(page.text).toContain('@media print');
    expect(page.text).toContain('2026年11月');
    expect(page.text).toContain('2026-11-20 10:00');
    expect(page.text).toContain('/staff/reports.csv?scope=department&amp;id=market&amp;period=2026-11');
    const csv = await t.call('GET', '/staff/reports.csv?scope=department&id=market&period=2026-11', {
      headers,
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toContain('M4');
    const empty = await t.call('GET', '/staff/reports', { headers });
    expect(empty.status).toBe(200);
    const bad = await t.call('GET', '/staff/reports?scope=department&id=market&period=nope', { headers });
    expect(bad.status).toBe(400);
    expect((await t.call('GET', '/staff/reports.csv?scope=city&period=2026-11')).status).toBe(401);
  });
});
