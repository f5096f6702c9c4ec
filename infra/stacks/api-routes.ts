/**
 * The HTTP API's route table, derived at synth time from the Hono apps the functions
 * serve, so a new route is one edit (in its route group) and reaches its function in
 * AWS as it does under `npm start`. Importing the apps builds nothing heavy: routes are
 * registered, the OpenAPI document is built on first request, the platform on first use.
 *
 * Every Hono route that API Gateway can name becomes a route of its own to its group's
 * function. The routes API Gateway has that no Hono route declares — catch-alls and the
 * page prefixes — are `gatewayOnlyRoutes`, each with its reason. The staff JWT authorizer
 * sits on every `staff` route and on no other. Synthesis fails if a Hono route would not
 * reach its own function, if two groups claim one route, or a public write has no throttle.
 */
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { publicReadApp } from '../../functions/api/public-read-app.js';
import { publicWriteApp } from '../../functions/api/public-write-app.js';
import { staffApp } from '../../functions/api/staff-app.js';
import { gatewayPathOf, routeFor, samplePathOf } from './gateway-paths.js';

/** The function groups that answer HTTP requests. */
export type HttpGroup = 'public-read' | 'public-write' | 'staff' | 'pages';

/**
 * What answers a path no route names (`$default`): the pages function, which renders every
 * public page and answers anything unknown with the site's 404 page, or the contract's
 * JSON 404 under `/api/` and `/open311/`.
 */
export const DEFAULT_GROUP: HttpGroup = 'pages';

/** The groups whose routes are a Hono app's (the pages function serves the site's dynamic pages). */
export type ApiGroup = Exclude<HttpGroup, 'pages'>;

export interface ApiRoute {
  readonly path: string;
  readonly methods: HttpMethod[];
  readonly group: HttpGroup;
}

/** A route as Hono registers it (`app.routes`). */
export interface HonoRoute {
  readonly method: string;
  readonly path: string;
}

/** The app each API function serves (functions/handlers/<group>.ts), Open311 inside public-write. */
export const groupApps: Record<ApiGroup, { readonly routes: readonly HonoRoute[] }> = {
  'public-read': publicReadApp,
  'public-write': publicWriteApp,
  staff: staffApp,
};

const { GET, POST, PUT, PATCH, DELETE } = HttpMethod;
const methodsOfHono = new Map<string, HttpMethod>([GET, POST, PUT, PATCH, DELETE].map((m) => [m, m]));

/**
 * The deliberate exceptions: routes API Gateway has that are no Hono route. API Gateway
 * picks the most specific match, so the derived routes win over these catch-alls, and
 * anything matched by none (`$default`) goes to public-read, which answers the
 * contract's JSON 404.
 */
export const gatewayOnlyRoutes: readonly (ApiRoute & { readonly why: string })[] = [
  {
    path: '/api/v1/{proxy+}',
    methods: [GET],
    group: 'public-read',
    why: 'Every read under /api/v1 API Gateway cannot name (`GET /api/v1/services:export`) or does not know is public-read’s, as $default is.',
  },
  {
    path: '/api/v1/{proxy+}',
    methods: [POST, PUT, PATCH, DELETE],
    group: 'staff',
    why: 'Every other write under /api/v1 needs a staff token, unknown ones included; the `:verb` writes (`POST /api/v1/cases:batch`, `services:import`) that API Gateway cannot name arrive here.',
  },
  {
    path: '/api/v1/staff/{proxy+}',
    methods: [GET, POST, PUT, PATCH, DELETE],
    group: 'staff',
    why: 'Whatever is under /api/v1/staff/ is behind the staff authorizer, known or not.',
  },
  {
    path: '/open311/v2/{proxy+}',
    methods: [GET, POST],
    group: 'public-write',
    why: 'Open311 (GeoReport v2 has only GET and POST) answers every path under it in its own error format (its `all("*")`).',
  },
  // The site's personal pages (token- or code-bound forms, staff consoles), named so the
  // page throttles attach to their posts; every other page reaches the pages function as
  // the default route.
  { path: '/rate/{proxy+}', methods: [GET, POST], group: 'pages', why: 'The rating form and its post.' },
  { path: '/receipt/{proxy+}', methods: [GET], group: 'pages', why: 'A rating’s receipt.' },
  {
    path: '/critiques/{proxy+}',
    methods: [GET, POST],
    group: 'pages',
    why: 'The critiques board, tracking pages and forms.',
  },
  { path: '/staff', methods: [GET], group: 'pages', why: 'The staff landing page.' },
  { path: '/staff/{proxy+}', methods: [GET, POST], group: 'pages', why: 'The staff consoles and sign-in.' },
  {
    path: '/prefs/{proxy+}',
    methods: [GET, POST],
    group: 'pages',
    why: 'Display preferences: the language switch and the elderly mode.',
  },
];

/**
 * One row per Hono route: its method, its path in Hono and its own route in API Gateway;
 * `gatewayPath` is `undefined` when API Gateway cannot name the path (gateway-paths.ts) or
 * its variable would sit beside a catch-all's `{proxy+}` (API Gateway allows one variable
 * per position), so the catch-all that matches it serves it.
 */
export interface DerivedRoute {
  readonly group: ApiGroup;
  readonly method: HttpMethod;
  readonly honoPath: string;
  readonly gatewayPath: string | undefined;
}

/**
 * Every route of every API group's app, once. `ALL` entries are middleware or catch-alls
 * (`use('*')`, Open311's `all('*')`), which `gatewayOnlyRoutes` covers.
 */
export function derivedRoutes(apps = groupApps): DerivedRoute[] {
  const seen = new Set<string>();
  const out: DerivedRoute[] = [];
  for (const [group, app] of Object.entries(apps) as [ApiGroup, (typeof apps)[ApiGroup]][]) {
    for (const r of app.routes) {
      if (r.method === 'ALL') continue;
      const method = methodsOfHono.get(r.method);
      if (!method)
        throw new Error(`${group}: ${r.method} ${r.path} has a method the HTTP API does not route.`);
      const key = `${group} ${method} ${r.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const path = gatewayPathOf(r.path);
      out.push({
        group,
        method,
        honoPath: r.path,
        gatewayPath: path && !besideCatchAll(path) ? path : undefined,
      });
    }
  }
  return out;
}

/** Whether a path has a variable where a gateway-only route has its `{proxy+}` (same parent). */
function besideCatchAll(path: string): boolean {
  const segments = path.split('/');
  return gatewayOnlyRoutes.some((g) => {
    const other = g.path.split('/');
    const i = other.length - 1;
    return (
      other[i]!.endsWith('+}') &&
      segments[i]?.startsWith('{') === true &&
      segments.slice(0, i).join('/') === other.slice(0, i).join('/')
    );
  });
}

/**
 * The route table: the gateway-only routes, then every nameable Hono route (methods
 * merged per path and group). Throws if two groups claim one route, if two variables
 * of different names share a position, or if a Hono route would reach another function.
 */
export function buildApiRoutes(derived = derivedRoutes()): ApiRoute[] {
  const byKey = new Map<string, HttpGroup>();
  const claim = (method: string, path: string, group: HttpGroup) => {
    const key = `${method} ${path}`;
    const owner = byKey.get(key);
    if (owner && owner !== group) throw new Error(`${key} is claimed by both ${owner} and ${group}.`);
    byKey.set(key, group);
    return !owner;
  };
  for (const r of gatewayOnlyRoutes) for (const m of r.methods) claim(m, r.path, r.group);
  const merged = new Map<string, ApiRoute>();
  for (const r of derived) {
    if (!r.gatewayPath || !claim(r.method, r.gatewayPath, r.group)) continue;
    const id = `${r.group} ${r.gatewayPath}`;
    const entry = merged.get(id) ?? { path: r.gatewayPath, methods: [], group: r.group };
    entry.methods.push(r.method);
    merged.set(id, entry);
  }
  const table: ApiRoute[] = [
    ...gatewayOnlyRoutes.map(({ path, methods, group }) => ({ path, methods, group })),
    ...merged.values(),
  ];
  checkVariableNames(table);
  for (const r of derived) {
    const chosen = routeFor(table, r.method, samplePathOf(r.honoPath))?.group ?? DEFAULT_GROUP;
    if (chosen !== r.group) {
      const why = r.gatewayPath ? '' : ', through the catch-all that matches it';
      throw new Error(`${r.method} ${r.honoPath} (${r.group}) would reach ${chosen} in AWS${why}.`);
    }
  }
  return table;
}

/** API Gateway takes one variable per position under one parent (`/a/{id}` and `/a/{code}/b` clash). */
function checkVariableNames(table: readonly ApiRoute[]): void {
  const names = new Map<string, string>();
  for (const r of table) {
    const segments = r.path.split('/');
    for (const [i, s] of segments.entries()) {
      if (!s.startsWith('{')) continue;
      const parent = segments.slice(0, i).join('/');
      const other = names.get(parent);
      if (other !== undefined && other !== s)
        throw new Error(`${r.path}: ${s} beside ${other} under ${parent || '/'}; API Gateway takes one.`);
      names.set(parent, s);
    }
  }
}

/** The route table of the HTTP API (api-stack.ts adds one API Gateway route per method). */
export const apiRoutes: readonly ApiRoute[] = buildApiRoutes();

/**
 * Throttles for public writes (requests per second, burst), harder than the stage's: a
 * rule names one path, or with `under` every path below a prefix, and applies to the
 * POST routes there of every group but staff (staff writes carry a token).
 */
export const publicWriteThrottleRules: readonly {
  readonly path?: string;
  readonly under?: string;
  readonly rate: number;
  readonly burst: number;
}[] = [
  { path: '/api/v1/ratings', rate: 50, burst: 100 },
  { path: '/api/v1/critiques', rate: 20, burst: 40 },
  // A rater's feedback on a rectification; a critic's "solved / not solved".
  { under: '/api/v1/ratings/', rate: 20, burst: 40 },
  { under: '/api/v1/critiques/', rate: 20, burst: 40 },
  { under: '/rate/', rate: 50, burst: 100 },
  { under: '/critiques/', rate: 20, burst: 40 },
  { under: '/open311/v2/', rate: 20, burst: 40 },
];

/** The throttle of every public write route, by route key (`POST /api/v1/ratings`). */
export function throttlesOf(table: readonly ApiRoute[]): Record<string, { rate: number; burst: number }> {
  const out: Record<string, { rate: number; burst: number }> = {};
  for (const r of table) {
    if (r.group === 'staff' || !r.methods.includes(POST)) continue;
    const rule = publicWriteThrottleRules.find(
      (t) => t.path === r.path || (t.under && r.path.startsWith(t.under)),
    );
    if (rule) out[`POST ${r.path}`] = { rate: rule.rate, burst: rule.burst };
    else if (r.group === 'public-write')
      throw new Error(`POST ${r.path} is a public write without a throttle.`);
  }
  return out;
}

/** Per-route throttles for public writes (requests per second, burst), by route key. */
export const publicWriteThrottles: Record<string, { rate: number; burst: number }> = throttlesOf(apiRoutes);
