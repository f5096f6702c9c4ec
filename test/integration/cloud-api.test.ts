/**
 * The cloud topology's API half (issue 14, item 3, begun): the synthesized assembly's
 * own bundled functions, each in its own process with its template's environment, behind
 * an emulation of its HTTP API — the template's routes, payload 2.0 events and JWT
 * authorizer — over DynamoDB Local. Requests here go where API Gateway would send them.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CASE_COUNTERS } from '../../functions/domain/cases/counters.js';
import { createPlatform } from '../../functions/platform.js';
import { createStoreClient } from '../../functions/store/client.js';
import { resourcesOfType } from '../../infra/cloud-local/assembly.js';
import { type CloudApi, startCloudApi } from '../../infra/cloud-local/cloud-api.js';
import { routeTable } from '../../infra/cloud-local/routes.js';
import { synthesizeAssembly } from '../../infra/cloud-local/synth.js';
import { routeMiswirings, streamMiswirings } from '../../infra/cloud-local/wiring.js';
import { ensureTable } from '../../infra/local/create-table.js';
import { LOCAL_ISSUER, loadOrCreateIssuerKeys, signStaffToken } from '../../infra/local/issuer.js';
import { derivedRoutes } from '../../infra/stacks/api-routes.js';
import { samplePathOf } from '../../infra/stacks/gateway-paths.js';

let api: CloudApi;
let assemblyDir: string;
let tableName: string;
let endpoint: string;
let jwks: Server;
let staffClientId: string;
let token: (groups: string[], clientId?: string, expiresInSeconds?: number) => Promise<string>;

beforeAll(async () => {
  assemblyDir = synthesizeAssembly(`it-${process.pid}`);
  const keys = await loadOrCreateIssuerKeys(
    path.join(mkdtempSync(path.join(tmpdir(), 'wp-cloud-')), 'k.json'),
  );
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [keys.publicJwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  endpoint = inject('dynamoEndpoint');
  tableName = `cloud${process.pid}x${Date.now().toString(36)}`;
  const store = createStoreClient({ tableName, endpoint });
  await ensureTable(store.raw, tableName);
  store.raw.destroy();
  api = await startCloudApi({
    assemblyDir,
    dynamoEndpoint: endpoint,
    tableName,
    port: 0,
    issuer: {
      issuer: LOCAL_ISSUER,
      keys: createLocalJWKSet({ keys: [keys.publicJwk] }),
      jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
    },
  });
  staffClientId = resourcesOfType(api.assembly, 'AWS::Cognito::UserPoolClient')[0]!.id;
  token = (groups, clientId = staffClientId, expiresInSeconds) =>
    signStaffToken(keys, { subject: 'cloud-office', groups, clientId, expiresInSeconds });
}, 240_000);

afterAll(async () => {
  await api?.stop();
  await new Promise<void>((r) => (jwks ? jwks.close(() => r()) : r()));
  if (assemblyDir) rmSync(assemblyDir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${api.url}${p}`, { headers });

describe('route selection, as API Gateway does it', () => {
  const table = routeTable([
    { routeKey: 'GET /a/{proxy+}', target: 'greedy' },
    { routeKey: 'GET /a/b/{id}', target: 'variable' },
    { routeKey: 'GET /a/b/c', target: 'literal' },
    { routeKey: 'ANY /a/b/{id}', target: 'any' },
    { routeKey: '$default', target: 'default' },
  ]);
  it('prefers literals to variables to greedy paths, a method to ANY, and falls back to $default', () => {
    expect(table.select('GET', '/a/b/c')?.route.target).toBe('literal');
    expect(table.select('GET', '/a/b/x')).toMatchObject({
      route: { target: 'variable' },
      pathParameters: { id: 'x' },
    });
    expect(table.select('POST', '/a/b/x')?.route.target).toBe('any');
    expect(table.select('GET', '/a/x/y')).toMatchObject({
      route: { target: 'greedy' },
      pathParameters: { proxy: 'x/y' },
    });
    expect(table.select('GET', '/a')?.route.target).toBe('default');
    expect(table.select('DELETE', '/zzz')?.route.target).toBe('default');
  });
});

describe('the bundled functions behind the template’s HTTP API', () => {
  it('answers a public read from the public-read bundle', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  it('renders a public page from the pages bundle by the default route, with the edge’s cache rules', async () => {
    const res = await get('/privacy');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<!doctype html>');
    expect(res.headers.get('cache-control')).toMatch(/s-maxage=60/);
    const missing = await get('/no/such/page');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps staff routes behind the JWT authorizer: no, foreign or expired tokens are 401 before any function', async () => {
    const none = await get('/api/v1/staff/warnings');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: 'Unauthorized' });
    const foreign = await get('/api/v1/staff/warnings', {
      authorization: `Bearer ${await token(['office'], 'some-other-client')}`,
    });
    expect(foreign.status).toBe(401);
    const expired = await get('/api/v1/staff/warnings', {
      authorization: `Bearer ${await token(['office'], staffClientId, -60)}`,
    });
    expect(expired.status).toBe(401);
  });

  it('gives the functions their secrets through Secrets Manager, by the template’s ARNs', async () => {
    // A rating link is signed with the platform secret: the page checks it, so it reads it.
    const res = await get('/rate/NO-SUCH-CASE?t=x');
    expect(res.status).toBeLessThan(500);
    const platformArn = api.secrets.requests.find((r) => r.includes('PlatformSecret'));
    expect(platformArn).toMatch(
      /^secretsmanager\.GetSecretValue arn:aws:secretsmanager:ap-east-1:000000000000:secret:PlatformSecret/,
    );
  });

  it('lets a valid staff token through to the staff bundle, which checks it again', async () => {
    const res = await get('/api/v1/staff/warnings', { authorization: `Bearer ${await token(['office'])}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toHaveProperty('items');
  });
});

describe('the template wired to the code, and what a deliberate break looks like', () => {
  it('routes every endpoint to its group’s function, behind the authorizer exactly when it is staff', () => {
    expect(routeMiswirings(api.assembly, api.resolve)).toEqual([]);
  });

  it('lets every counted item type through the stream filter, written or removed, and nothing else', () => {
    expect(streamMiswirings(api.assembly, api.resolve)).toEqual([]);
  });

  it('names a route pointed at the wrong integration', () => {
    const broken = structuredClone(api.assembly);
    const routes = resourcesOfType(broken, 'AWS::ApiGatewayV2::Route');
    const pages = routes.find((r) => r.resource.Properties?.RouteKey === '$default')!;
    const services = routes.find((r) => r.resource.Properties?.RouteKey === 'GET /api/v1/services')!;
    services.resource.Properties!.Target = pages.resource.Properties!.Target;
    const found = routeMiswirings(broken, api.resolve);
    expect(found.map((m) => m.subject)).toEqual(['GET /api/v1/services']);
    expect(found[0]!.problem).toMatch(/to the pages function, not public-read/);
  });

  it('names an item type dropped from the stream filter', () => {
    const broken = structuredClone(api.assembly);
    for (const { resource } of resourcesOfType(broken, 'AWS::Lambda::EventSourceMapping')) {
      for (const f of resource.Properties?.FilterCriteria?.Filters ?? []) {
        f.Pattern = f.Pattern.replace('"rating",', '').replace(',"rating"', '');
      }
    }
    const found = streamMiswirings(broken, api.resolve);
    expect(found.map((m) => `${m.subject}: ${m.problem.split(' ')[1]}`)).toEqual([
      'rating: INSERT',
      'rating: MODIFY',
      'rating: REMOVE',
    ]);
  });

  it('serves every endpoint from a bundle that knows it: no route is missing from a function', async () => {
    const office = await token(['office']);
    const lost: string[] = [];
    for (const r of derivedRoutes()) {
      const res = await fetch(`${api.url}${samplePathOf(r.honoPath)}`, {
        method: r.method,
        headers: r.group === 'staff' ? { authorization: `Bearer ${office}` } : {},
        ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { body: '' }),
      });
      const text = await res.text();
      // The app's own 404 for a path it lacks; the authorizer's 401 on a route that is not staff's.
      const gatewayRefused = res.status === 401 && text === '{"message":"Unauthorized"}';
      if (text.includes('No route for') || (r.group !== 'staff' && gatewayRefused) || res.status >= 500)
        lost.push(`${r.method} ${r.honoPath} → ${res.status} ${text.slice(0, 80)}`);
    }
    expect(lost).toEqual([]);
  }, 120_000);
});

describe('the table stream through the mapping’s filter into the bundled aggregator', () => {
  it('turns staff writes and a case feed into monthly aggregates, as in AWS', async () => {
    const office = { authorization: `Bearer ${await token(['office'])}`, 'content-type': 'application/json' };
    const send = (method: string, p: string, body: unknown, headers = office) =>
      fetch(`${api.url}${p}`, { method, headers, body: JSON.stringify(body) });
    expect(
      (await send('PUT', '/api/v1/departments/market', { name: '市场监督管理局', district: '浦东新区' }))
        .status,
    ).toBe(201);
    expect(
      (
        await send('PUT', '/api/v1/services/FOOD', {
          name: '食品经营许可',
          departmentId: 'market',
          statutoryDays: 18,
          promisedDays: 6,
        })
      ).status,
    ).toBe(201);
    const system = { authorization: `Bearer ${await token(['system'])}`, 'content-type': 'application/json' };
    const cases = [1, 2, 3].map((i) => ({
      caseId: `CLOUD-${i}`,
      serviceCode: 'FOOD',
      acceptedAt: '2026-11-02T09:30:00+08:00',
      completedAt: `2026-11-0${3 + i}T16:00:00+08:00`,
    }));
    const fed = await send('POST', '/api/v1/cases:batch', { cases }, system);
    expect(fed.status).toBe(200);
    await api.streams.drain();
    const store = createStoreClient({ tableName, endpoint });
    try {
      const { months } = await createPlatform(store).aggregates.readAggregates(
        'svc',
        'FOOD',
        '2026-11',
        '2026-11',
      );
      expect(months.get('2026-11')).toMatchObject({ [CASE_COUNTERS.received]: 3, [CASE_COUNTERS.cases]: 3 });
    } finally {
      store.raw.destroy();
    }
  });
});

describe('the schedules', () => {
  it('run the bundled sweeper with a scheduled event, on the template’s own rule', async () => {
    expect(api.schedules.schedules).toEqual([
      expect.objectContaining({ expression: 'rate(5 minutes)', everyMs: 300_000 }),
    ]);
    const [sweeper] = api.schedules.schedules[0]!.functionNames;
    expect(sweeper).toMatch(/^Sweeper/);
    await expect(api.schedules.runNow(sweeper)).resolves.toBeUndefined();
  });
});
