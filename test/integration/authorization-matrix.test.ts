/**
 * The authorisation matrix: every API route (enumerated from the three Hono groups) ×
 * every kind of caller — anonymous, department A and B staff, the office, an inspector,
 * an upstream system, an expired token, a token signed by another key, and a token
 * whose claims were edited without re-signing — each with the status the contract
 * orders: 401 for no valid token, then 403 for a wrong role or another department's
 * item, then the route's own outcome. A route with no row in the expectation table
 * fails the test, so the table stays complete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  changes,
  contractShapeProblem,
  IDENTITIES,
  type Identity,
  open311ShapeProblem,
  rawCall,
  snapshot,
  type World,
} from '../support/proof-world.js';
import {
  apiRoutes,
  expectationOf,
  patternRegex,
  ROUTE_TABLE,
  type RouteRef,
  requestOf,
} from '../support/route-catalogue.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let w: World;
const routes = apiRoutes();
/** Observed status per route and caller (printed with WOODPECKER_MATRIX_PRINT=1). */
const observed = new Map<string, Partial<Record<Identity, number>>>();

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  w = await buildWorld(t);
});
afterAll(async () => {
  if (process.env.WOODPECKER_MATRIX_PRINT === '1') {
    const rows = [...observed].map(
      ([key, cells]) =>
        `${key.padEnd(66)} ${IDENTITIES.map((id) => String(cells[id] ?? '-').padStart(4)).join(' ')}`,
    );
    console.log(
      [`${'route'.padEnd(66)} ${IDENTITIES.map((id) => id.slice(0, 4).padStart(4)).join(' ')}`, ...rows].join(
        '\n',
      ),
    );
  }
  await t?.stop();
});

describe('the expectation table', () => {
  it('has exactly one row per route of the public-read, public-write and staff groups', () => {
    const keys = routes.map((r) => r.key);
    expect(keys.length).toBeGreaterThan(70);
    expect(
      keys.filter((k) => !(k in ROUTE_TABLE)),
      'routes without a row',
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_TABLE).filter((k) => !keys.includes(k)),
      'rows without a route',
    ).toEqual([]);
  });

  it('sends each row’s request to its own route, not an earlier one', () => {
    const wrong: string[] = [];
    for (const ref of routes) {
      const spec = ROUTE_TABLE[ref.key];
      if (!spec) continue;
      const path = spec.url(w).split('?')[0]!;
      const first = routes.find((r) => r.method === ref.method && patternRegex(r.path).test(path));
      if (first?.key !== ref.key) wrong.push(`${ref.key}: ${path} reaches ${first?.key ?? 'nothing'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('covers staff routes with at least one refused and one allowed caller, and public ones for everyone', () => {
    for (const ref of routes) {
      const spec = ROUTE_TABLE[ref.key]!;
      const kinds = IDENTITIES.map((id) => expectationOf(spec, id).kind);
      if (ref.group === 'staff') {
        expect(spec.who, ref.key).not.toBe('public');
        expect(kinds, ref.key).toContain('allowed');
        expect(kinds, ref.key).toContain('refused');
      } else {
        expect(spec.who, ref.key).toBe('public');
      }
    }
  });
});

async function cell(ref: RouteRef, identity: Identity): Promise<string | undefined> {
  const spec = ROUTE_TABLE[ref.key]!;
  const req = requestOf(ref, spec, w);
  const token = w.tokens[identity];
  const res = await rawCall(t, req.method, req.url, {
    ...(req.body === undefined ? {} : { body: req.body }),
    headers: req.headers,
    ...(token ? { token } : {}),
  });
  observed.set(ref.key, { ...observed.get(ref.key), [identity]: res.status });
  const expected = expectationOf(spec, identity);
  const where = `${ref.key} as ${identity}`;
  if (res.status >= 500) return `${where}: ${res.status} ${res.text.slice(0, 200)}`;
  if (expected.kind === 'refused') {
    if (res.status !== expected.status) return `${where}: ${res.status}, expected ${expected.status}`;
    const problem = contractShapeProblem(res);
    if (problem) return `${where}: ${problem}`;
    const code = (res.body as { error: { code: string } }).error.code;
    return code === expected.code ? undefined : `${where}: code ${code}, expected ${expected.code}`;
  }
  if (!expected.statuses.includes(res.status))
    return `${where}: ${res.status}, expected ${expected.statuses.join('/')} ${res.text.slice(0, 200)}`;
  if (res.status >= 400) {
    const problem = spec.open311
      ? open311ShapeProblem(res, req.url.split('?')[0]!.endsWith('.xml'))
      : contractShapeProblem(res);
    if (problem) return `${where}: ${problem}`;
  }
  return spec.verify?.(identity, res.body) && `${where}: ${spec.verify(identity, res.body)}`;
}

describe('every route × every caller', () => {
  for (const ref of routes) {
    it(ref.key, async () => {
      const spec = ROUTE_TABLE[ref.key];
      expect(spec, `no row for ${ref.key}`).toBeDefined();
      if (!spec) return;
      const refused = IDENTITIES.filter((id) => expectationOf(spec, id).kind === 'refused');
      const allowed = IDENTITIES.filter((id) => expectationOf(spec, id).kind === 'allowed');
      const failures: string[] = [];
      // Refused callers first: nothing they send may be stored.
      const before = await snapshot(t);
      for (const id of refused) {
        const problem = await cell(ref, id);
        if (problem) failures.push(problem);
      }
      const stored = changes(before, await snapshot(t));
      if (stored.length) failures.push(`${ref.key}: refused callers stored ${stored.slice(0, 5).join('; ')}`);
      for (const id of allowed) {
        const problem = await cell(ref, id);
        if (problem) failures.push(problem);
      }
      expect(failures).toEqual([]);
    });
  }
});
