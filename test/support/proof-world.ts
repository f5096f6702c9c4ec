/**
 * A small but complete world for the cross-cutting proofs (authorisation matrix, fuzz,
 * security): every kind of item a route can address exists once, owned by department
 * A (`market`), so a request from department B (`housing`) can be told apart from a
 * request for something missing. Also: the callers of the matrix (valid, expired,
 * foreign-key and tampered tokens), a raw request helper that can send bytes, a
 * snapshot of the table for "nothing stored from a rejected request", and the
 * contract's error shapes (JSON API and Open311).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { ErrorCode } from '../../functions/api/errors.js';
import { loadOrCreateIssuerKeys, signStaffToken } from '../../infra/local/issuer.js';
import { sessionCookie } from './staff-session.js';
import { seedCatalogue, type TestPlatform } from './test-platform.js';

/** Who calls, in the order the matrix tries them (refused callers first, so an allowed write cannot change what they see). */
export const IDENTITIES = [
  'anonymous',
  'expired',
  'foreignKey',
  'tampered',
  'system',
  'inspector',
  'deptB',
  'deptA',
  'office',
] as const;
export type Identity = (typeof IDENTITIES)[number];

/** Callers that carry no valid staff token: every staff route answers them 401. */
export const UNAUTHENTICATED: readonly Identity[] = ['anonymous', 'expired', 'foreignKey', 'tampered'];

export const DEPT_A = 'market';
export const DEPT_B = 'housing';

export interface World {
  /** Bearer token per identity (none for anonymous). */
  tokens: Record<Identity, string | undefined>;
  /**
   * The pages' sign-in cookie per identity (a `cookie` header value): a server-side
   * session for each valid token, a cookie naming no session for the refused callers,
   * none for anonymous.
   */
  cookies: Record<Identity, string | undefined>;
  /** Completed FOOD case (market) rated 1 with a comment and callback consent: a bad review. */
  badCase: string;
  badCaseToken: string;
  /** Completed FOOD case (market), rated bad, appeal filed: for the office's ruling. */
  appealCase: string;
  /** Completed, not yet rated FOOD case with its rating token. */
  unratedCase: string;
  unratedToken: string;
  /** Open FOOD case (market), for supervision orders. */
  openCase: string;
  /** Critiques: routed to market; routed to market (for hand-back); submitted; submitted (reject); submitted (duplicate). */
  critiqueRouted: string;
  /** The nitpicker's private key of critiqueRouted (the confirmation needs it). */
  critiqueRoutedKey: string;
  critiqueHandBack: string;
  critiqueNew: string;
  critiqueReject: string;
  critiqueDuplicate: string;
  /** Supervision orders addressed to market: one to respond to and close, one to escalate. */
  order: string;
  orderEscalate: string;
  /** Open311 api_keys: one to create requests with, one for the revoke route (id only). */
  apiKey: string;
  apiKeyId: string;
  spareApiKeyId: string;
  /** A hotline rating key of market, a completed unrated case for it and for staff-assisted entry, a spare key id to revoke. */
  ratingKey: string;
  systemCase: string;
  assistedCase: string;
  spareRatingKeyId: string;
  /** A published ranking (department, 2026-09, v1), a draft to publish (2026-10 v1), a draft to discard (2026-08 v1). */
  publishedPeriod: string;
  draftPeriod: string;
  discardPeriod: string;
  /** A ranking method body as the office would submit it (copied from version 1). */
  methodBody: Record<string, unknown>;
  /** An Open311 service code (category:department). */
  open311Service: string;
}

async function must(what: string, res: Promise<{ status: number; body: any; text: string }>): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`world: ${what} answered ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

/** Edit a token's claims without re-signing it: the old signature no longer matches. */
export function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const edited = Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url');
  return [header, edited, signature].join('.');
}

/** A token with an office claim, signed by another key that carries the real key's id. */
async function foreignToken(t: TestPlatform): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-foreign-'));
  try {
    const other = await loadOrCreateIssuerKeys(path.join(dir, 'issuer.json'));
    other.privateJwk.kid = t.keys.privateJwk.kid;
    return await signStaffToken(other, { subject: 'intruder', groups: ['office'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const XSS_SCRIPT = '<script>alert("wp-xss")</script>';
export const XSS_ATTR = '"><img src=x onerror=alert(1)>';
export const PHONE = '13812345678';
export const ID_NUMBER = '110101199003071234';

export async function buildWorld(t: TestPlatform): Promise<World> {
  await seedCatalogue(t);
  const [office, inspector, system, deptA, deptB, expired] = await Promise.all([
    t.token('office'),
    t.token('inspector'),
    t.token('system'),
    t.token('department', DEPT_A),
    t.token('department', DEPT_B),
    t.token('office', undefined, { expiresInSeconds: -3600 }),
  ]);
  const tokens: Record<Identity, string | undefined> = {
    anonymous: undefined,
    expired,
    foreignKey: await foreignToken(t),
    // Department B's own token, its claims edited to the office's.
    tampered: tamper(deptB, { 'cognito:groups': ['office'], sub: 'test-office' }),
    system,
    inspector,
    deptB,
    deptA,
    office,
  };

  const cookies = Object.fromEntries(
    await Promise.all(
      IDENTITIES.map(async (id) => {
        const token = tokens[id];
        if (!token) return [id, undefined];
        if (UNAUTHENTICATED.includes(id)) return [id, `wp_session=${randomBytes(32).toString('base64url')}`];
        return [id, await sessionCookie(token)];
      }),
    ),
  ) as Record<Identity, string | undefined>;

  const food = (caseId: string, completed: boolean) => ({
    caseId,
    serviceCode: 'FOOD',
    acceptedAt: '2026-11-02T09:00:00+08:00',
    ...(completed ? { completedAt: '2026-11-10T15:00:00+08:00' } : {}),
    windowId: 'market-w1',
    staffId: 's1',
    applicantPhone: PHONE,
  });
  const batch = await must(
    'cases',
    t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: {
        cases: [
          food('MK-BAD', true),
          food('MK-APPEAL', true),
          food('MK-RATE', true),
          food('MK-OPEN', false),
          food('MK-SYS', true),
          food('MK-ASSIST', true),
        ],
      },
    }),
  );
  const ratingToken = (caseId: string) => {
    const r = (batch.results as { caseId: string; ratingUrl?: string }[]).find((x) => x.caseId === caseId);
    const token = r?.ratingUrl ? new URL(r.ratingUrl).searchParams.get('t') : null;
    if (!token) throw new Error(`world: no rating token for ${caseId}`);
    return token;
  };
  const badCaseToken = ratingToken('MK-BAD');
  await must(
    'bad rating',
    t.call('POST', '/api/v1/ratings', {
      body: {
        caseId: 'MK-BAD',
        token: badCaseToken,
        score: 1,
        comment: `${XSS_SCRIPT} ${XSS_ATTR} 请回电 ${PHONE}，身份证 ${ID_NUMBER}`,
        callback: { name: '王先生', phone: PHONE, consent: true },
      },
    }),
  );
  await must(
    'appeal rating',
    t.call('POST', '/api/v1/ratings', {
      body: { caseId: 'MK-APPEAL', token: ratingToken('MK-APPEAL'), score: 1, comment: '恶意差评' },
    }),
  );
  await must(
    'appeal',
    t.call('POST', '/api/v1/staff/reviews/MK-APPEAL/appeal', {
      token: deptA,
      body: { kind: 'malicious', reason: '与办件无关的恶意评价' },
    }),
  );

  let ua = 0;
  const critiqueKeys = new Map<string, string>();
  const critique = async (text: string, extra: Record<string, unknown> = {}) => {
    const body = await must(
      'critique',
      t.call('POST', '/api/v1/critiques', {
        body: { category: 'correction', text, targetType: 'service', targetId: 'FOOD', ...extra },
        headers: { 'user-agent': `proof-world-${ua++}`, 'x-forwarded-for': '10.9.9.9' },
      }),
    );
    critiqueKeys.set(body.trackingCode, body.nitpickerKey);
    return body.trackingCode as string;
  };
  const routed = async (code: string) => {
    await must('accept', t.call('POST', `/api/v1/staff/critiques/${code}/accept`, { token: office }));
    await must(
      'route',
      t.call('POST', `/api/v1/staff/critiques/${code}/route`, {
        token: office,
        body: { departmentId: DEPT_A, replyDays: 5 },
      }),
    );
    return code;
  };
  const critiqueRouted = await routed(
    await critique(`窗口要求重复提交材料 ${XSS_SCRIPT} ${XSS_ATTR} 电话 ${PHONE} 身份证 ${ID_NUMBER}`, {
      nickname: '啄木鸟老王',
      contact: PHONE,
    }),
  );
  const critiqueHandBack = await routed(await critique('这件事应由别的部门处理'));
  const critiqueNew = await critique('新提交的意见：请公开办事指南');
  const critiqueReject = await critique('一条将被驳回的意见');
  const critiqueDuplicate = await critique('与另一条意见重复的意见');

  const issue = async (title: string) =>
    (
      await must(
        'order',
        t.call('POST', '/api/v1/supervision/orders', {
          token: inspector,
          body: {
            targetType: 'case',
            targetId: 'MK-OPEN',
            title,
            instructions: '请于期限内办结并说明原因。',
            deadline: '2026-12-04',
          },
        }),
      )
    ).id as string;
  const order = await issue('督办：超期件');
  const orderEscalate = await issue('督办：待升级');

  const key = async (name: string) =>
    must('api key', t.call('POST', '/api/v1/staff/open311-keys', { token: office, body: { name } }));
  const k1 = await key('proof client');
  const k2 = await key('proof spare');
  const ratingKey = async (name: string) =>
    must(
      'rating key',
      t.call('POST', '/api/v1/staff/rating-keys', {
        token: office,
        body: { name, departmentId: DEPT_A, ratingChannel: 'hotline' },
      }),
    );
  const rk1 = await ratingKey('proof hotline');
  const rk2 = await ratingKey('proof spare hotline');

  const draft = async (period: string) =>
    must(
      `draft ${period}`,
      t.call('POST', '/api/v1/rankings/drafts', { token: office, body: { scope: 'department', period } }),
    );
  const published = await draft('2026-09');
  await must(
    'publish',
    t.call('POST', `/api/v1/rankings/department/2026-09/versions/${published.version}/publish`, {
      token: office,
    }),
  );
  await draft('2026-10');
  await draft('2026-08');
  const v1 = await must('method', t.call('GET', '/api/v1/rankings/methods/1'));
  const { version: _v, createdAt: _c, createdBy: _b, ...methodBody } = v1 as Record<string, unknown>;

  return {
    tokens,
    cookies,
    badCase: 'MK-BAD',
    badCaseToken,
    appealCase: 'MK-APPEAL',
    unratedCase: 'MK-RATE',
    unratedToken: ratingToken('MK-RATE'),
    openCase: 'MK-OPEN',
    critiqueRouted,
    critiqueRoutedKey: critiqueKeys.get(critiqueRouted)!,
    critiqueHandBack,
    critiqueNew,
    critiqueReject,
    critiqueDuplicate,
    order,
    orderEscalate,
    apiKey: k1.apiKey as string,
    apiKeyId: k1.id as string,
    spareApiKeyId: k2.id as string,
    ratingKey: rk1.apiKey as string,
    systemCase: 'MK-SYS',
    assistedCase: 'MK-ASSIST',
    spareRatingKeyId: rk2.id as string,
    publishedPeriod: '2026-09',
    draftPeriod: '2026-10',
    discardPeriod: '2026-08',
    methodBody: { ...methodBody, changes: 'proof: same weights' },
    open311Service: `correction:${DEPT_A}`,
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** One request through the in-process app, with any body (string or raw bytes) and headers. */
export async function rawCall(
  t: TestPlatform,
  method: string,
  url: string,
  init: { body?: string | Uint8Array; headers?: Record<string, string>; token?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token !== undefined && headers.authorization === undefined)
    headers.authorization = `Bearer ${init.token}`;
  const res = await t.app.request(url, {
    method,
    headers,
    ...(init.body === undefined || method === 'GET' || method === 'HEAD'
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Item keys that may change on a rejected request: rate-limit counters (a refused request still counts). */
const VOLATILE = /^RL#/;

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    if (value instanceof Set) return `Set(${stable([...value].sort())})`;
    if (value instanceof Uint8Array) return `Bytes(${Buffer.from(value).toString('base64')})`;
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Every item of the test's own table (a Scan: test code only, the table holds a few
 * hundred items), keyed by pk/sk, rate-limit counters left out.
 */
export async function snapshot(t: TestPlatform): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await t.platform.store.doc.send(
      new ScanCommand({ TableName: t.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      if (VOLATILE.test(pk)) continue;
      out.set(`${pk}|${String(item.sk)}`, stable(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** What changed between two snapshots (added, removed or changed keys). */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of after)
    if (before.get(k) !== v) out.push(before.has(k) ? `changed ${k}` : `added ${k}`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`removed ${k}`);
  return out;
}

export const STATUS_OF_CODE: Record<Exclude<ErrorCode, 'internal' | 'unavailable'>, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  already_rated: 409,
  case_not_completed: 409,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

/**
 * Why a 4xx under `/api/v1` is not exactly `{"error": {"code", "message"}}` (with an
 * optional `details`) with a known code matching its status; undefined when it is.
 */
export function contractShapeProblem(res: RawResponse): string | undefined {
  if (!/^application\/json/i.test(res.headers.get('content-type') ?? ''))
    return `content-type ${res.headers.get('content-type')}`;
  const body = res.body as { error?: Record<string, unknown> } | null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object';
  const top = Object.keys(body);
  if (top.length !== 1 || top[0] !== 'error') return `top-level keys ${top.join(',')}`;
  const error = body.error;
  if (!error || typeof error !== 'object') return 'error is not an object';
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length) return `unexpected keys ${extra.join(',')}`;
  if (typeof error.code !== 'string' || !(error.code in STATUS_OF_CODE))
    return `unknown code ${String(error.code)}`;
  if (typeof error.message !== 'string' || !error.message) return 'empty message';
  const expected = STATUS_OF_CODE[error.code as keyof typeof STATUS_OF_CODE];
  if (expected !== res.status) return `code ${error.code} with status ${res.status}`;
  return undefined;
}

/** The same for Open311: `[{code, description}]` in JSON, `<errors><error>` in XML, code = status. */
export function open311ShapeProblem(res: RawResponse, xml: boolean): string | undefined {
  const type = res.headers.get('content-type') ?? '';
  if (xml) {
    if (!/xml/i.test(type)) return `content-type ${type}`;
    if (!res.text.includes('<errors>') || !res.text.includes(`<code>${res.status}</code>`))
      return 'not an Open311 XML error';
    return undefined;
  }
  if (!/^application\/json/i.test(type)) return `content-type ${type}`;
  const body = res.body as { code?: unknown; description?: unknown }[];
  if (!Array.isArray(body) || body.length !== 1) return 'not a one-element array';
  const [e] = body;
  if (e?.code !== res.status) return `code ${String(e?.code)} with status ${res.status}`;
  if (typeof e.description !== 'string' || !e.description) return 'empty description';
  return undefined;
}
