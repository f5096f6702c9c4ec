import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreUnits } from '../../functions/domain/rankings/scoring.js';
import {
  leagueCases,
  officePut,
  SITE_ORIGIN,
  seedCatalogue,
  seedTaxAndCivil,
  startTestPlatform,
  type TestPlatform,
} from '../support/test-platform.js';

let t: TestPlatform;
let office: string;

/** The league's cases, FOOD's at market window 1 so that windows can be ranked too. */
const cases = (...args: Parameters<typeof leagueCases>) =>
  leagueCases(...args).map((c) => (c.serviceCode === 'FOOD' ? { ...c, windowId: 'market-w1' } : c));

async function ingest(list: unknown[]) {
  const system = await t.token('system');
  for (let i = 0; i < list.length; i += 400) {
    const res = await t.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: { cases: list.slice(i, i + 400) },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.every((r: { status: string }) => r.status !== 'rejected')).toBe(true);
  }
}

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  office = await t.token('office');
  await seedTaxAndCivil(t);
  const put = await officePut(t);
  await put('/api/v1/departments/culture', { name: '文化和旅游局', district: '静安区' });
  await put('/api/v1/services/CULT', {
    name: '演出许可',
    departmentId: 'culture',
    statutoryDays: 20,
    promisedDays: 10,
  });
  await ingest([
    ...cases('m', 'FOOD', '2026-09', 20, 19),
    ...cases('h', 'BUILD', '2026-09', 20, 10),
    ...cases('t', 'TAX', '2026-09', 20, 18),
    ...cases('c', 'CIVIL', '2026-09', 20, 12),
    ...cases('u', 'CULT', '2026-09', 20, 16),
    ...cases('m', 'FOOD', '2026-10', 30, 28),
    ...cases('h', 'BUILD', '2026-10', 12, 5),
    ...cases('t', 'TAX', '2026-10', 20, 20),
    ...cases('c', 'CIVIL', '2026-10', 15, 9),
    ...cases('u', 'CULT', '2026-10', 20, 18),
    ...cases('x', 'TAX', '2026-10', 3, 3).map((c) => ({ ...c, caseId: `few-${c.caseId}` })),
  ]);
  await t.drain();
});
afterAll(() => t?.stop());

const draft = (body: unknown, token = office) => t.call('POST', '/api/v1/rankings/drafts', { token, body });
const publish = (scope: string, period: string, v: number, token = office) =>
  t.call('POST', `/api/v1/rankings/${scope}/${period}/versions/${v}/publish`, { token });

describe('ranking drafts, publishing and immutability', () => {
  it('answers 404 before anything is published and 400 for unknown scopes and periods', async () => {
    expect((await t.call('GET', '/api/v1/rankings?scope=department&period=2026-10')).status).toBe(404);
    for (const q of [
      'scope=county&period=2026-10',
      'scope=department&period=2026-13',
      'scope=department&period=2026-Q5',
      'scope=department',
    ]) {
      const res = await t.call('GET', `/api/v1/rankings?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    const page = await t.call('GET', '/rankings');
    expect(page.status).toBe(200);
    expect(page.text).toContain('尚未发布');
  });

  it('lets only the office compute drafts, and validates them', async () => {
    expect(
      (await t.call('POST', '/api/v1/rankings/drafts', { body: { scope: 'department', period: '2026-10' } }))
        .status,
    ).toBe(401);
    const inspector = await t.token('inspector');
    expect((await draft({ scope: 'department', period: '2026-10' }, inspector)).status).toBe(403);
    expect((await draft({ scope: 'county', period: '2026-10' })).status).toBe(400);
    expect((await draft({ scope: 'department', period: '2027-01' })).body.error.message).toMatch(/not begun/);
    expect((await draft({ scope: 'department', period: '2026-10', methodVersion: 99 })).status).toBe(400);
    expect((await draft({ scope: 'department', period: '2026-10', extra: 1 })).status).toBe(400);
  });

  let octV1: any;

  it('computes a draft with every indicator visible, not public until published', async () => {
    const sep = await draft({ scope: 'department', period: '2026-09' });
    expect(sep.status).toBe(201);
    expect((await publish('department', '2026-09', sep.body.version)).status).toBe(200);

    const res = await draft({ scope: 'department', period: '2026-10' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      scope: 'department',
      period: '2026-10',
      version: 1,
      status: 'draft',
      methodVersion: 1,
    });
    expect(res.body.months).toEqual(['2026-10']);
    expect(res.body.missingIndicators).toContain('satisfaction');
    const market = res.body.units.find((u: any) => u.id === 'market');
    expect(market.sample).toBe(30);
    expect(market.indicators.onTime.raw).toBeCloseTo(28 / 30, 12);
    expect(market.indicators.onTime).toHaveProperty('shrunk');
    expect(market.indicators.redWarnings.points).toBeLessThan(0);
    expect(market.transparency.suspendedShare).toBe(0);
    // The draft is not public.
    expect((await t.call('GET', '/api/v1/rankings?scope=department&period=2026-10')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/rankings/department/2026-10/versions/1')).status).toBe(404);
    const drafts = await t.call('GET', '/api/v1/staff/rankings/drafts', { token: office });
    expect(drafts.body.items.map((d: any) => `${d.period}v${d.version}`)).toContain('2026-10v1');
  });

  it('publishes once: a second publish is a 409 and changes nothing', async () => {
    expect((await publish('department', '2026-10', 1, await t.token('inspector'))).status).toBe(403);
    const first = await publish('department', '2026-10', 1);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('published');
    const again = await publish('department', '2026-10', 1);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const discard = await t.call('DELETE', '/api/v1/rankings/department/2026-10/versions/1', {
      token: office,
    });
    expect(discard.status).toBe(409);
    expect((await publish('department', '2026-10', 7)).status).toBe(404);

    const pub = await t.call('GET', '/api/v1/rankings?scope=department&period=2026-10');
    expect(pub.status).toBe(200);
    octV1 = pub.body;
    expect(pub.body.publishedAt).toBe(first.body.publishedAt);
    // Movement since September and the bottom two of both months marked for a talk.
    expect(pub.body.previous).toEqual({ period: '2026-09', version: 1 });
    const byId = Object.fromEntries(pub.body.units.map((u: any) => [u.id, u]));
    expect(byId.housing.rank).toBe(5);
    expect(byId.housing.previousRank).toBe(5);
    expect(byId.housing.movement).toBe(0);
    expect(byId.housing.talk).toBe(true);
    expect(byId.market.talk).toBe(false);
    expect(pub.body.talks).toContain('housing');
    expect(pub.body.top[0]).toBe(pub.body.units[0].id);
    expect(pub.body.links.inputs).toBe('/api/v1/rankings/department/2026-10/versions/1/inputs');
  });

  it('keeps a published ranking as it was when the aggregates change', async () => {
    await ingest(cases('late', 'FOOD', '2026-10', 15, 0));
    await t.drain();
    const pub = await t.call('GET', '/api/v1/rankings/department/2026-10/versions/1');
    expect(pub.body.units).toEqual(octV1.units);
  });

  it('corrects by a new version that says what changed; v1 stays at its URL', async () => {
    const bare = await draft({ scope: 'department', period: '2026-10' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toMatch(/what changed/);
    const v2 = await draft({ scope: 'department', period: '2026-10', changes: '补录市场监管局15件迟报办件' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, supersedes: 1, changes: '补录市场监管局15件迟报办件' });
    // A throw-away draft can be discarded.
    const v3 = await draft({ scope: 'department', period: '2026-10', changes: 'test' });
    expect(
      (await t.call('DELETE', '/api/v1/rankings/department/2026-10/versions/3', { token: office })).status,
    ).toBe(204);
    expect(
      (await t.call('GET', '/api/v1/staff/rankings/department/2026-10/versions/3', { token: office })).status,
    ).toBe(404);
    expect(v3.body.version).toBe(3);
    expect((await publish('department', '2026-10', 2)).status).toBe(200);
    const current = await t.call('GET', '/api/v1/rankings?scope=department&period=2026-10');
    expect(current.body.version).toBe(2);
    expect(current.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(current.body.units.find((u: any) => u.id === 'market').sample).toBe(45);
    const old = await t.call('GET', '/api/v1/rankings/department/2026-10/versions/1');
    expect(old.body.units).toEqual(octV1.units);
    // Publishing the older draft over the newer one is refused.
    expect((await publish('department', '2026-10', 1)).status).toBe(409);
  });

  it('refuses to publish a period that has not ended', async () => {
    const nov = await draft({ scope: 'department', period: '2026-11' });
    expect(nov.status).toBe(201);
    const res = await publish('department', '2026-11', nov.body.version);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/2026-11-30/);
  });

  it('ranks districts and windows, and a quarter', async () => {
    const d = await draft({ scope: 'district', period: '2026-Q3' });
    expect(d.status).toBe(201);
    expect(d.body.units.map((u: any) => u.id).sort()).toEqual(['徐汇区', '浦东新区', '静安区']);
    const w = await draft({ scope: 'window', period: '2026-10' });
    expect(w.body.units.map((u: any) => u.id)).toEqual(['market-w1']);
    expect(w.body.units[0].sample).toBe(45);
  });

  it('serves the table as CSV that opens in Excel', async () => {
    const res = await t.call('GET', '/api/v1/rankings?scope=department&period=2026-10&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(
      await (
        await t.app.request('/api/v1/rankings?scope=department&period=2026-10&format=csv')
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.unitId === 'market')!.unitName).toBe('市场监督管理局');
    expect(Object.keys(rows[0]!)).toContain('onTime_shrunk');
  });

  it('lets a third party recompute the table exactly from the downloads alone', async () => {
    const pub = await t.call('GET', '/api/v1/rankings?scope=department&period=2026-10');
    const methodRes = await t.call('GET', pub.body.links.method);
    const inputsRes = await t.call('GET', pub.body.links.inputsCsv);
    expect(methodRes.status).toBe(200);
    expect(inputsRes.status).toBe(200);
    const method = methodRes.body;
    const rows = parse(inputsRes.text, { bom: true, columns: true }) as Record<string, string>[];

    // An independent implementation of the documented formula.
    const units = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const u = units.get(r.unitId!) ?? {};
      if (r.counter) u[r.counter] = (u[r.counter] ?? 0) + Number(r.value);
      units.set(r.unitId!, u);
    }
    const sum = (c: Record<string, number>, terms: string[]) =>
      terms.reduce((s, t) => (t.startsWith('-') ? s - (c[t.slice(1)] ?? 0) : s + (c[t] ?? 0)), 0);
    const ids = [...units.keys()].sort();
    const scores = new Map<string, number>();
    const avail = method.indicators.filter((ind: any) =>
      ids.some((id) => sum(units.get(id)!, ind.denominator) !== 0),
    );
    const W = avail.filter((i: any) => i.role === 'score').reduce((s: number, i: any) => s + i.weight, 0);
    for (const id of ids) {
      const c = units.get(id)!;
      let score = 0;
      let penalty = 0;
      for (const ind of avail) {
        const num = ids.reduce(
          (s, u) => s + (sum(units.get(u)!, ind.denominator) ? sum(units.get(u)!, ind.numerator) : 0),
          0,
        );
        const den = ids.reduce((s, u) => s + sum(units.get(u)!, ind.denominator), 0);
        const mu = num / den;
        const d = sum(c, ind.denominator);
        const x = d ? sum(c, ind.numerator) / d : null;
        const n = ind.sample ? sum(c, ind.sample) : d;
        const k = ind.k ?? method.shrinkage.k;
        const shrunk = x === null || n <= 0 ? mu : (n * x + k * mu) / (n + k);
        const { min, max } = ind.normalisation;
        const v = Math.min(1, Math.max(0, (shrunk - min) / (max - min)));
        const g = ind.direction === 'higher' ? v : 1 - v;
        if (ind.role === 'score') score += ind.weight * g;
        else penalty += ind.weight * (1 - g);
      }
      scores.set(id, (100 * score) / W - penalty);
    }
    const eligible = ids.filter(
      (id) => sum(units.get(id)!, method.minSample.counters) >= method.minSample.min,
    );
    const order = [...eligible].sort((a, b) => scores.get(b)! - scores.get(a)! || (a < b ? -1 : 1));
    for (const u of pub.body.units) {
      expect(scores.get(u.id)).toBeCloseTo(u.score, 10);
      expect(u.rank).toBe(u.eligible ? order.indexOf(u.id) + 1 : null);
    }
    // And the platform's own scoring over the downloaded JSON inputs gives the very same numbers.
    const json = await t.call('GET', pub.body.links.inputs);
    const again = scoreUnits(method, json.body.units, json.body.months);
    expect(again.units).toEqual(pub.body.units.map(({ previousRank, movement, talk, ...u }: any) => u));
  });

  it('shows a unit’s rank history and the methods', async () => {
    const res = await t.call('GET', '/api/v1/rankings/department/units/housing');
    expect(res.status).toBe(200);
    expect(res.body.history.month.map((h: any) => [h.period, h.rank, h.talk])).toEqual([
      ['2026-09', 5, false],
      ['2026-10', 5, true],
    ]);
    expect((await t.call('GET', '/api/v1/rankings/department/units/nobody')).status).toBe(404);
    const methods = await t.call('GET', '/api/v1/rankings/methods');
    expect(methods.body.items.map((m: any) => m.version)).toEqual([1]);
    expect((await t.call('GET', '/api/v1/rankings/methods/9')).status).toBe(404);
  });
});

describe('ranking pages', () => {
  it('shows the latest tables, a period, a unit’s history and the method in public', async () => {
    const index = await t.call('GET', '/rankings');
    expect(index.status).toBe(200);
    expect(index.text).toContain('市场监督管理局');
    expect(index.text).toContain('约谈');
    expect(index.text).not.toContain('尚未发布任何');
    const table = await t.call('GET', '/rankings/department/2026-10');
    expect(table.status).toBe(200);
    expect(table.text).toContain('/api/v1/rankings/department/2026-10/versions/2/inputs?format=csv');
    expect(table.text).toContain('补录市场监管局15件迟报办件');
    expect((await t.call('GET', '/rankings/department/2026-10/v/1')).status).toBe(200);
    expect((await t.call('GET', '/rankings/department/2026-08')).status).toBe(404);
    expect((await t.call('GET', '/rankings/county')).status).toBe(404);
    const history = await t.call('GET', '/rankings/department/units/housing');
    expect(history.status).toBe(200);
    expect(history.text).toContain('<svg');
    const method = await t.call('GET', '/rankings/method');
    expect(method.text).toContain('(n·x + k·μ)');
    expect((await t.call('GET', '/rankings/window')).status).toBe(200);
  });

  it('lets the office compute, review and publish through the console, and nobody else', async () => {
    const cookie = async (token: string) => ({ cookie: await t.session(token) });
    expect((await t.call('GET', '/staff/rankings')).status).toBe(401);
    const dept = await t.token('department', 'market');
    expect((await t.call('GET', '/staff/rankings', { headers: await cookie(dept) })).status).toBe(403);
    const home = await t.call('GET', '/staff/rankings', { headers: await cookie(office) });
    expect(home.status).toBe(200);
    const form = async (body: Record<string, string>) => ({
      headers: {
        ...(await cookie(office)),
        'content-type': 'application/x-www-form-urlencoded',
        origin: SITE_ORIGIN,
      },
      body: new URLSearchParams(body).toString(),
    });
    const bad = await t.call(
      'POST',
      '/staff/rankings/drafts',
      await form({ scope: 'department', period: '2026-13' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Unknown period');
    const made = await t.call(
      'POST',
      '/staff/rankings/drafts',
      await form({ scope: 'district', period: '2026-09' }),
    );
    expect(made.status).toBe(303);
    const location = made.headers.get('location')!;
    expect(location).toMatch(/^\/staff\/rankings\/district\/2026-09\/\d+$/);
    const review = await t.call('GET', location, { headers: await cookie(office) });
    expect(review.status).toBe(200);
    expect(review.text).toContain('μ');
    const published = await t.call('POST', `${location}/publish`, await form({}));
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/rankings/district/2026-09');
    const again = await t.call('POST', `${location}/publish`, await form({}));
    expect(again.status).toBe(409);
    const district = await t.call('GET', `/api/v1/rankings/district/units/${encodeURIComponent('徐汇区')}`);
    expect(district.status).toBe(200);
    expect(district.body.history.month.map((h: any) => h.period)).toEqual(['2026-09']);
    expect((await t.call('GET', `/rankings/district/units/${encodeURIComponent('徐汇区')}`)).status).toBe(
      200,
    );
  });
});

describe('public ranking pages at the edge', () => {
  it('serves every published table, version, unit history and method as a page the edge may keep', async () => {
    const edgeKept = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400';
    for (const url of [
      '/rankings',
      '/rankings/department/2026-10',
      '/rankings/department/2026-10/v/1',
      '/rankings/department/units/housing',
      '/rankings/method',
      '/rankings/method/1',
    ]) {
      const res = await t.call('GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe(edgeKept);
      expect(res.headers.get('set-cookie'), url).toBeNull();
    }
    expect((await t.call('GET', '/rankings')).text).toContain('市场监督管理局');
    expect((await t.call('GET', '/rankings/department/2026-10')).text).toContain(
      '补录市场监管局15件迟报办件',
    );
    // The office's drafts are no public page: signed out it is a 401 no cache keeps.
    const staff = await t.call('GET', '/staff/rankings');
    expect(staff.status).toBe(401);
    expect(staff.headers.get('cache-control')).toBe('no-store');
  });
});

describe('ranking methods as versioned data', () => {
  it('rejects invalid weights and changes nothing; accepts a valid new version', async () => {
    const v1 = (await t.call('GET', '/api/v1/rankings/methods/1')).body;
    const { version, createdAt, createdBy, ...body } = v1;
    const bad = {
      ...body,
      changes: 'try',
      indicators: body.indicators.map((i: any) => (i.id === 'onTime' ? { ...i, weight: 0.5 } : i)),
    };
    const res = await t.call('POST', '/api/v1/rankings/methods', { token: office, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/sum to 1/);
    expect((await t.call('GET', '/api/v1/rankings/methods')).body.items).toHaveLength(1);
    expect(
      (await t.call('POST', '/api/v1/rankings/methods', { token: await t.token('inspector'), body: bad }))
        .status,
    ).toBe(403);

    const good = {
      ...body,
      changes: 'Shrink harder: k = 100.',
      shrinkage: { k: 100 },
    };
    const created = await t.call('POST', '/api/v1/rankings/methods', { token: office, body: good });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(2);
    const d = await draft({ scope: 'department', period: '2026-09', methodVersion: 2, changes: 'method v2' });
    expect(d.body.methodVersion).toBe(2);
    // Published tables keep the method they used.
    const sep = await t.call('GET', '/api/v1/rankings?scope=department&period=2026-09');
    expect(sep.body.methodVersion).toBe(1);
  });
});
