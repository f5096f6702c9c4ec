/**
 * Registries with one source (issue 16): the synthesized stack must follow the code
 * that owns each list, so a new item type or route is one edit. Each expectation is
 * read from the owner (the contributors registry, the Hono apps' own routes, the
 * site's page routes), never from the stack, so a hand-written list in infra that
 * misses an entry fails here.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { publicReadApp } from '../../functions/api/public-read-app.js';
import { publicWriteApp } from '../../functions/api/public-write-app.js';
import { staffApp } from '../../functions/api/staff-app.js';
import { contributors } from '../../functions/domain/aggregates/contributors.js';
import { streamItemTypes } from '../../functions/usecases/stream-dispatch.js';
import { projectRoot } from '../../infra/constructs/bundling-options.js';
import { passesTypeFilter } from '../../infra/local/stream-poller.js';
import {
  buildApiRoutes,
  DEFAULT_GROUP,
  derivedRoutes,
  gatewayOnlyRoutes,
  groupApps,
  throttlesOf,
} from '../../infra/stacks/api-routes.js';
import { gatewayPathOf, routeFor, samplePathOf } from '../../infra/stacks/gateway-paths.js';
import { mountSite } from '../../web/site-app.js';
import { buildApp, cityContext, logicalId, resourcesOf } from './woodpecker-app.js';

const built = buildApp({ context: cityContext });
const { api } = built.stacks;
const apiT = built.template(api);

type Pattern = { dynamodb: Record<'NewImage' | 'OldImage', { type: { S: string[] } }> };

/** The filter patterns of the event source mapping that feeds one function. */
function filtersOf(template: typeof apiT, fnLogicalId: string): Pattern[] {
  const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).filter(
    (m) => (m.Properties.FunctionName as { Ref: string }).Ref === fnLogicalId,
  );
  expect(mappings).toHaveLength(1);
  return (mappings[0]!.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map(
    (f) => JSON.parse(f.Pattern) as Pattern,
  );
}

/** The item types each image's filter lets through, sorted. */
function typesOf(patterns: Pattern[]) {
  const image = (name: 'NewImage' | 'OldImage') =>
    patterns.flatMap((p) => p.dynamodb[name]?.type.S ?? []).sort();
  return { NewImage: image('NewImage'), OldImage: image('OldImage') };
}

/** A stream record of an item of this type (an insert, or a removal with only the old image). */
function recordOf(type: string, image: 'NewImage' | 'OldImage'): DynamoDBRecord {
  return { dynamodb: { [image]: { pk: { S: `X#${type}` }, type: { S: type } } } };
}

describe('the stream dispatcher’s filter', () => {
  const owned = streamItemTypes().sort();
  const patterns = filtersOf(apiT, logicalId(api, api.functions['stream-aggregator'].fn));

  it('lets through exactly the contributors’ and the alerts’ item types, new image or old', () => {
    expect(owned).toEqual(expect.arrayContaining(Object.keys(contributors)));
    expect(typesOf(patterns)).toEqual({ NewImage: owned, OldImage: owned });
  });

  it('is the local stream’s filter too: the same types pass, others do not', () => {
    const local = new Set(owned);
    for (const type of owned) {
      for (const image of ['NewImage', 'OldImage'] as const)
        expect(passesTypeFilter(recordOf(type, image), local), `${type} ${image}`).toBe(true);
    }
    for (const type of ['department', 'marker', 'agg', 'outbox'])
      expect(passesTypeFilter(recordOf(type, 'NewImage'), local), type).toBe(false);
  });

  it('the local runtime and the test platform hand the poller the stream dispatcher’s list', () => {
    for (const file of ['infra/local/runtime.ts', 'test/support/test-platform.ts']) {
      expect(readFileSync(join(projectRoot, file), 'utf8'), file).toMatch(/itemTypes: streamItemTypes\(\)/);
    }
  });
});

describe('the HTTP API’s routes', () => {
  const resources = apiT.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const groupOfFunction = new Map(
    (['public-read', 'public-write', 'staff', 'pages'] as const).map((g) => [
      logicalId(api, api.functions[g].fn),
      g,
    ]),
  );
  const synthesized = Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey !== '$default')
    .map((r) => {
      const target = (r.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })[
        'Fn::Join'
      ][1][1].Ref;
      const uri = resources[target]?.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      const [method, path] = (r.Properties.RouteKey as string).split(' ') as [string, string];
      return {
        key: `${method} ${path}`,
        path,
        methods: [method],
        group: groupOfFunction.get(uri['Fn::GetAtt'][0]),
        authorizer: r.Properties.AuthorizationType as string,
      };
    });
  const byKey = new Map(synthesized.map((r) => [r.key, r]));
  /** Every route of the apps the functions serve, read from Hono itself. */
  const honoRoutes = (
    [
      ['public-read', publicReadApp],
      ['public-write', publicWriteApp],
      ['staff', staffApp],
    ] as const
  ).flatMap(([group, app]) =>
    app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ group, method: r.method, path: r.path })),
  );

  it('reads the very apps the Lambda handlers serve', () => {
    expect(groupApps).toEqual({
      'public-read': publicReadApp,
      'public-write': publicWriteApp,
      staff: staffApp,
    });
    for (const group of ['public-read', 'public-write', 'staff']) {
      const handler = readFileSync(join(projectRoot, `functions/handlers/${group}.ts`), 'utf8');
      const app = { 'public-read': 'publicReadApp', 'public-write': 'publicWriteApp', staff: 'staffApp' }[
        group
      ];
      expect(handler, group).toContain(`httpHandler(${app})`);
    }
  });

  it('every route of every Hono app reaches its own function in AWS, staff ones behind the authorizer', () => {
    expect(honoRoutes.length).toBeGreaterThan(50);
    for (const r of honoRoutes) {
      const chosen = routeFor(synthesized, r.method, samplePathOf(r.path));
      const label = `${r.method} ${r.path} (${r.group})`;
      expect(chosen?.group ?? DEFAULT_GROUP, label).toBe(r.group);
      expect(chosen?.authorizer ?? 'NONE', label).toBe(r.group === 'staff' ? 'JWT' : 'NONE');
    }
  });

  it('gives every Hono route API Gateway can name beside the catch-alls its own route, and no other', () => {
    const own = derivedRoutes().filter((r) => r.gatewayPath);
    for (const r of own) expect(byKey.get(`${r.method} ${r.gatewayPath}`)?.group, r.honoPath).toBe(r.group);
    // Only the catch-alls are served in their place: a path API Gateway cannot name, or a
    // variable where a catch-all has its {proxy+}.
    const served = derivedRoutes().filter((r) => !r.gatewayPath);
    for (const r of served) {
      const path = gatewayPathOf(r.honoPath);
      if (path)
        expect(
          path.split('/').some((s) => s.startsWith('{')),
          r.honoPath,
        ).toBe(true);
    }
    const expected = new Set([
      ...own.map((r) => `${r.method} ${r.gatewayPath}`),
      ...gatewayOnlyRoutes.flatMap((g) => g.methods.map((m) => `${m} ${g.path}`)),
    ]);
    expect([...byKey.keys()].sort()).toEqual([...expected].sort());
    expect(synthesized).toHaveLength(expected.size);
  });

  it('states each gateway-only route’s reason, and covers every Hono catch-all with one of its group', () => {
    for (const g of gatewayOnlyRoutes) expect(g.why.length, g.path).toBeGreaterThan(10);
    const catchAlls = Object.entries(groupApps).flatMap(([group, app]) =>
      app.routes
        .filter((r) => r.method === 'ALL' && r.path.endsWith('/*') && r.path !== '/*')
        .map((r) => ({ group, path: r.path })),
    );
    expect(catchAlls.length).toBeGreaterThan(0);
    for (const c of catchAlls) {
      const chosen = routeFor(synthesized, 'GET', samplePathOf(c.path));
      expect(chosen?.group, c.path).toBe(c.group);
    }
  });

  it('sends every page of the site to the pages function, the default route included', () => {
    const site = new Hono();
    mountSite(site);
    const pages = site.routes.filter((r) => r.method !== 'ALL' && !/^\/(api|open311)\//.test(r.path));
    expect(pages.length).toBeGreaterThan(60);
    for (const r of pages) {
      const chosen = routeFor(synthesized, r.method, samplePathOf(r.path));
      expect(chosen?.group ?? DEFAULT_GROUP, `${r.method} ${r.path}`).toBe('pages');
    }
    const fallback = Object.values(resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === '$default',
    )!;
    const target = (fallback.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })[
      'Fn::Join'
    ][1][1].Ref;
    const uri = resources[target]?.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
    expect(groupOfFunction.get(uri['Fn::GetAtt'][0])).toBe('pages');
  });

  it('throttles every public write route the apps declare', () => {
    const stage = Object.values(resourcesOf(apiT, 'AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties.RouteSettings as Record<string, unknown>;
    for (const r of honoRoutes.filter((x) => x.group === 'public-write' && x.method === 'POST')) {
      const chosen = routeFor(synthesized, 'POST', samplePathOf(r.path));
      expect(settings[chosen!.key], r.path).toMatchObject({ ThrottlingRateLimit: expect.any(Number) });
    }
    expect(settings).toMatchObject({
      'POST /api/v1/ratings': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      'POST /api/v1/ratings/{caseId}/rectification-feedback': {
        ThrottlingRateLimit: 20,
        ThrottlingBurstLimit: 40,
      },
      'POST /api/v1/critiques/{code}/confirmation': { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      'POST /rate/{proxy+}': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      'POST /open311/v2/{proxy+}': { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
    for (const key of Object.keys(settings)) expect(byKey.has(key), key).toBe(true);
  });
});

describe('deriving the route table fails synthesis', () => {
  const ok = () => new Response('ok');
  const withWrites = (app: Hono) => derivedRoutes({ ...groupApps, 'public-write': app });

  it('for a public write whose path API Gateway cannot name, as the staff catch-all would take it', () => {
    const app = new Hono().post('/api/v1/ratings', ok).post('/api/v1/critiques:bulk', ok);
    expect(() => buildApiRoutes(withWrites(app))).toThrow(
      /critiques:bulk \(public-write\) would reach staff/,
    );
  });

  it('for one route claimed by two groups', () => {
    const app = new Hono().get('/api/v1/services', ok);
    expect(() => buildApiRoutes(withWrites(app))).toThrow(/GET \/api\/v1\/services is claimed by both/);
  });

  it('for two variable names at one position', () => {
    const app = new Hono().post('/api/v1/departments/:code/follow', ok);
    expect(() => buildApiRoutes(withWrites(app))).toThrow(/\{code\} beside \{id\}/);
  });

  it('for a public write no throttle covers', () => {
    const app = new Hono().post('/api/v1/feedback', ok);
    expect(() => throttlesOf(buildApiRoutes(withWrites(app)))).toThrow(/public write without a throttle/);
  });
});
