/**
 * The find-fault window's pages without a browser: the plain form posts (submit,
 * honeypot, validation, "solved / not solved") and the staff console's action forms,
 * with their sign-in, role and same-origin checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  body: new URLSearchParams(fields).toString(),
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': `pages-${Math.random()}`,
    origin: SITE_ORIGIN,
    ...headers,
  },
});

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
});
afterAll(() => t?.stop());

describe('the submit form', () => {
  it('creates a critique and redirects to its page, which escapes the text', async () => {
    const res = await t.call(
      'POST',
      '/critiques/new',
      form({
        category: 'suggestion',
        target: 'department:housing',
        text: '<script>alert(1)</script> 建议',
        nickname: '',
        contact: '',
      }),
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    // The receipt is the nitpicker's private link: the public code plus their private key.
    expect(location).toMatch(/^\/critiques\/[0-9A-Z]{10}\?new=1&key=[0-9A-Z]{26}$/);
    const page = await t.call('GET', location);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 建议');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const code = location.slice('/critiques/'.length, location.indexOf('?'));
    const api = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(api.body).toMatchObject({
      category: 'suggestion',
      targetType: 'department',
      targetId: 'housing',
      status: 'submitted',
    });
    // A hand-typed lower-case code redirects to the canonical page.
    const lower = await t.call('GET', `/critiques/${code.toLowerCase()}`);
    expect(lower.status).toBe(301);
    expect(lower.headers.get('location')).toBe(`/critiques/${code}`);
  });

  it('refuses a filled honeypot and shows field errors, keeping what was typed; nothing is stored', async () => {
    const office = await t.token('office');
    const before = (
      await t.call('GET', '/api/v1/staff/critiques?status=submitted&limit=100', { token: office })
    ).body.items.length;
    const bot = await t.call(
      'POST',
      '/critiques/new',
      form({ category: 'correction', target: 'general', text: 'buy now', website: 'http://spam' }),
    );
    expect(bot.status).toBe(400);
    const bad = await t.call(
      'POST',
      '/critiques/new',
      form({
        category: 'nope',
        target: 'service:NOPE',
        text: '   ',
        nickname: '<b>x</b>',
        contact: 'someone',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.text.match(/<li id="err-/g)).toHaveLength(4);
    expect(bad.text).toContain('value="someone"');
    expect(bad.text).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    const unknownTarget = await t.call(
      'POST',
      '/critiques/new',
      form({ category: 'correction', target: 'service:NOPE', text: 'x' }),
    );
    expect(unknownTarget.status).toBe(400);
    expect(unknownTarget.text).toContain('Unknown target');
    const after = (
      await t.call('GET', '/api/v1/staff/critiques?status=submitted&limit=100', { token: office })
    ).body.items.length;
    expect(after).toBe(before);
  });

  it('looks critiques up by code from the board, and says so when a code is mistyped', async () => {
    expect((await t.call('GET', '/critiques/track?code=nonsense')).status).toBe(400);
    const missing = await t.call('GET', '/critiques/0000000000');
    expect(missing.status).toBe(404);
    expect((await t.call('GET', '/critiques/0000000001')).status).toBe(404);
    const board = await t.call('GET', '/critiques/board?cursor=garbage&status=weird');
    expect(board.status).toBe(200);
  });
});

describe('the staff console', () => {
  let code: string;
  let key: string;
  const cookie = async (token: string) => ({ cookie: await t.session(token) });

  beforeAll(async () => {
    const res = await t.call(
      'POST',
      '/critiques/new',
      form({ category: 'correction', target: 'service:FOOD', text: '页面办理测试 13812345678' }),
    );
    code = res.headers.get('location')!.split('/')[2]!.split('?')[0]!;
    key = new URL(res.headers.get('location')!, 'http://x').searchParams.get('key')!;
  });

  it('lets the office triage and route through forms, and refuses foreign origins and the wrong role', async () => {
    const office = await t.token('office');
    const market = await t.token('department', 'market');
    expect((await t.call('POST', `/staff/critiques/${code}/accept`, form({}))).status).toBe(401);
    expect(
      (await t.call('POST', `/staff/critiques/${code}/accept`, form({}, await cookie(market)))).status,
    ).toBe(403);
    const foreign = await t.call(
      'POST',
      `/staff/critiques/${code}/accept`,
      form({}, { ...(await cookie(office)), origin: 'https://evil.example' }),
    );
    expect(foreign.status).toBe(403);
    const accepted = await t.call(
      'POST',
      `/staff/critiques/${code}/accept`,
      form({}, { ...(await cookie(office)), origin: SITE_ORIGIN }),
    );
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/staff/critiques/${code}?saved=1`);
    const routed = await t.call(
      'POST',
      `/staff/critiques/${code}/route`,
      form({ departmentId: 'market', replyDays: '3' }, await cookie(office)),
    );
    expect(routed.status).toBe(303);
    const bad = await t.call(
      'POST',
      `/staff/critiques/${code}/route`,
      form({ departmentId: 'market', replyDays: '99' }, await cookie(office)),
    );
    expect(bad.status).toBe(400);
    const view = await t.call('GET', `/api/v1/staff/critiques/${code}`, { token: office });
    expect(view.body).toMatchObject({ status: 'routed', assignedDepartmentId: 'market', replyDays: 3 });
  });

  it('lets the assigned department answer through the form; other departments are refused', async () => {
    const market = await t.token('department', 'market');
    const housing = await t.token('department', 'housing');
    expect((await t.call('GET', `/staff/critiques/${code}`, { headers: await cookie(housing) })).status).toBe(
      403,
    );
    const page = await t.call('GET', `/staff/critiques/${code}`, { headers: await cookie(market) });
    expect(page.status).toBe(200);
    expect(page.text).toContain('13812345678');
    expect(page.text).toContain(`action="/staff/critiques/${code}/reply"`);
    expect(page.text).not.toContain(`action="/staff/critiques/${code}/accept"`);
    expect(
      (await t.call('POST', `/staff/critiques/${code}/reply`, form({ text: 'x' }, await cookie(housing))))
        .status,
    ).toBe(403);
    expect(
      (await t.call('POST', `/staff/critiques/${code}/reply`, form({ text: '   ' }, await cookie(market))))
        .status,
    ).toBe(400);
    const answered = await t.call(
      'POST',
      `/staff/critiques/${code}/reply`,
      form({ text: '已处理' }, await cookie(market)),
    );
    expect(answered.status).toBe(303);
    const inbox = await t.call('GET', '/staff/critiques', { headers: await cookie(market) });
    expect(inbox.text).toContain(`/staff/critiques/${code}`);
  });

  it('takes the critic’s verdict through the public page form', async () => {
    // The tracking code alone (anyone's, from the board) cannot give the verdict.
    const anyone = await t.call('POST', `/critiques/${code}/confirm`, form({ verdict: 'solved' }));
    expect(anyone.status).toBe(401);
    const bad = await t.call('POST', `/critiques/${code}/confirm`, form({ verdict: 'maybe', key }));
    expect(bad.status).toBe(400);
    const res = await t.call(
      'POST',
      `/critiques/${code}/confirm`,
      form({ verdict: 'not-solved', comment: '还是不行', key }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/critiques/${code}?key=${key}&confirmed=1`);
    const page = await t.call('GET', `/critiques/${code}?confirmed=1`);
    expect(page.text).toContain('还是不行');
    const api = await t.call('GET', `/api/v1/critiques/${code}`);
    expect(api.body).toMatchObject({ status: 'reopened', notSolvedCount: 1 });
    const again = await t.call('POST', `/critiques/${code}/confirm`, form({ verdict: 'solved', key }));
    expect(again.status).toBe(409);
  });

  it('issues and revokes Open311 keys from the office console; the key is shown once', async () => {
    const office = await t.token('office');
    const issued = await t.call(
      'POST',
      '/staff/open311-keys',
      form({ name: '合作 App' }, await cookie(office)),
    );
    expect(issued.status).toBe(200);
    const key = /([0-9A-Z]{10}\.[A-Za-z0-9_-]{43})/.exec(issued.text)?.[1];
    expect(key).toBeDefined();
    const list = await t.call('GET', '/staff/open311-keys', { headers: await cookie(office) });
    expect(list.text).toContain('合作 App');
    expect(list.text).not.toContain(key!.split('.')[1]);
    const id = key!.split('.')[0]!;
    expect(
      (await t.call('POST', `/staff/open311-keys/${id}/revoke`, form({}, await cookie(office)))).status,
    ).toBe(303);
    const refused = await t.call(
      'POST',
      '/open311/v2/requests.json',
      form({ api_key: key!, service_code: 'enquiry', description: 'x' }),
    );
    expect(refused.status).toBe(403);
  });
});
