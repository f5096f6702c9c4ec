import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrackingCode } from '../../functions/domain/critiques/tracking-code.js';
import { recentOutbox } from '../../functions/usecases/notifications.js';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let office: string;
let market: string;
let housing: string;
let inspector: string;
let uaCounter = 0;

/** A fresh client identity per call unless one is given, so limits and dedup stay out of the way. */
async function submit(body: unknown, ua = `test-agent-${uaCounter++}`, address = '10.0.0.1') {
  return t.call('POST', '/api/v1/critiques', {
    body,
    headers: { 'user-agent': ua, 'x-forwarded-for': address },
  });
}

/** The private keys of the critiques made here, by tracking code: what the nitpicker holds. */
const nitpickerKeys = new Map<string, string>();

async function newCritique(body: Record<string, unknown> = {}) {
  const res = await submit({ category: 'correction', text: `问题 ${uaCounter} ${Math.random()}`, ...body });
  expect(res.status).toBe(201);
  nitpickerKeys.set(res.body.trackingCode, res.body.nitpickerKey);
  return res.body.trackingCode as string;
}

const staff = (method: string, path: string, token: string, body?: unknown) =>
  t.call(method, `/api/v1/staff/critiques${path}`, { token, ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  [office, market, housing, inspector] = await Promise.all([
    t.token('office'),
    t.token('department', 'market'),
    t.token('department', 'housing'),
    t.token('inspector'),
  ]);
});
afterAll(() => t?.stop());

describe('submitting a critique', () => {
  it('answers 201 with a short, well-formed tracking code and shows it to its holder', async () => {
    const res = await submit({
      category: 'suggestion',
      text: '窗口排队太久，请增加周末窗口。联系我 13812345678，身份证 110101199003071234',
      targetType: 'service',
      targetId: 'FOOD',
      nickname: '老王',
      contact: 'wang@example.com',
    });
    expect(res.status).toBe(201);
    // The public tracking code, and the nitpicker's private key and link (see critiques-trust.test.ts).
    expect(Object.keys(res.body)).toEqual(['trackingCode', 'nitpickerKey', 'privateUrl']);
    const code = res.body.trackingCode as string;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(parseTrackingCode(code)).toBe(code);

    const page = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      trackingCode: code,
      status: 'submitted',
      category: 'suggestion',
      targetType: 'service',
      targetId: 'FOOD',
      targetName: '食品经营许可',
      departmentId: 'market',
      departmentName: '市场监督管理局',
      nickname: '老王',
    });
    expect(page.body.text).toContain('138****5678');
    expect(page.body.text).not.toContain('13812345678');
    expect(page.body.text).not.toContain('110101199003071234');
    expect(page.text).not.toContain('wang@example.com');
    expect(page.body.contact).toBeUndefined();
    // Typed in lower case and with a hyphen, the code still finds it.
    const loose = await t.call('GET', `/api/v1/critiques/${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    expect(loose.body.trackingCode).toBe(code);

    // Staff see the text as written and only a masked contact.
    const staffView = await staff('GET', `/${code}`, office);
    expect(staffView.body.text).toContain('13812345678');
    expect(staffView.body.contact).toEqual({ kind: 'email', masked: 'w***@example.com' });
    expect(staffView.text).not.toContain('wang@example.com');
    expect(staffView.body.clientHash).toBeUndefined();
  });

  it('refuses bad input with the contract error and stores nothing', async () => {
    const before = await staff('GET', '?status=submitted&limit=100', office);
    const cases: [unknown, number][] = [
      [{ category: 'correction', text: '' }, 400],
      [{ category: 'correction', text: '   \n\t ' }, 400],
      [{ category: 'correction', text: 'x'.repeat(4001) }, 400],
      [{ category: 'complaint', text: 'x' }, 400],
      [{ text: 'x' }, 400],
      [{ category: 'correction', text: 'x', targetType: 'service', targetId: 'NOPE' }, 400],
      [{ category: 'correction', text: 'x', targetType: 'department', targetId: 'nope' }, 400],
      [{ category: 'correction', text: 'x', targetId: 'FOOD' }, 400],
      [{ category: 'correction', text: 'x', targetType: 'service' }, 400],
      [{ category: 'correction', text: 'x', targetType: 'general', targetId: 'FOOD' }, 400],
      [{ category: 'correction', text: 'x', contact: 'call me maybe' }, 400],
      [{ category: 'correction', text: 'x', nickname: '<b>bold</b>' }, 400],
      [{ category: 'correction', text: 'x', website: 'spam' }, 400],
      ['not json', 400],
      [[1, 2], 400],
    ];
    for (const [body, status] of cases) {
      const res = await submit(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.error.code).toBe('invalid_request');
    }
    const huge = await submit({ category: 'correction', text: 'x'.repeat(40_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too_large');
    const exactly = await submit({ category: 'correction', text: '字'.repeat(4000) });
    expect(exactly.status).toBe(201);
    const after = await staff('GET', '?status=submitted&limit=100', office);
    expect(after.body.items.length).toBe(before.body.items.length + 1);
  });

  it('collapses identical text from one client within minutes into one critique', async () => {
    const body = { category: 'enquiry', text: '请问营业执照补办需要哪些材料？' };
    const first = await submit(body, 'same-browser');
    const again = await submit({ ...body, text: `  ${body.text}\n` }, 'same-browser');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.trackingCode).toBe(first.body.trackingCode);
    const otherClient = await submit(body, 'another-browser');
    expect(otherClient.status).toBe(201);
    expect(otherClient.body.trackingCode).not.toBe(first.body.trackingCode);
    t.clock.advanceDays(0.01); // ~14 minutes later it is a new critique
    const later = await submit(body, 'same-browser');
    expect(later.status).toBe(201);
    expect(later.body.trackingCode).not.toBe(first.body.trackingCode);
  });

  it('rate-limits per client (address + user agent), not per address', async () => {
    const saved = process.env.WOODPECKER_CRITIQUE_LIMITS;
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=3/3600,address=4/3600';
    const hall = '192.0.2.10';
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await submit({ category: 'correction', text: `limit ${i}` }, 'busy-client', hall)).status,
        );
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      const limited = await submit({ category: 'correction', text: 'limit again' }, 'busy-client', hall);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Someone else in the same hall (same address, other browser) is not locked out...
      expect((await submit({ category: 'correction', text: 'neighbour' }, 'neighbour-1', hall)).status).toBe(
        201,
      );
      // ...until the address ceiling is reached.
      expect(
        (await submit({ category: 'correction', text: 'neighbour 2' }, 'neighbour-2', hall)).status,
      ).toBe(429);
      // Another address is a different client altogether.
      expect(
        (await submit({ category: 'correction', text: 'elsewhere' }, 'busy-client', '10.9.9.9')).status,
      ).toBe(201);
    } finally {
      if (saved === undefined) delete process.env.WOODPECKER_CRITIQUE_LIMITS;
      else process.env.WOODPECKER_CRITIQUE_LIMITS = saved;
      t.clock.advanceDays(1 / 12);
    }
  });

  it('checks tracking codes on read: 400 for a malformed code, 404 for an unknown one', async () => {
    const code = await newCritique();
    const typo = `${code.slice(0, 3)}${code[3] === 'A' ? 'B' : 'A'}${code.slice(4)}`;
    expect((await t.call('GET', `/api/v1/critiques/${typo}`)).status).toBe(400);
    expect((await t.call('GET', '/api/v1/critiques/short')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/critiques/%3Cscript%3E')).status).toBe(400);
    // A well-formed code (valid check symbol) that was never issued.
    let unknown = '000000000';
    for (const ch of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') if (parseTrackingCode(unknown + ch)) unknown += ch;
    const res = await t.call('GET', `/api/v1/critiques/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('the lifecycle', () => {
  it('goes submitted → accepted → routed → answered → not solved → rectified → solved → awarded', async () => {
    t.clock.set('2026-11-20T10:00:00+08:00');
    const code = await newCritique({
      category: 'correction',
      text: '食品经营许可的办事指南写着要 5 份材料，窗口却要 7 份。',
      targetType: 'service',
      targetId: 'FOOD',
      nickname: '找茬达人',
      contact: '13900001111',
    });
    // Not public until the office accepts it.
    expect(
      (await t.call('GET', '/api/v1/critiques?limit=100')).body.items.map((r: any) => r.trackingCode),
    ).not.toContain(code);

    const accepted = await staff('POST', `/${code}/accept`, office);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const board = await t.call('GET', '/api/v1/critiques?limit=100');
    expect(board.body.items.find((r: any) => r.trackingCode === code)).toMatchObject({
      status: 'accepted',
      departmentId: 'market',
    });
    expect((await staff('POST', `/${code}/accept`, office)).status).toBe(409);

    // Friday 2026-11-20: five working days → Friday 2026-11-27.
    t.clock.set('2026-11-20T10:05:00+08:00');
    const routed = await staff('POST', `/${code}/route`, office, { departmentId: 'market' });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({
      status: 'routed',
      assignedDepartmentId: 'market',
      replyDue: '2026-11-27',
    });

    t.clock.set('2026-11-24T15:00:00+08:00');
    const answered = await staff('POST', `/${code}/reply`, market, {
      text: '已核实，材料清单以办事指南为准，窗口已纠正。',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', responseDays: 2, answeredOnTime: true });

    const open = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(open.body.replies).toEqual([
      expect.objectContaining({
        by: 'department',
        departmentId: 'market',
        kind: 'reply',
        text: '已核实，材料清单以办事指南为准，窗口已纠正。',
      }),
    ]);
    // The nitpicker left a phone: the answer went out by SMS, to a masked recipient in the outbox.
    const sms = (await recentOutbox()).find((m) => m.reason === `critique-answered:${code}`);
    expect(sms).toMatchObject({ channel: 'sms', to: '139****1111' });
    expect(sms?.text).toContain(`/critiques/${code}`);

    // "Not solved" reopens it with a new deadline, and is counted.
    const nitpickerKey = nitpickerKeys.get(code);
    // The tracking code is public: alone it cannot give the verdict.
    expect(
      (await t.call('POST', `/api/v1/critiques/${code}/confirmation`, { body: { solved: true } })).status,
    ).toBe(401);
    const notSolved = await t.call('POST', `/api/v1/critiques/${code}/confirmation`, {
      body: { nitpickerKey, solved: false, comment: '窗口还是要 7 份' },
    });
    expect(notSolved.status).toBe(200);
    expect(notSolved.body).toMatchObject({ status: 'reopened', notSolvedCount: 1, replyDue: '2026-12-01' });

    t.clock.set('2026-11-26T10:00:00+08:00');
    const rectified = await staff('POST', `/${code}/rectify`, market, {
      text: '统一窗口与网上指南，材料减为 5 份。',
    });
    expect(rectified.body).toMatchObject({
      status: 'rectified',
      responseDays: 2,
      rectification: '统一窗口与网上指南，材料减为 5 份。',
    });

    const solved = await t.call('POST', `/api/v1/critiques/${code}/confirmation`, {
      body: { nitpickerKey, solved: true },
    });
    expect(solved.body).toMatchObject({ status: 'rectified', confirmation: 'solved', notSolvedCount: 1 });
    expect(
      (
        await t.call('POST', `/api/v1/critiques/${code}/confirmation`, {
          body: { nitpickerKey, solved: false },
        })
      ).status,
    ).toBe(409);

    t.clock.set('2026-11-26T11:00:00+08:00');
    const award = await staff('POST', `/${code}/award`, office, { citation: '推动材料清单统一' });
    expect(award.status).toBe(201);
    expect(award.body.award).toMatchObject({ citation: '推动材料清单统一' });
    expect((await staff('POST', `/${code}/award`, office, { citation: 'again' })).status).toBe(409);

    const fame = await t.call('GET', '/api/v1/critiques/awards');
    expect(fame.body.items[0]).toMatchObject({
      trackingCode: code,
      citation: '推动材料清单统一',
      nickname: '找茬达人',
    });
    const leaders = await t.call('GET', '/api/v1/critiques/leaderboard');
    expect(leaders.body.items.find((l: any) => l.nickname === '找茬达人')).toEqual({
      nickname: '找茬达人',
      adopted: 1,
      awards: 1,
    });

    t.clock.set('2026-11-26T12:00:00+08:00');
    const revoked = await staff('DELETE', `/${code}/award`, office);
    expect(revoked.status).toBe(200);
    expect(revoked.body.award).toBeUndefined();
    const after = await t.call('GET', '/api/v1/critiques/leaderboard');
    expect(after.body.items.find((l: any) => l.nickname === '找茬达人')).toEqual({
      nickname: '找茬达人',
      adopted: 1,
      awards: 0,
    });
    expect(
      (await t.call('GET', '/api/v1/critiques/awards')).body.items.map((a: any) => a.trackingCode),
    ).not.toContain(code);

    // The public timeline tells the whole story; every staff write is audited.
    const page = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(page.body.events.map((e: any) => e.kind)).toEqual([
      'submitted',
      'accepted',
      'routed',
      'replied',
      'notSolved',
      'rectified',
      'solved',
      'awarded',
      'awardRevoked',
    ]);
    const audit = await staff('GET', `/${code}/audit`, office);
    expect(audit.body.items.map((a: any) => a.action)).toEqual([
      'critique.accept',
      'critique.route',
      'critique.reply',
      'critique.rectify',
      'critique.award',
      'critique.awardRevoked',
    ]);
    expect(audit.body.items[1]).toMatchObject({
      actor: 'test-office',
      before: { status: 'accepted' },
      after: { status: 'routed', assignedDepartmentId: 'market', replyDue: '2026-11-27' },
    });
    t.clock.set('2026-11-27T10:00:00+08:00');
  });

  it('rejects with a reason the holder can read, off the board', async () => {
    const code = await newCritique({ text: '广告：低价代办' });
    const res = await staff('POST', `/${code}/reject`, office, { reason: '与政务服务无关' });
    expect(res.body).toMatchObject({ status: 'rejected', rejectReason: '与政务服务无关' });
    const page = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(page.body).toMatchObject({ status: 'rejected', rejectReason: '与政务服务无关' });
    expect(
      (await t.call('GET', '/api/v1/critiques?limit=100')).body.items.map((r: any) => r.trackingCode),
    ).not.toContain(code);
    expect((await staff('POST', `/${code}/reject`, office, { reason: '' })).status).toBe(400);
    expect((await staff('POST', `/${code}/route`, office, { departmentId: 'market' })).status).toBe(409);
  });

  it('merges duplicates into a public critique, which shows the "me too" count', async () => {
    const original = await newCritique({ targetType: 'department', targetId: 'housing' });
    const dup = await newCritique({ targetType: 'department', targetId: 'housing' });
    const another = await newCritique();
    // Only a public critique collects "me too"s; nothing may duplicate itself.
    expect((await staff('POST', `/${dup}/duplicate`, office, { duplicateOf: original })).status).toBe(409);
    await staff('POST', `/${original}/accept`, office);
    expect((await staff('POST', `/${dup}/duplicate`, office, { duplicateOf: dup })).status).toBe(400);
    expect((await staff('POST', `/${dup}/duplicate`, office, { duplicateOf: 'nonsense!' })).status).toBe(400);
    const merged = await staff('POST', `/${dup}/duplicate`, office, { duplicateOf: original });
    expect(merged.body).toMatchObject({ status: 'duplicate', duplicateOf: original });
    await staff('POST', `/${another}/duplicate`, office, { duplicateOf: original });
    const page = await t.call('GET', `/api/v1/critiques/${original}`);
    expect(page.body.meToo).toBe(2);
    const row = (await t.call('GET', '/api/v1/critiques?departmentId=housing&limit=100')).body.items.find(
      (r: any) => r.trackingCode === original,
    );
    expect(row.meToo).toBe(2);
  });

  it('lets a department hand a misrouted critique back; the office re-routes it', async () => {
    const code = await newCritique({ targetType: 'service', targetId: 'FOOD' });
    await staff('POST', `/${code}/route`, office, { departmentId: 'housing', replyDays: 3 });
    expect((await staff('GET', `/${code}`, housing)).status).toBe(200);
    expect((await staff('GET', `/${code}`, market)).status).toBe(403);
    const back = await staff('POST', `/${code}/hand-back`, housing, { reason: '属市场监管职责' });
    expect(back.body).toMatchObject({ status: 'accepted' });
    expect(back.body.assignedDepartmentId).toBeUndefined();
    expect((await staff('GET', `/${code}`, housing)).status).toBe(403);
    // The reason stays internal: the public timeline only says it went back.
    const page = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(page.body.events.at(-1)).toEqual(
      expect.objectContaining({ kind: 'handedBack', by: 'department' }),
    );
    expect(page.text).not.toContain('属市场监管职责');
    const rerouted = await staff('POST', `/${code}/route`, office, { departmentId: 'market' });
    expect(rerouted.body).toMatchObject({ status: 'routed', assignedDepartmentId: 'market' });
    expect((await staff('GET', `/${code}`, market)).status).toBe(200);
  });

  it('flags replies that miss their deadline when the sweeper runs', async () => {
    t.clock.set('2026-12-01T09:00:00+08:00'); // Tuesday
    const code = await newCritique({ targetType: 'department', targetId: 'housing' });
    const routed = await staff('POST', `/${code}/route`, office, { departmentId: 'housing', replyDays: 2 });
    expect(routed.body.replyDue).toBe('2026-12-03');
    t.clock.set('2026-12-03T18:00:00+08:00'); // due today: not late yet
    await sweep(t.platform);
    expect((await staff('GET', `/${code}`, office)).body.overdue).toBe(false);
    t.clock.set('2026-12-04T08:00:00+08:00');
    const swept = await sweep(t.platform);
    expect(swept.byType.critique).toBeGreaterThanOrEqual(1);
    const flagged = await staff('GET', `/${code}`, housing);
    expect(flagged.body.overdue).toBe(true);
    const row = (
      await t.call('GET', '/api/v1/critiques?departmentId=housing&status=open&limit=100')
    ).body.items.find((r: any) => r.trackingCode === code);
    expect(row.overdue).toBe(true);
    // Parked once flagged: the next sweep does not touch it again.
    const again = await sweep(t.platform);
    expect(again.byType.critique ?? 0).toBe(0);
    const late = await staff('POST', `/${code}/reply`, housing, { text: '迟到的答复' });
    expect(late.body).toMatchObject({
      status: 'answered',
      answeredOnTime: false,
      overdue: false,
      responseDays: 3,
    });
  });
});

describe('role rules', () => {
  it('checks the token, then the role and department, then the body', async () => {
    const code = await newCritique({ targetType: 'service', targetId: 'FOOD' });
    expect((await staff('POST', `/${code}/accept`, '')).status).toBe(401);
    expect(
      (await t.call('POST', `/api/v1/staff/critiques/${code}/accept`, { token: 'garbage' })).status,
    ).toBe(401);
    const expired = await t.token('office', undefined, { expiresInSeconds: -60 });
    expect((await staff('POST', `/${code}/accept`, expired)).status).toBe(401);
    expect((await staff('POST', `/${code}/accept`, market)).status).toBe(403);
    expect((await staff('POST', `/${code}/accept`, inspector)).status).toBe(403);
    expect((await staff('POST', `/${code}/route`, market, { departmentId: 'market' })).status).toBe(403);
    expect((await staff('POST', `/${code}/award`, market, { citation: 'x' })).status).toBe(403);

    await staff('POST', `/${code}/route`, office, { departmentId: 'market' });
    // Another department: 403 before its (invalid) body is even looked at.
    const other = await staff('POST', `/${code}/reply`, housing, { nonsense: true });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    expect((await staff('POST', `/${code}/hand-back`, housing, { reason: 'x' })).status).toBe(403);
    expect((await staff('GET', `/${code}`, housing)).status).toBe(403);
    expect((await staff('POST', `/${code}/hand-back`, office, { reason: 'x' })).status).toBe(403);
    // Its own department with a bad body: 400.
    expect((await staff('POST', `/${code}/reply`, market, { nonsense: true })).status).toBe(400);
    expect((await staff('POST', `/${code}/reply`, market, { text: 'x'.repeat(4001) })).status).toBe(400);
    // Inspectors read everything, write nothing.
    expect((await staff('GET', `/${code}`, inspector)).status).toBe(200);
    expect((await staff('POST', `/${code}/reply`, inspector, { text: 'x' })).status).toBe(403);
    // Unknown critique: 404; malformed code (bad check symbol): 400.
    expect((await staff('POST', '/0000000000/accept', office)).status).toBe(404);
    expect((await staff('POST', '/0000000001/accept', office)).status).toBe(400);
  });

  it('shows department staff only their own inbox', async () => {
    const code = await newCritique();
    await staff('POST', `/${code}/route`, office, { departmentId: 'market' });
    const mine = await staff('GET', '', market);
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((c: any) => c.assignedDepartmentId === 'market')).toBe(true);
    expect(mine.body.items.map((c: any) => c.trackingCode)).toContain(code);
    expect((await staff('GET', '?departmentId=housing', market)).status).toBe(403);
    const routedOnly = await staff('GET', '?status=routed', market);
    expect(routedOnly.body.items.every((c: any) => c.status === 'routed')).toBe(true);
    const queue = await staff('GET', '?status=submitted', office);
    expect(queue.status).toBe(200);
    const asOffice = await staff('GET', '?departmentId=housing', office);
    expect(asOffice.body.items.every((c: any) => c.assignedDepartmentId === 'housing')).toBe(true);
    expect((await staff('GET', '?status=bogus', office)).status).toBe(400);
  });
});

describe('the public board', () => {
  it('filters by status, department, service and category, and pages by key', async () => {
    t.clock.set('2026-12-10T10:00:00+08:00');
    const made: Record<string, string[]> = { food: [], housing: [], general: [] };
    for (let i = 0; i < 7; i++) {
      const code = await newCritique({
        category: i % 2 ? 'suggestion' : 'enquiry',
        targetType: 'service',
        targetId: 'FOOD',
        text: `board food ${i}`,
      });
      await staff('POST', `/${code}/accept`, office);
      if (i < 3) {
        await staff('POST', `/${code}/route`, office, { departmentId: 'market' });
        await staff('POST', `/${code}/reply`, market, { text: `answer ${i}` });
      }
      made.food!.push(code);
      t.clock.advanceDays(0.001);
    }
    for (let i = 0; i < 3; i++) {
      const code = await newCritique({
        targetType: 'department',
        targetId: 'housing',
        category: 'correction',
      });
      await staff('POST', `/${code}/accept`, office);
      made.housing!.push(code);
    }
    const codes = (res: any) => res.body.items.map((r: any) => r.trackingCode) as string[];
    const bySvc = await t.call('GET', '/api/v1/critiques?serviceCode=FOOD&limit=100');
    expect(codes(bySvc)).toEqual(expect.arrayContaining(made.food!));
    expect(codes(bySvc).some((c) => made.housing!.includes(c))).toBe(false);
    const answeredFood = await t.call('GET', '/api/v1/critiques?serviceCode=FOOD&status=answered&limit=100');
    expect(new Set(codes(answeredFood).filter((c) => made.food!.includes(c)))).toEqual(
      new Set(made.food!.slice(0, 3)),
    );
    const enquiries = await t.call(
      'GET',
      '/api/v1/critiques?serviceCode=FOOD&category=enquiry&status=answered',
    );
    expect(codes(enquiries).sort()).toEqual([made.food![0], made.food![2]].sort());
    expect(enquiries.body.items[0]).toMatchObject({
      answer: expect.stringMatching(/^answer/),
      responseDays: 0,
      answeredOnTime: true,
    });
    const housingRows = await t.call(
      'GET',
      '/api/v1/critiques?departmentId=housing&category=correction&status=open&limit=100',
    );
    expect(codes(housingRows)).toEqual(expect.arrayContaining(made.housing!));
    expect(
      housingRows.body.items.every((r: any) => r.departmentId === 'housing' && r.category === 'correction'),
    ).toBe(true);
    // A service of another department: no rows rather than a silent mismatch.
    expect(codes(await t.call('GET', '/api/v1/critiques?serviceCode=FOOD&departmentId=housing'))).toEqual([]);

    // Newest first, every row once across pages.
    const all = codes(await t.call('GET', '/api/v1/critiques?limit=100'));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.call('GET', `/api/v1/critiques?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      paged.push(...codes(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const first = await t.call('GET', '/api/v1/critiques?limit=2');
    const foreign = await t.call('GET', `/api/v1/critiques?serviceCode=FOOD&cursor=${first.body.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect((await t.call('GET', '/api/v1/critiques?cursor=bm9wZQ')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/critiques?status=closed')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/critiques?limit=0')).status).toBe(400);
  });
});

describe('figures from the aggregates', () => {
  it('counts received, answered, on time and the median response time per department', async () => {
    await t.drain();
    const stats = await t.call('GET', '/api/v1/departments/market/critique-stats?from=2026-11&to=2026-12');
    expect(stats.status).toBe(200);
    const direct = await t.call('GET', '/api/v1/critiques?departmentId=market&limit=100');
    expect(stats.body.summary.received).toBe(direct.body.items.length);
    expect(stats.body.summary.answered).toBeGreaterThanOrEqual(4);
    expect(stats.body.summary.answeredOnTime).toBe(stats.body.summary.answered);
    expect(stats.body.summary.onTimeRate).toBe(1);
    expect(stats.body.summary.notSolved).toBe(1);
    expect(stats.body.summary.solved).toBe(1);
    expect(stats.body.summary.rectified).toBe(1);
    expect(stats.body.summary.medianResponseDays).toBe(0);
    expect(stats.body.series.map((s: any) => s.month)).toEqual(['2026-11', '2026-12']);
    const housingStats = await t.call(
      'GET',
      '/api/v1/departments/housing/critique-stats?from=2026-11&to=2026-12',
    );
    expect(housingStats.body.summary).toMatchObject({
      answered: 1,
      answeredOnTime: 0,
      onTimeRate: 0,
      medianResponseDays: 3,
    });
    const all = await t.call('GET', '/api/v1/critiques/stats?from=2026-11&to=2026-12');
    expect(all.body.departments.map((d: any) => d.departmentId).sort()).toEqual(['housing', 'market']);
    expect(all.body.city.received).toBeGreaterThanOrEqual(
      stats.body.summary.received + housingStats.body.summary.received,
    );
    expect((await t.call('GET', '/api/v1/departments/nope/critique-stats')).status).toBe(404);
  });
});

describe('Open311 api keys', () => {
  it('are issued, listed without their secret and revoked by the office only', async () => {
    expect(
      (await t.call('POST', '/api/v1/staff/open311-keys', { token: market, body: { name: 'x' } })).status,
    ).toBe(403);
    const issued = await t.call('POST', '/api/v1/staff/open311-keys', {
      token: office,
      body: { name: '市民通 App' },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.apiKey).toMatch(/^[0-9A-Z]{10}\.[A-Za-z0-9_-]{43}$/);
    const list = await t.call('GET', '/api/v1/staff/open311-keys', { token: office });
    expect(list.body.items.find((k: any) => k.id === issued.body.id)).toMatchObject({ name: '市民通 App' });
    expect(list.text).not.toContain(issued.body.apiKey.split('.')[1]);
    expect(
      (await t.call('DELETE', `/api/v1/staff/open311-keys/${issued.body.id}`, { token: office })).status,
    ).toBe(200);
    expect(
      (await t.call('DELETE', `/api/v1/staff/open311-keys/${issued.body.id}`, { token: office })).status,
    ).toBe(404);
  });
});
