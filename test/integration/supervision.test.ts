import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys.js';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
let inspector: string;
let market: string;
let housing: string;
let office: string;

beforeAll(async () => {
  // Monday 2 November 2026.
  t = await startTestPlatform({ now: '2026-11-02T10:00:00+08:00' });
  await seedCatalogue(t);
  inspector = await t.token('inspector');
  office = await t.token('office');
  market = await t.token('department', 'market');
  housing = await t.token('department', 'housing');
  const system = await t.token('system');
  const res = await t.call('POST', '/api/v1/cases:batch', {
    token: system,
    body: {
      cases: [
        { caseId: 'W1', serviceCode: 'FOOD', acceptedAt: '2026-11-02T09:00:00+08:00' },
        { caseId: 'W2', serviceCode: 'BUILD', acceptedAt: '2026-11-02T09:30:00+08:00' },
      ],
    },
  });
  expect(res.body.results.map((r: any) => r.status)).toEqual(['created', 'created']);
});
afterAll(() => t?.stop());

const warningOf = async (caseId: string) =>
  (await t.call('GET', `/api/v1/cases/${caseId}`, { token: inspector })).body.warning;
const board = async (query = '', token = inspector) =>
  t.call('GET', `/api/v1/staff/warnings${query}`, { token });

describe('warnings change colour as time passes', () => {
  it('goes green → yellow → red → serious with the sweeper, and the board follows', async () => {
    expect(await warningOf('W1')).toBe('green');
    expect((await board()).body.total).toBe(0);

    // FOOD is 6 promised / 18 statutory working days. Mon 9 Nov: 5 working days used > 80% of 6.
    t.clock.set('2026-11-09T10:00:00+08:00');
    const first = await sweep(t.platform);
    expect(first.byType.case).toBeGreaterThanOrEqual(1);
    expect(await warningOf('W1')).toBe('yellow');
    const yellow = await board();
    expect(yellow.body.items.map((c: any) => [c.caseId, c.warning, c.elapsedDays])).toEqual([
      ['W1', 'yellow', 5],
    ]);
    expect(yellow.body.summary.byLevel).toMatchObject({ yellow: 1, red: 0, serious: 0 });
    expect(yellow.body.summary.byDepartment[0]).toMatchObject({ departmentId: 'market', yellow: 1 });
    expect(yellow.body.summary.byDistrict[0]).toMatchObject({ district: '浦东新区', yellow: 1 });

    // Wed 11 Nov: 7 working days > 6 promised.
    t.clock.set('2026-11-11T10:00:00+08:00');
    await sweep(t.platform);
    expect(await warningOf('W1')).toBe('red');
    // BUILD (10 promised): 7 days is not yet past 80% (8), so W2 is still green.
    expect(await warningOf('W2')).toBe('green');
    const red = await board('?level=red');
    expect(red.body.items.map((c: any) => [c.caseId, c.daysOver])).toEqual([['W1', 1]]);

    // Fri 27 Nov: 19 working days > 18 statutory.
    t.clock.set('2026-11-27T10:00:00+08:00');
    const late = await sweep(t.platform);
    expect(late.itemsRead).toBeGreaterThanOrEqual(2);
    expect(await warningOf('W1')).toBe('serious');
    expect(await warningOf('W2')).toBe('red');
    const all = await board();
    expect(all.body.items.map((c: any) => [c.caseId, c.warning])).toEqual([
      ['W1', 'serious'],
      ['W2', 'red'],
    ]);
    expect(all.body.summary.byAge.find((b: any) => b.bucket === '11-20')).toMatchObject({
      serious: 1,
      red: 1,
    });
    // A sweep on the same day has nothing left to change.
    expect((await sweep(t.platform)).updated).toBe(0);
  });

  it('keeps department staff to their own department and the public out', async () => {
    expect((await board('', housing)).body.items.map((c: any) => c.caseId)).toEqual(['W2']);
    expect((await board('?departmentId=market', housing)).status).toBe(403);
    expect((await t.call('GET', '/api/v1/staff/warnings')).status).toBe(401);
    expect((await board('?level=purple')).status).toBe(400);
    const csv = await board('?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toContain('W1');
  });
});

describe('supervision orders', () => {
  const issue = (body: unknown, token = inspector) =>
    t.call('POST', '/api/v1/supervision/orders', { token, body });
  const act = (id: string, action: string, body: unknown, token: string) =>
    t.call('POST', `/api/v1/supervision/orders/${id}/${action}`, { token, body });
  const base = {
    targetType: 'case',
    targetId: 'W1',
    title: '超期件督办',
    instructions: '请于期限内办结并说明超期原因。',
    deadline: '2026-12-04',
  };

  it('refuses bad orders with a clear 4xx and creates nothing', async () => {
    const before = (await t.call('GET', '/api/v1/staff/supervision/orders', { token: inspector })).body.items
      .length;
    expect((await issue(base, office)).status).toBe(403);
    expect((await issue(base, market)).status).toBe(403);
    expect((await t.call('POST', '/api/v1/supervision/orders', { body: base })).status).toBe(401);
    const unknown = await issue({ ...base, targetId: 'NOPE' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await issue({ ...base, targetType: 'rating', targetId: 'W1' })).status).toBe(404);
    expect((await issue({ ...base, targetType: 'critique', targetId: 'ABCDEFGH' })).status).toBe(404);
    expect((await issue({ ...base, targetType: 'department', targetId: 'nowhere' })).status).toBe(404);
    expect((await issue({ ...base, targetType: 'planet' })).status).toBe(400);
    expect((await issue({ ...base, deadline: '2026-11-01' })).body.error.message).toMatch(/past/);
    expect((await issue({ ...base, deadline: '2026-02-30' })).status).toBe(400);
    expect((await issue({ ...base, instructions: '' })).status).toBe(400);
    const after = (await t.call('GET', '/api/v1/staff/supervision/orders', { token: inspector })).body.items
      .length;
    expect(after).toBe(before);
  });

  it('takes the department from a bad review or a critique it is issued on', async () => {
    const put = (Item: Record<string, unknown>) =>
      t.platform.store.doc.send(new PutCommand({ TableName: t.tableName, Item }));
    await put({
      ...keys.rating('W2'),
      type: 'rating',
      v: 1,
      caseId: 'W2',
      departmentId: 'housing',
      score: 2,
    });
    await put({ ...keys.rating('W1'), type: 'rating', v: 1, caseId: 'W1', departmentId: 'market', score: 5 });
    await put({
      ...keys.critique('K7Q2'),
      type: 'critique',
      v: 1,
      trackingCode: 'K7Q2',
      status: 'routed',
      assignedDepartmentId: 'market',
      category: 'correction',
    });
    await put({
      ...keys.critique('K9Z3'),
      type: 'critique',
      v: 1,
      trackingCode: 'K9Z3',
      status: 'accepted',
      category: 'suggestion',
    });
    const review = await issue({ ...base, targetType: 'rating', targetId: 'W2' });
    expect(review.status).toBe(201);
    expect(review.body.departmentId).toBe('housing');
    const good = await issue({ ...base, targetType: 'rating', targetId: 'W1' });
    expect(good.status).toBe(400);
    expect(good.body.error.message).toMatch(/not a bad review/);
    expect((await issue({ ...base, targetType: 'critique', targetId: 'K7Q2' })).body.departmentId).toBe(
      'market',
    );
    expect((await issue({ ...base, targetType: 'critique', targetId: 'K9Z3' })).status).toBe(400);
    const routedByInspector = await issue({
      ...base,
      targetType: 'critique',
      targetId: 'K9Z3',
      departmentId: 'housing',
    });
    expect(routedByInspector.body).toMatchObject({
      status: 'issued',
      departmentId: 'housing',
      targetType: 'critique',
    });
  });

  it('runs issue → respond → escalate → respond → close, with every step audited and role rules', async () => {
    const created = await issue(base);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^DB20261127-[A-Z2-9]{6}$/);
    expect(created.body).toMatchObject({
      status: 'issued',
      level: 1,
      departmentId: 'market',
      district: '浦东新区',
    });

    expect((await t.call('GET', `/api/v1/staff/supervision/orders/${id}`, { token: housing })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/api/v1/staff/supervision/orders/${id}`, { token: market })).status).toBe(
      200,
    );
    expect((await t.call('GET', `/api/v1/staff/supervision/orders/${id}`)).status).toBe(401);

    // Close before any response, close by the wrong role, respond by the wrong department.
    expect((await act(id, 'close', { outcome: '已办结' }, inspector)).status).toBe(409);
    const wrongRole = await act(id, 'close', { outcome: '已办结' }, market);
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.code).toBe('forbidden');
    expect((await act(id, 'respond', { note: '我们来处理' }, housing)).status).toBe(403);
    expect((await act(id, 'respond', { note: '已处理' }, inspector)).status).toBe(403);
    const unchanged = await t.call('GET', `/api/v1/staff/supervision/orders/${id}`, { token: inspector });
    expect(unchanged.body.status).toBe('issued');
    expect(unchanged.body.audit).toHaveLength(1);

    const responded = await act(id, 'respond', { note: '已联系申请人补正材料，预计12月1日办结。' }, market);
    expect(responded.status).toBe(200);
    expect(responded.body.status).toBe('responded');
    expect((await act(id, 'respond', { note: 'again' }, market)).status).toBe(409);

    const escalated = await act(
      id,
      'escalate',
      { note: '答复不具体，升级督办', deadline: '2026-12-02' },
      inspector,
    );
    expect(escalated.body).toMatchObject({ status: 'escalated', level: 2, deadline: '2026-12-02' });
    expect((await act(id, 'escalate', { note: 'x', deadline: '2026-01-01' }, inspector)).status).toBe(400);
    expect((await act(id, 'respond', { note: '已于11月30日办结并书面说明。' }, market)).body.status).toBe(
      'responded',
    );
    const closed = await act(id, 'close', { outcome: '核实已办结，销号。' }, inspector);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedBy: 'test-inspector',
      outcome: '核实已办结，销号。',
    });
    expect((await act(id, 'escalate', { note: 'x', deadline: '2026-12-10' }, inspector)).status).toBe(409);
    expect((await act('DB20261127-NOSUCH', 'close', { outcome: 'x' }, inspector)).status).toBe(404);

    const detail = await t.call('GET', `/api/v1/staff/supervision/orders/${id}`, { token: inspector });
    expect(detail.body.steps.map((s: any) => s.action)).toEqual([
      'issue',
      'respond',
      'escalate',
      'respond',
      'close',
    ]);
    expect(
      detail.body.audit.map((a: any) => [a.action, a.actor, a.before?.status ?? null, a.after.status]),
    ).toEqual([
      ['supervision.order.issue', 'test-inspector', null, 'issued'],
      ['supervision.order.respond', 'test-department-market', 'issued', 'responded'],
      ['supervision.order.escalate', 'test-inspector', 'responded', 'escalated'],
      ['supervision.order.respond', 'test-department-market', 'escalated', 'responded'],
      ['supervision.order.close', 'test-inspector', 'responded', 'closed'],
    ]);
    expect(detail.body.audit.every((a: any) => typeof a.at === 'string' && a.roles.length)).toBe(true);
  });

  it('is flagged overdue by the sweeper the day after its deadline, once', async () => {
    const created = await issue({
      ...base,
      targetType: 'department',
      targetId: 'housing',
      deadline: '2026-11-30',
    });
    const id = created.body.id;
    expect(created.body.departmentId).toBe('housing');
    t.clock.set('2026-11-30T18:00:00+08:00');
    expect((await sweep(t.platform)).byType.supervisionOrder).toBeUndefined();
    t.clock.set('2026-12-01T08:00:00+08:00');
    const swept = await sweep(t.platform);
    expect(swept.byType.supervisionOrder).toBe(1);
    const order = await t.call('GET', `/api/v1/staff/supervision/orders/${id}`, { token: housing });
    expect(order.body).toMatchObject({ overdue: true, overdueSince: '2026-12-01', status: 'issued' });
    expect(order.body.audit.at(-1)).toMatchObject({ action: 'supervision.order.overdue', actor: 'sweeper' });
    const again = await sweep(t.platform);
    expect(again.byType.supervisionOrder).toBeUndefined();
    // The overdue order is on the department's open list; responding late still works.
    const list = await t.call('GET', '/api/v1/staff/supervision/orders?status=open', { token: housing });
    expect(list.body.items.map((o: any) => o.id)).toContain(id);
    expect((await act(id, 'respond', { note: '逾期说明' }, housing)).body).toMatchObject({
      status: 'responded',
      overdue: true,
    });
    expect(
      (await t.call('GET', '/api/v1/staff/supervision/orders?departmentId=market', { token: housing }))
        .status,
    ).toBe(403);
    const closed = await t.call('GET', '/api/v1/staff/supervision/orders?status=closed', {
      token: inspector,
    });
    expect(closed.body.items).toHaveLength(1);
  });
});

describe('supervision in the OpenAPI document', () => {
  it('describes the board, the orders and the reports', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).body;
    for (const path of [
      '/api/v1/staff/warnings',
      '/api/v1/supervision/orders',
      '/api/v1/supervision/orders/{id}/close',
      '/api/v1/staff/reports',
      '/api/v1/rankings/drafts',
      '/api/v1/rankings/{scope}/{period}/versions/{version}/inputs',
    ])
      expect(doc.paths[path], path).toBeDefined();
  });
});

describe('supervision pages', () => {
  const cookie = async (token: string) => ({ cookie: await t.session(token) });

  it('shows the board and orders to staff, with forms that work without JavaScript', async () => {
    expect((await t.call('GET', '/staff/warnings')).status).toBe(401);
    const page = await t.call('GET', '/staff/warnings', { headers: await cookie(inspector) });
    expect(page.status).toBe(200);
    expect(page.text).toContain('W1');
    const form = async (body: Record<string, string>, token = inspector) => ({
      headers: {
        ...(await cookie(token)),
        'content-type': 'application/x-www-form-urlencoded',
        origin: SITE_ORIGIN,
      },
      body: new URLSearchParams(body).toString(),
    });
    const issued = await t.call(
      'POST',
      '/staff/orders',
      await form({
        targetType: 'case',
        targetId: 'W2',
        title: '红灯督办',
        instructions: '请说明原因',
        deadline: '2026-12-10',
      }),
    );
    expect(issued.status).toBe(303);
    const where = issued.headers.get('location')!;
    expect(where).toMatch(/^\/staff\/orders\/DB/);
    const bad = await t.call(
      'POST',
      '/staff/orders',
      await form({
        targetType: 'case',
        targetId: 'NOPE',
        title: 'x',
        instructions: 'y',
        deadline: '2026-12-10',
      }),
    );
    expect(bad.status).toBe(404);
    const byDept = await t.call('POST', `${where}/close`, await form({ outcome: 'x' }, housing));
    expect(byDept.status).toBe(403);
    const respond = await t.call('POST', `${where}/respond`, await form({ note: '正在办理' }, housing));
    expect(respond.status).toBe(303);
    const detail = await t.call('GET', where, { headers: await cookie(inspector) });
    expect(detail.text).toContain('正在办理');
    expect(detail.text).toContain('supervision.order.respond');
    const cross = await t.call('POST', `${where}/close`, {
      ...(await form({ outcome: 'x' })),
      headers: { ...(await form({})).headers, origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
  });
});
