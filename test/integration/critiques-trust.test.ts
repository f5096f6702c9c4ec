/**
 * Who may be believed in the find-fault window. (1) The client address behind the
 * per-client limits: CloudFront's viewer header counts only when the request carries
 * the CDN's origin secret; a request sent straight to the execute-api endpoint (or to
 * the local server) is counted by the address the transport saw, whatever headers it
 * forges. (2) The nitpicker's private key: the public tracking code alone cannot say
 * "solved" or "not solved"; the key given once at submission can, and is stored only
 * as a hash.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import type { APIGatewayProxyResult, Context as LambdaContext } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, resetOriginSecretCache } from '../../functions/shared/origin-secret.js';
import { keys } from '../../functions/store/keys.js';
import {
  SITE_ORIGIN,
  seedCatalogue,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
let office: string;
let market: string;
let n = 0;

const ORIGIN_SECRET = 'cdn-origin-secret-for-tests-0123456789abcdefghij';
const saved = {
  limits: process.env.WOODPECKER_CRITIQUE_LIMITS,
  origin: process.env.WOODPECKER_ORIGIN_SECRET,
};

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  [office, market] = await Promise.all([t.token('office'), t.token('department', 'market')]);
});
afterEach(() => {
  for (const [name, value] of [
    ['WOODPECKER_CRITIQUE_LIMITS', saved.limits],
    ['WOODPECKER_ORIGIN_SECRET', saved.origin],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetOriginSecretCache();
  // A fresh rate-limit window for the next test.
  t.clock.advanceDays(1 / 12);
});
afterAll(() => t?.stop());

const critiqueBody = () => ({ category: 'suggestion', text: `建议 ${n++} ${Math.random()}` });

/** The request as API Gateway hands it to the function: the sender picks the headers, not `sourceIp`. */
async function viaApiGateway(
  method: string,
  path: string,
  o: { body?: unknown; headers?: Record<string, string>; sourceIp: string },
): Promise<{ status: number; body: any }> {
  const headers = {
    host: 'abc123.execute-api.ap-east-1.amazonaws.com',
    'content-type': 'application/json',
    'user-agent': 'same-browser',
    ...o.headers,
  };
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      domainName: headers.host,
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: o.sourceIp, userAgent: headers['user-agent'] },
      requestId: `r-${n++}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
    isBase64Encoded: false,
  } as unknown as Parameters<ReturnType<typeof handle>>[0];
  const res = (await handle(t.app)(event, {} as LambdaContext)) as APIGatewayProxyResult;
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') };
}

const submitVia = (sourceIp: string, headers: Record<string, string> = {}) =>
  viaApiGateway('POST', '/api/v1/critiques', { body: critiqueBody(), headers, sourceIp });

describe('the client address behind the per-client limits', () => {
  it('ignores a forged CloudFront-Viewer-Address sent straight to the execute-api endpoint', async () => {
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=2/3600,address=100/3600';
    process.env.WOODPECKER_ORIGIN_SECRET = ORIGIN_SECRET;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // A new "viewer" each time, and not even the right origin secret.
      const forged = { 'cloudfront-viewer-address': `198.51.100.${i + 1}:443` };
      const wrong: Record<string, string> = i % 2 ? { [ORIGIN_VERIFY_HEADER]: 'guessed' } : {};
      statuses.push((await submitVia('203.0.113.7', { ...forged, ...wrong })).status);
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
    // Another real source address is another client.
    expect((await submitVia('203.0.113.8')).status).toBe(201);
  });

  it('with no origin secret configured, never believes the viewer header', async () => {
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=1/3600,address=100/3600';
    delete process.env.WOODPECKER_ORIGIN_SECRET;
    const first = await submitVia('203.0.113.9', { 'cloudfront-viewer-address': '198.51.100.1:1' });
    const second = await submitVia('203.0.113.9', {
      'cloudfront-viewer-address': '198.51.100.2:1',
      [ORIGIN_VERIFY_HEADER]: '',
    });
    expect([first.status, second.status]).toEqual([201, 429]);
  });

  it('through the CDN (origin secret header), tells viewers behind one edge address apart', async () => {
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=1/3600,address=100/3600';
    process.env.WOODPECKER_ORIGIN_SECRET = ORIGIN_SECRET;
    const edge = '130.176.0.10';
    const fromViewer = (viewer: string) =>
      submitVia(edge, { 'cloudfront-viewer-address': viewer, [ORIGIN_VERIFY_HEADER]: ORIGIN_SECRET });
    expect((await fromViewer('198.51.100.20:50000')).status).toBe(201);
    expect((await fromViewer('2001:db8::20:50001')).status).toBe(201);
    // The same viewer again (another port) is the same client.
    expect((await fromViewer('198.51.100.20:50002')).status).toBe(429);
    // A malformed viewer header falls back to the edge's address, which is still unused.
    expect((await fromViewer('not-an-address')).status).toBe(201);
  });

  it('on the local server, counts the socket’s address, not forwarded or viewer headers', async () => {
    process.env.WOODPECKER_CRITIQUE_LIMITS = 'client=2/3600,address=100/3600';
    process.env.WOODPECKER_ORIGIN_SECRET = ORIGIN_SECRET;
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/critiques`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'local-browser',
            'x-forwarded-for': `198.51.100.${i + 1}`,
            'cloudfront-viewer-address': `198.51.100.${i + 1}:443`,
          },
          body: JSON.stringify(critiqueBody()),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    }
  });
});

/** A critique the market department has answered, with the nitpicker's key. */
async function answered(): Promise<{ code: string; key: string }> {
  const res = await t.call('POST', '/api/v1/critiques', {
    body: { ...critiqueBody(), targetType: 'service', targetId: 'FOOD' },
    headers: { 'user-agent': `nitpicker-${n++}`, 'x-forwarded-for': '10.1.1.1' },
  });
  expect(res.status).toBe(201);
  const { trackingCode: code, nitpickerKey: key } = res.body as {
    trackingCode: string;
    nitpickerKey: string;
  };
  const staff = (path: string, token: string, body?: unknown) =>
    t.call('POST', `/api/v1/staff/critiques/${code}${path}`, { token, ...(body ? { body } : {}) });
  expect((await staff('/accept', office)).status).toBe(200);
  expect((await staff('/route', office, { departmentId: 'market' })).status).toBe(200);
  expect((await staff('/reply', market, { text: '已答复' })).status).toBe(200);
  return { code, key };
}

const confirm = (code: string, body: unknown) =>
  t.call('POST', `/api/v1/critiques/${code}/confirmation`, {
    body,
    headers: { 'user-agent': `confirmer-${n++}`, 'x-forwarded-for': '10.2.2.2' },
  });

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': `form-${n++}`,
    origin: SITE_ORIGIN,
  },
});

describe('the nitpicker’s private key', () => {
  it('is returned once at submission, apart from the public code, and stored only as a hash', async () => {
    const res = await t.call('POST', '/api/v1/critiques', {
      body: critiqueBody(),
      headers: { 'user-agent': `nitpicker-${n++}` },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['nitpickerKey', 'privateUrl', 'trackingCode']);
    const { trackingCode: code, nitpickerKey: key, privateUrl } = res.body;
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(key).not.toContain(code);
    expect(privateUrl).toBe(`${SITE_ORIGIN}/critiques/${code}?key=${key}`);

    const item = (
      await t.platform.store.doc.send(
        new GetCommand({ TableName: t.tableName, Key: keys.critique(code), ConsistentRead: true }),
      )
    ).Item!;
    expect(JSON.stringify(item)).not.toContain(key);
    expect(item.nitpickerKeyHashes).toHaveLength(1);
    for (const view of [
      await t.call('GET', `/api/v1/critiques/${code}`),
      await t.call('GET', `/api/v1/staff/critiques/${code}`, { token: office }),
      await t.call('GET', '/api/v1/staff/critiques?status=submitted&limit=100', { token: office }),
    ]) {
      expect(view.status).toBe(200);
      expect(view.text).not.toContain(key);
      expect(view.text).not.toContain('nitpickerKeyHashes');
    }
  });

  it('is what the confirmation needs: the tracking code alone, a wrong key or another critique’s key get 401', async () => {
    const a = await answered();
    const b = await answered();
    for (const body of [
      { solved: true },
      { solved: true, nitpickerKey: '' },
      { solved: true, nitpickerKey: a.code },
      { solved: true, nitpickerKey: b.key },
      { solved: true, nitpickerKey: `${a.key.slice(0, -1)}${a.key.endsWith('0') ? '1' : '0'}` },
      { solved: true, nitpickerKey: 42 },
    ]) {
      const res = await confirm(a.code, body);
      expect({ body, status: res.status }).toEqual({ body, status: 401 });
      expect(res.body.error.code).toBe('unauthenticated');
    }
    // Authentication before validation: a bad body without the key is a 401, with it a 400.
    expect((await confirm(a.code, { solved: 'yes' })).status).toBe(401);
    expect((await confirm(a.code, { solved: 'yes', nitpickerKey: a.key })).status).toBe(400);
    expect((await t.call('GET', `/api/v1/critiques/${a.code}`)).body).toMatchObject({ status: 'answered' });
    expect((await t.call('GET', `/api/v1/critiques/${a.code}`)).body.confirmation).toBeUndefined();

    // The holder of the key (typed loosely: lower case, with hyphens) decides.
    const loose = `${a.key.slice(0, 13)}-${a.key.slice(13)}`.toLowerCase();
    const notSolved = await confirm(a.code, { nitpickerKey: loose, solved: false, comment: '没解决' });
    expect(notSolved.status).toBe(200);
    expect(notSolved.body).toMatchObject({ status: 'reopened', notSolvedCount: 1 });
    expect(JSON.stringify(notSolved.body)).not.toContain(a.key);
  });

  it('guards the page form the same way', async () => {
    const { code, key } = await answered();
    const page = await t.call('GET', `/critiques/${code}`);
    expect(page.text).toContain('name="key"');
    expect(page.text).toContain('id="nitpicker-key"');
    for (const fields of [
      { verdict: 'solved' },
      { verdict: 'solved', key: 'WRONGKEYWRONGKEYWRONGKEY00' },
    ] as Record<string, string>[]) {
      const res = await t.call('POST', `/critiques/${code}/confirm`, form(fields));
      expect(res.status).toBe(401);
      expect(res.text).toContain('私人密钥不对');
    }
    expect((await t.call('GET', `/api/v1/critiques/${code}`)).body.confirmation).toBeUndefined();
    // Through the private link the key rides in a hidden field.
    const mine = await t.call('GET', `/critiques/${code}?key=${key}`);
    expect(mine.text).toContain(`<input type="hidden" name="key" value="${key}"`);
    expect(mine.text).not.toContain('id="nitpicker-key"');
    const wrong = await t.call('GET', `/critiques/${code}?key=${'0'.repeat(26)}`);
    expect(wrong.text).toContain('私人密钥不对');
    expect(wrong.text).not.toContain('type="hidden" name="key"');
    const done = await t.call('POST', `/critiques/${code}/confirm`, form({ verdict: 'solved', key }));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/critiques/${code}?key=${key}&confirmed=1`);
    expect((await t.call('GET', `/api/v1/critiques/${code}`)).body.confirmation).toBe('solved');
  });

  it('shows the private link and key on the form’s receipt, once', async () => {
    const res = await t.call(
      'POST',
      '/critiques/new',
      form({ category: 'correction', target: 'general', text: `回执 ${Math.random()}` }),
    );
    expect(res.status).toBe(303);
    const m = /^\/critiques\/([0-9A-Z]{10})\?new=1&key=([0-9A-Z]{26})$/.exec(res.headers.get('location')!);
    expect(m).not.toBeNull();
    const [, code, key] = m!;
    const receipt = await t.call('GET', res.headers.get('location')!);
    expect(receipt.text).toContain(`${SITE_ORIGIN}/critiques/${code}?key=${key}`);
    expect(receipt.text).toContain(`<code class="cr-private-key">${key}</code>`);
    // The public page (tracking code only) never shows it.
    expect((await t.call('GET', `/critiques/${code}`)).text).not.toContain(key!);
  });

  it('gives an identical resubmission (a double click) a working key of its own', async () => {
    const body = critiqueBody();
    const headers = { 'user-agent': 'double-clicker', 'x-forwarded-for': '10.3.3.3' };
    const first = await t.call('POST', '/api/v1/critiques', { body, headers });
    const again = await t.call('POST', '/api/v1/critiques', { body, headers });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.trackingCode).toBe(first.body.trackingCode);
    expect(again.body.nitpickerKey).toMatch(/^[0-9A-Z]{26}$/);
    expect(again.body.nitpickerKey).not.toBe(first.body.nitpickerKey);
    const code = first.body.trackingCode as string;
    await t.call('POST', `/api/v1/staff/critiques/${code}/accept`, { token: office });
    await t.call('POST', `/api/v1/staff/critiques/${code}/reply`, { token: office, body: { text: '答复' } });
    expect((await confirm(code, { nitpickerKey: again.body.nitpickerKey, solved: false })).status).toBe(200);
    await t.call('POST', `/api/v1/staff/critiques/${code}/reply`, {
      token: office,
      body: { text: '再答复' },
    });
    expect((await confirm(code, { nitpickerKey: first.body.nitpickerKey, solved: true })).status).toBe(200);
  });
});
