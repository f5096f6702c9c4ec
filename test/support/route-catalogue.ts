/**
 * Every route of the three API groups, read from the Hono apps themselves (so a new
 * route shows up here without anyone remembering to add it), and the expectation table
 * the authorisation matrix and the fuzz test share: for each route, who may call it
 * (read from functions/api/routes/*.ts and functions/api/open311/app.ts), whether a
 * department's staff may only act on their own department's items, a valid minimal
 * request against the proof world, and what an allowed caller gets.
 */
import { Hono } from 'hono';
import { publicReadRoutes } from '../../functions/api/public-read-app.js';
import { publicWriteRoutes } from '../../functions/api/public-write-app.js';
import { staffRoutes } from '../../functions/api/staff-app.js';
import type { Role } from '../../functions/domain/identity.js';
import { mountSite } from '../../web/site-app.js';
import { DEPT_A, type Identity, UNAUTHENTICATED, type World } from './proof-world.js';

export type Group = 'publicRead' | 'publicWrite' | 'staff' | 'page';

export interface RouteRef {
  group: Group;
  method: string;
  /** Hono's pattern, e.g. `/api/v1/services/:code`. */
  path: string;
  /** `METHOD path`, the key of the expectation table. */
  key: string;
}

function routesOf(group: Group, app: { routes: { method: string; path: string }[] }): RouteRef[] {
  const out = new Map<string, RouteRef>();
  for (const r of app.routes) {
    // `ALL` entries are middleware (`use`) and catch-alls, not endpoints.
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    if (!out.has(key)) out.set(key, { group, method: r.method, path: r.path, key });
  }
  return [...out.values()];
}

/**
 * Every endpoint of the staff, public-write and public-read groups, in the order
 * `createApiApp` mounts them (so the first pattern matching a path is the one served).
 */
export function apiRoutes(): RouteRef[] {
  return [
    ...routesOf('staff', staffRoutes as unknown as Hono),
    ...routesOf('publicWrite', publicWriteRoutes),
    ...routesOf('publicRead', publicReadRoutes),
  ];
}

/** Every page of the site (`mountSite`). */
export function pageRoutes(): RouteRef[] {
  const app = new Hono();
  mountSite(app);
  return routesOf('page', app);
}

/** The names of a pattern's parameters (`:code`, `:action{publish|discard}`). */
export function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/(?<=\/):([A-Za-z_]+)(\{[^}]*\})?/g)].map((m) => m[1]!);
}

/** A pattern with its parameters replaced by the given (already encoded) segments. */
export function fillPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/(?<=\/):([A-Za-z_]+)(\{[^}]*\})?/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return v;
  });
}

export interface RouteSpec {
  /** `public`, or the roles `requireStaff` lets through. */
  who: 'public' | readonly Role[];
  /** The target belongs to department A: department B's staff are refused (403) although their role passes. */
  scoped?: boolean;
  /** A valid request's URL against the proof world. */
  url: (w: World) => string;
  /** A valid JSON body. */
  body?: (w: World) => unknown;
  /** Headers a valid request carries besides its body's type (a rating key). */
  headers?: (w: World) => Record<string, string>;
  /** A valid non-JSON body. */
  raw?: { contentType: string; body: (w: World) => string };
  /** Statuses an allowed caller may get (the first allowed caller gets the first one). Default [200]. */
  ok?: readonly number[];
  /** Open311 (its own error format). */
  open311?: boolean;
  /** An extra check of an allowed caller's answer. */
  verify?: (identity: Identity, body: any) => string | undefined;
}

const q = encodeURIComponent;
const staffCritique = (code: string, action: string) => `/api/v1/staff/critiques/${code}/${action}`;

/**
 * The expectation table: one row per route. The matrix test fails when a route has no
 * row (or a row no route), so the table is complete by construction.
 */
export const ROUTE_TABLE: Record<string, RouteSpec> = {
  // ---- public reads (functions/api/public-read-app.ts) ----
  'GET /healthz': { who: 'public', url: () => '/healthz' },
  'GET /api/v1/openapi.json': { who: 'public', url: () => '/api/v1/openapi.json' },
  'GET /api/v1/services': { who: 'public', url: () => '/api/v1/services?limit=10' },
  'GET /api/v1/services:export': { who: 'public', url: () => '/api/v1/services:export' },
  'GET /api/v1/services/:code': { who: 'public', url: () => '/api/v1/services/FOOD' },
  'GET /api/v1/services/:code/curves': {
    who: 'public',
    url: () => '/api/v1/services/FOOD/curves?from=2026-01&to=2026-11',
  },
  'GET /api/v1/departments/:id/curves': { who: 'public', url: () => `/api/v1/departments/${DEPT_A}/curves` },
  'GET /api/v1/city/curves': { who: 'public', url: () => '/api/v1/city/curves' },
  'GET /api/v1/departments': { who: 'public', url: () => '/api/v1/departments' },
  'GET /api/v1/departments/:id': { who: 'public', url: () => `/api/v1/departments/${DEPT_A}` },
  'GET /api/v1/rankings': {
    who: 'public',
    url: (w) => `/api/v1/rankings?scope=department&period=${w.publishedPeriod}`,
  },
  'GET /api/v1/rankings/methods': { who: 'public', url: () => '/api/v1/rankings/methods' },
  'GET /api/v1/rankings/methods/:version': { who: 'public', url: () => '/api/v1/rankings/methods/1' },
  'GET /api/v1/rankings/:scope/periods': { who: 'public', url: () => '/api/v1/rankings/department/periods' },
  'GET /api/v1/rankings/:scope/units/:id': {
    who: 'public',
    url: () => `/api/v1/rankings/department/units/${DEPT_A}`,
  },
  'GET /api/v1/rankings/:scope/:period/versions/:version': {
    who: 'public',
    url: (w) => `/api/v1/rankings/department/${w.publishedPeriod}/versions/1`,
  },
  'GET /api/v1/rankings/:scope/:period/versions/:version/inputs': {
    who: 'public',
    url: (w) => `/api/v1/rankings/department/${w.publishedPeriod}/versions/1/inputs`,
  },
  'GET /api/v1/calendar': { who: 'public', url: () => '/api/v1/calendar' },
  'GET /api/v1/services/:code/satisfaction': {
    who: 'public',
    url: () => '/api/v1/services/FOOD/satisfaction?from=2026-01&to=2026-11',
  },
  'GET /api/v1/departments/:id/satisfaction': {
    who: 'public',
    url: () => `/api/v1/departments/${DEPT_A}/satisfaction`,
  },
  // The rater's own view: the rating token is the credential, not a staff token.
  'GET /api/v1/ratings/:caseId': {
    who: 'public',
    url: (w) => `/api/v1/ratings/${w.badCase}?t=${q(w.badCaseToken)}`,
  },
  'GET /api/v1/critiques': { who: 'public', url: () => '/api/v1/critiques?limit=5' },
  'GET /api/v1/critiques/awards': { who: 'public', url: () => '/api/v1/critiques/awards' },
  'GET /api/v1/critiques/leaderboard': { who: 'public', url: () => '/api/v1/critiques/leaderboard' },
  'GET /api/v1/critiques/stats': { who: 'public', url: () => '/api/v1/critiques/stats' },
  // Whoever holds the tracking code sees the critique, whatever its status.
  'GET /api/v1/critiques/:code': { who: 'public', url: (w) => `/api/v1/critiques/${w.critiqueRouted}` },
  'GET /api/v1/departments/:id/critique-stats': {
    who: 'public',
    url: () => `/api/v1/departments/${DEPT_A}/critique-stats`,
  },

  // ---- public writes (functions/api/public-write-app.ts) ----
  'POST /api/v1/ratings': {
    who: 'public',
    url: () => '/api/v1/ratings',
    body: (w) => ({ caseId: w.unratedCase, token: w.unratedToken, score: 5 }),
    // One rating per case: the first caller rates, everyone after is told it is done.
    ok: [201, 409],
  },
  // Outside systems: an office-issued rating key is the credential, not a staff token.
  'POST /api/v1/ratings/system': {
    who: 'public',
    url: () => '/api/v1/ratings/system',
    headers: (w) => ({ 'x-api-key': w.ratingKey }),
    body: (w) => ({ caseId: w.systemCase, score: 5 }),
    // Idempotent on the case id: the first caller rates, the same body again is answered the same.
    ok: [201, 200],
  },
  'POST /api/v1/ratings/:caseId/rectification-feedback': {
    who: 'public',
    url: (w) => `/api/v1/ratings/${w.badCase}/rectification-feedback`,
    body: (w) => ({ token: w.badCaseToken, satisfied: true }),
    // Feedback is due only once a rectification is reported (409 before, 200 after).
    ok: [200, 409],
  },
  'POST /api/v1/critiques': {
    who: 'public',
    url: () => '/api/v1/critiques',
    body: () => ({ category: 'suggestion', text: '建议延长周六窗口的服务时间' }),
    // 201 the first time; an identical resubmission from the same client answers 200 with the same code.
    ok: [201, 200],
  },
  'POST /api/v1/critiques/:code/confirmation': {
    who: 'public',
    url: (w) => `/api/v1/critiques/${w.critiqueRouted}/confirmation`,
    // The nitpicker's private key: the public tracking code alone is a 401.
    body: (w) => ({ nitpickerKey: w.critiqueRoutedKey, solved: true }),
    // Only an answered critique can be confirmed; the matrix reaches it after the reply row or before.
    ok: [200, 409],
  },
  'GET /open311/v2/:file': { who: 'public', open311: true, url: () => '/open311/v2/discovery.json' },
  'GET /open311/v2/services/:file': {
    who: 'public',
    open311: true,
    url: (w) => `/open311/v2/services/${q(w.open311Service)}.json`,
  },
  'GET /open311/v2/requests/:file': {
    who: 'public',
    open311: true,
    url: (w) => `/open311/v2/requests/${w.critiqueRouted}.json`,
  },
  // Requests are created synchronously: there are no tokens to look up.
  'GET /open311/v2/tokens/:file': {
    who: 'public',
    open311: true,
    url: () => '/open311/v2/tokens/123.json',
    ok: [404],
  },
  // The api_key (office-issued) is the credential, not a staff token.
  'POST /open311/v2/:file': {
    who: 'public',
    open311: true,
    url: () => '/open311/v2/requests.json',
    raw: {
      contentType: 'application/x-www-form-urlencoded',
      body: (w) =>
        new URLSearchParams({
          api_key: w.apiKey,
          service_code: w.open311Service,
          description: '路灯不亮（Open311 提交）',
        }).toString(),
    },
  },

  // ---- staff (functions/api/staff-app.ts) ----
  'PUT /api/v1/departments/:id': {
    who: ['office'],
    url: () => `/api/v1/departments/${DEPT_A}`,
    body: () => ({ name: '市场监督管理局', district: '浦东新区' }),
  },
  'PUT /api/v1/windows/:id': {
    who: ['office'],
    url: () => '/api/v1/windows/market-w1',
    body: () => ({ name: '市场 1号窗口', departmentId: DEPT_A }),
  },
  'POST /api/v1/services:import': {
    who: ['office'],
    url: () => '/api/v1/services:import',
    raw: {
      contentType: 'text/csv',
      body: () =>
        'code,name,departmentId,kind,statutoryDays,promisedDays,effectiveFrom\nFOOD,食品经营许可,market,service,18,6,2020-01-01\n',
    },
  },
  'PUT /api/v1/services/:code': {
    who: ['office'],
    url: () => '/api/v1/services/FOOD',
    body: () => ({
      name: '食品经营许可',
      departmentId: DEPT_A,
      statutoryDays: 18,
      promisedDays: 6,
      effectiveFrom: '2020-01-01',
    }),
  },
  // Per item: department B's staff get 200 with the item rejected (not their department).
  'POST /api/v1/cases:batch': {
    who: ['office', 'system', 'department'],
    url: () => '/api/v1/cases:batch',
    body: () => ({
      cases: [{ caseId: 'MX-MATRIX', serviceCode: 'FOOD', acceptedAt: '2026-11-16T09:00:00+08:00' }],
    }),
    verify: (identity, body) => {
      const status = body?.results?.[0]?.status;
      const expected = identity === 'deptB' ? ['rejected'] : ['created', 'updated', 'unchanged'];
      return expected.includes(status) ? undefined : `item status ${status}, expected ${expected.join('/')}`;
    },
  },
  'GET /api/v1/cases/:caseId': {
    who: ['office', 'inspector', 'department'],
    scoped: true,
    url: (w) => `/api/v1/cases/${w.badCase}`,
  },
  'POST /api/v1/rankings/methods': {
    who: ['office'],
    url: () => '/api/v1/rankings/methods',
    body: (w) => w.methodBody,
    ok: [201],
  },
  'POST /api/v1/rankings/drafts': {
    who: ['office'],
    url: () => '/api/v1/rankings/drafts',
    body: () => ({ scope: 'department', period: '2026-07' }),
    ok: [201],
  },
  'GET /api/v1/staff/rankings/drafts': {
    who: ['office', 'inspector'],
    url: () => '/api/v1/staff/rankings/drafts',
  },
  'GET /api/v1/staff/rankings/:scope/:period/versions/:version': {
    who: ['office', 'inspector'],
    url: (w) => `/api/v1/staff/rankings/department/${w.draftPeriod}/versions/1`,
  },
  'GET /api/v1/staff/rankings/:scope/:period/versions/:version/inputs': {
    who: ['office', 'inspector'],
    url: (w) => `/api/v1/staff/rankings/department/${w.draftPeriod}/versions/1/inputs`,
  },
  'POST /api/v1/rankings/:scope/:period/versions/:version/publish': {
    who: ['office'],
    url: (w) => `/api/v1/rankings/department/${w.draftPeriod}/versions/1/publish`,
  },
  'DELETE /api/v1/rankings/:scope/:period/versions/:version': {
    who: ['office'],
    url: (w) => `/api/v1/rankings/department/${w.discardPeriod}/versions/1`,
    ok: [204],
  },
  'GET /api/v1/staff/warnings': {
    who: ['inspector', 'office', 'department'],
    scoped: true,
    url: () => `/api/v1/staff/warnings?departmentId=${DEPT_A}`,
  },
  'POST /api/v1/supervision/orders': {
    who: ['inspector'],
    url: () => '/api/v1/supervision/orders',
    body: (w) => ({
      targetType: 'case',
      targetId: w.openCase,
      title: '督办：矩阵测试',
      instructions: '请说明超期原因。',
      deadline: '2026-12-11',
    }),
    ok: [201],
  },
  'GET /api/v1/staff/supervision/orders': {
    who: ['inspector', 'office', 'department'],
    scoped: true,
    url: () => `/api/v1/staff/supervision/orders?departmentId=${DEPT_A}`,
  },
  'GET /api/v1/staff/supervision/orders/:id': {
    who: ['inspector', 'office', 'department'],
    scoped: true,
    url: (w) => `/api/v1/staff/supervision/orders/${w.order}`,
  },
  'POST /api/v1/supervision/orders/:id/respond': {
    who: ['department'],
    scoped: true,
    url: (w) => `/api/v1/supervision/orders/${w.order}/respond`,
    body: () => ({ note: '已办结，超期原因系材料补正。' }),
  },
  'POST /api/v1/supervision/orders/:id/close': {
    who: ['inspector'],
    url: (w) => `/api/v1/supervision/orders/${w.order}/close`,
    body: () => ({ outcome: '已核实，销号。' }),
  },
  'POST /api/v1/supervision/orders/:id/escalate': {
    who: ['inspector'],
    url: (w) => `/api/v1/supervision/orders/${w.orderEscalate}/escalate`,
    body: () => ({ note: '逾期未回复，升级督办。', deadline: '2026-12-18' }),
  },
  'GET /api/v1/staff/reports': {
    who: ['inspector', 'office', 'department'],
    scoped: true,
    url: () => `/api/v1/staff/reports?scope=department&id=${DEPT_A}&period=2026-11`,
  },
  'PUT /api/v1/calendar/:year': {
    who: ['office'],
    url: () => '/api/v1/calendar/2027',
    body: () => ({ year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }),
  },
  'GET /api/v1/staff/reviews': {
    who: ['department', 'office', 'inspector'],
    scoped: true,
    url: () => `/api/v1/staff/reviews?departmentId=${DEPT_A}`,
  },
  'GET /api/v1/staff/reviews/:caseId': {
    who: ['department', 'office', 'inspector'],
    scoped: true,
    url: (w) => `/api/v1/staff/reviews/${w.badCase}`,
  },
  'POST /api/v1/staff/reviews/:caseId/callback': {
    who: ['department'],
    scoped: true,
    url: (w) => `/api/v1/staff/reviews/${w.badCase}/callback`,
    body: () => ({ at: '2026-11-20T10:00:00+08:00', outcome: 'explained' }),
  },
  'POST /api/v1/staff/reviews/:caseId/rectification': {
    who: ['department'],
    scoped: true,
    url: (w) => `/api/v1/staff/reviews/${w.badCase}/rectification`,
    body: () => ({ plan: '一次性告知所需材料', status: 'done', evidence: '已更新办事指南' }),
  },
  'POST /api/v1/staff/reviews/:caseId/appeal': {
    who: ['department'],
    scoped: true,
    url: (w) => `/api/v1/staff/reviews/${w.badCase}/appeal`,
    body: () => ({ kind: 'mistaken', reason: '评价针对的是另一件事' }),
  },
  'GET /api/v1/staff/appeals': { who: ['office'], url: () => '/api/v1/staff/appeals' },
  'POST /api/v1/staff/appeals/:caseId/ruling': {
    who: ['office'],
    url: (w) => `/api/v1/staff/appeals/${w.appealCase}/ruling`,
    body: () => ({ decision: 'rejected', note: '证据不足，维持评价。' }),
  },
  'GET /api/v1/staff/departments/:id/satisfaction': {
    who: ['department', 'office', 'inspector'],
    scoped: true,
    url: () => `/api/v1/staff/departments/${DEPT_A}/satisfaction`,
  },
  'GET /api/v1/staff/critiques': {
    who: ['office', 'inspector', 'department'],
    scoped: true,
    url: () => `/api/v1/staff/critiques?departmentId=${DEPT_A}`,
  },
  'GET /api/v1/staff/critiques/:code': {
    who: ['office', 'inspector', 'department'],
    scoped: true,
    url: (w) => `/api/v1/staff/critiques/${w.critiqueRouted}`,
  },
  'GET /api/v1/staff/critiques/:code/audit': {
    who: ['office', 'inspector'],
    url: (w) => staffCritique(w.critiqueRouted, 'audit'),
  },
  'POST /api/v1/staff/critiques/:code/accept': {
    who: ['office'],
    url: (w) => staffCritique(w.critiqueNew, 'accept'),
  },
  'POST /api/v1/staff/critiques/:code/reject': {
    who: ['office'],
    url: (w) => staffCritique(w.critiqueReject, 'reject'),
    body: () => ({ reason: '与政务服务无关。' }),
  },
  'POST /api/v1/staff/critiques/:code/duplicate': {
    who: ['office'],
    url: (w) => staffCritique(w.critiqueDuplicate, 'duplicate'),
    body: (w) => ({ duplicateOf: w.critiqueRouted }),
  },
  'POST /api/v1/staff/critiques/:code/route': {
    who: ['office'],
    url: (w) => staffCritique(w.critiqueNew, 'route'),
    body: () => ({ departmentId: DEPT_A, replyDays: 5 }),
  },
  'POST /api/v1/staff/critiques/:code/reply': {
    who: ['office', 'department'],
    scoped: true,
    url: (w) => staffCritique(w.critiqueRouted, 'reply'),
    body: () => ({ text: '已核实，将于下周起一次性告知所需材料。' }),
  },
  'POST /api/v1/staff/critiques/:code/rectify': {
    who: ['office', 'department'],
    scoped: true,
    url: (w) => staffCritique(w.critiqueRouted, 'rectify'),
    body: () => ({ text: '办事指南已更新。' }),
    // Department A reports it first; the office's second report of the same is a conflict.
    ok: [200, 409],
  },
  'POST /api/v1/staff/critiques/:code/hand-back': {
    who: ['department'],
    scoped: true,
    url: (w) => staffCritique(w.critiqueHandBack, 'hand-back'),
    body: () => ({ reason: '不属于本部门职责。' }),
  },
  'POST /api/v1/staff/critiques/:code/award': {
    who: ['office'],
    url: (w) => staffCritique(w.critiqueRouted, 'award'),
    body: () => ({ citation: '发现重复提交材料的问题。' }),
    ok: [201],
  },
  'DELETE /api/v1/staff/critiques/:code/award': {
    who: ['office'],
    url: (w) => staffCritique(w.critiqueRouted, 'award'),
  },
  'GET /api/v1/staff/open311-keys': { who: ['office'], url: () => '/api/v1/staff/open311-keys' },
  'POST /api/v1/staff/open311-keys': {
    who: ['office'],
    url: () => '/api/v1/staff/open311-keys',
    body: () => ({ name: 'matrix client' }),
    ok: [201],
  },
  'POST /api/v1/staff/ratings/assisted': {
    who: ['department'],
    scoped: true,
    url: () => '/api/v1/staff/ratings/assisted',
    body: (w) => ({ caseId: w.assistedCase, score: 5 }),
    ok: [201, 200],
  },
  'GET /api/v1/staff/rating-keys': { who: ['office'], url: () => '/api/v1/staff/rating-keys' },
  'POST /api/v1/staff/rating-keys': {
    who: ['office'],
    url: () => '/api/v1/staff/rating-keys',
    body: () => ({ name: 'matrix hotline', departmentId: DEPT_A, ratingChannel: 'hotline' }),
    ok: [201],
  },
  'DELETE /api/v1/staff/rating-keys/:id': {
    who: ['office'],
    url: (w) => `/api/v1/staff/rating-keys/${w.spareRatingKeyId}`,
  },
  'DELETE /api/v1/staff/open311-keys/:id': {
    who: ['office'],
    url: (w) => `/api/v1/staff/open311-keys/${w.spareApiKeyId}`,
  },
};

/** The roles an identity's token carries. */
export const ROLES_OF: Record<Identity, readonly Role[]> = {
  anonymous: [],
  expired: [],
  foreignKey: [],
  tampered: [],
  system: ['system'],
  inspector: ['inspector'],
  deptA: ['department'],
  deptB: ['department'],
  office: ['office'],
};

export type Expectation =
  | { kind: 'allowed'; statuses: readonly number[] }
  | { kind: 'refused'; status: 401 | 403; code: 'unauthenticated' | 'forbidden' };

/** What a cell of the matrix must answer: authentication (401), then role and department (403), else the row's outcome. */
export function expectationOf(spec: RouteSpec, identity: Identity): Expectation {
  const allowed = { kind: 'allowed', statuses: spec.ok ?? [200] } as const;
  if (spec.who === 'public') return allowed;
  if (UNAUTHENTICATED.includes(identity)) return { kind: 'refused', status: 401, code: 'unauthenticated' };
  const roles = spec.who;
  if (!ROLES_OF[identity].some((r) => roles.includes(r)))
    return { kind: 'refused', status: 403, code: 'forbidden' };
  if (spec.scoped && identity === 'deptB') return { kind: 'refused', status: 403, code: 'forbidden' };
  return allowed;
}

/** The request of a row: method, URL, body and headers. */
export function requestOf(
  ref: RouteRef,
  spec: RouteSpec,
  w: World,
): { method: string; url: string; body?: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...(spec.headers?.(w) ?? {}) };
  let body: string | undefined;
  if (spec.raw) {
    headers['content-type'] = spec.raw.contentType;
    body = spec.raw.body(w);
  } else if (spec.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.body(w));
  }
  return { method: ref.method, url: spec.url(w), ...(body === undefined ? {} : { body }), headers };
}

/** A regular expression matching the paths a Hono pattern serves (one segment per parameter). */
export function patternRegex(pattern: string): RegExp {
  const parts = pattern.split(/((?<=\/):[A-Za-z_]+(?:\{[^}]*\})?)/);
  const source = parts
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const custom = /\{([^}]*)\}$/.exec(part);
      return custom ? `(?:${custom[1]})` : '[^/]+';
    })
    .join('');
  return new RegExp(`^${source}$`);
}
