/**
 * The OpenAPI document (`/api/v1/openapi.json`, functions/api/openapi.ts) against what
 * the platform does: every route the three Hono groups serve is in it with a unique
 * operationId and the roles the authorisation matrix proves; request bodies are zod's
 * JSON Schema of the very schemas the routes validate with; Redocly's recommended rules
 * and @readme/openapi-parser find nothing; and every route's live answers, for every
 * kind of caller of the proof world, have a documented status and match its schema.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  inputJsonSchema,
  methodAndPath,
  openApiDocument,
  openApiRouteDocs,
} from '../../functions/api/openapi.js';
import { departmentBody } from '../../functions/api/routes/catalogue-schemas.js';
import { submitBody } from '../../functions/api/routes/critiques-schemas.js';
import { ratingBodySchema } from '../../functions/usecases/ratings/schemas.js';
import { createContractChecker, esc, operations } from '../support/contract-check.js';
import { buildWorld, IDENTITIES, rawCall, type World } from '../support/proof-world.js';
import { apiRoutes, expectationOf, ROUTE_TABLE, requestOf } from '../support/route-catalogue.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const doc = openApiDocument();
const docs = openApiRouteDocs();
const routes = apiRoutes();

describe('the document covers the API', () => {
  it('documents every route of the three groups, and nothing else', () => {
    const documented = new Set(docs.map((d) => d.route));
    expect(routes.length).toBeGreaterThan(75);
    expect(
      routes.filter((r) => !documented.has(r.key)).map((r) => r.key),
      'routes missing from the document',
    ).toEqual([]);
    const served = new Set(routes.map((r) => r.key));
    expect(
      docs.filter((d) => !served.has(d.route)).map((d) => d.route),
      'documented routes no app serves',
    ).toEqual([]);
  });

  it('puts each route in the document under its method and path, with one operationId each', () => {
    for (const d of docs) {
      const { method, path } = methodAndPath(d);
      expect(doc.paths[path]?.[method]?.operationId, `${d.route} → ${method} ${path}`).toBe(d.operationId);
    }
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(docs.length);
  });

  it('states the roles the authorisation matrix proves, and no staff token on public routes', () => {
    const wrong: string[] = [];
    for (const d of docs) {
      const spec = ROUTE_TABLE[d.route];
      if (!spec) continue;
      const { method, path } = methodAndPath(d);
      const security = doc.paths[path]![method]!.security;
      if (spec.who === 'public') {
        if (security.some((s) => 'staffJwt' in s)) wrong.push(`${d.route}: public, documented for staff`);
      } else {
        const roles = security.find((s) => 'staffJwt' in s)?.staffJwt ?? [];
        if ([...roles].sort().join() !== [...spec.who].sort().join())
          wrong.push(`${d.route}: documents ${roles.join('/')}, allows ${spec.who.join('/')}`);
        const errors = Object.keys(doc.paths[path]![method]!.responses);
        if (!errors.includes('401') || !errors.includes('403')) wrong.push(`${d.route}: no 401/403`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('serves the document it builds', async () => {
    const { publicReadApp } = await import('../../functions/api/public-read-app.js');
    const res = await publicReadApp.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe('inputs are the schemas the routes validate with', () => {
  const body = (path: string, method: string) =>
    doc.paths[path]![method]!.requestBody!.content['application/json']!.schema;

  it('gives zod’s JSON Schema of each body schema (samples)', () => {
    const json = (s: z.ZodMiniType) => {
      const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >;
      return rest;
    };
    expect(body('/api/v1/departments/{id}', 'put')).toEqual(json(departmentBody));
    expect(body('/api/v1/critiques', 'post')).toEqual(json(submitBody));
    // The ratings route reads `z.unknown()` and the use case parses with ratingBodySchema.
    expect(body('/api/v1/ratings', 'post')).toEqual(json(ratingBodySchema));
    expect(body('/api/v1/departments/{id}', 'put')).toMatchObject({
      additionalProperties: false,
      required: ['name'],
    });
    for (const d of docs.filter((d) => d.body)) {
      const { method, path } = methodAndPath(d);
      expect(body(path, method), d.route).toEqual(inputJsonSchema(d.body!));
    }
  });

  it('documents the query parameters queryOf checks', () => {
    const params = doc.paths['/api/v1/staff/supervision/orders']!.get!.parameters!;
    expect(params.map((p) => p.name)).toEqual(['status', 'departmentId', 'limit', 'cursor']);
    expect(params.find((p) => p.name === 'limit')!.schema).toEqual({
      type: 'string',
      pattern: '^([1-9]\\d?|100)$',
    });
    const ranking = doc.paths['/api/v1/rankings']!.get!.parameters!;
    expect(ranking.filter((p) => p.required).map((p) => p.name)).toEqual(['scope', 'period']);
  });

  it('has examples the real validators accept', () => {
    const refused = docs
      .filter((d) => d.body && d.bodyExample !== undefined && !z.safeParse(d.body, d.bodyExample).success)
      .map((d) => d.route);
    expect(refused).toEqual([]);
    expect(docs.filter((d) => d.body && d.bodyExample !== undefined).length).toBeGreaterThan(20);
  });
});

describe('the document passes the OpenAPI tools', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'woodpecker-openapi-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('@readme/openapi-parser validates it without errors or warnings', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('Redocly lint (recommended rules, redocly.yaml) reports no error and no warning', async () => {
    const { stdout } = await promisify(execFile)(
      join(process.cwd(), 'node_modules', '.bin', 'redocly'),
      ['lint', file, '--config', join(process.cwd(), 'redocly.yaml'), '--format=json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});

describe('live answers match the documented responses', () => {
  let t: TestPlatform;
  let w: World;
  const { ajv, departures } = createContractChecker(doc);

  beforeAll(async () => {
    t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
    w = await buildWorld(t);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('takes the matrix’s valid bodies as the documented schemas say', () => {
    const problems: string[] = [];
    for (const d of docs) {
      const spec = ROUTE_TABLE[d.route];
      if (!d.body || !spec?.body) continue;
      const { method, path } = methodAndPath(d);
      const check = ajv.getSchema(
        `openapi#/paths/${esc(path)}/${method}/requestBody/content/application~1json/schema`,
      );
      if (!check?.(spec.body(w))) problems.push(`${d.route}: ${ajv.errorsText(check?.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('every route, for every kind of caller of the proof world', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const ref of routes) {
      const spec = ROUTE_TABLE[ref.key]!;
      // Refused callers first (as the matrix does), then those allowed, who may change state.
      const order = [...IDENTITIES].sort(
        (a, b) =>
          Number(expectationOf(spec, a).kind === 'allowed') -
          Number(expectationOf(spec, b).kind === 'allowed'),
      );
      for (const identity of order) {
        const req = requestOf(ref, spec, w);
        const token = w.tokens[identity];
        const res = await rawCall(t, req.method, req.url, {
          ...(req.body === undefined ? {} : { body: req.body }),
          headers: req.headers,
          ...(token ? { token } : {}),
        });
        checked++;
        for (const problem of departures({
          method: req.method,
          url: req.url,
          status: res.status,
          contentType: res.headers.get('content-type') ?? '',
          body: res.body,
        }))
          problems.push(`${identity}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length * 5);
  }, 240_000);

  it('is rendered at /docs/api by Scalar from this site, linked from every page’s footer', async () => {
    const page = await rawCall(t, 'GET', '/docs/api');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain('<script src="/docs/api/scalar.js">');
    expect(page.text).toContain('href="/api/v1/openapi.json"');
    expect(page.text).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
    const script = await rawCall(t, 'GET', '/docs/api/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text.length).toBeGreaterThan(100_000);
    const mount = /createApiReference\("#api-reference-app", (\{.*\})\);\s*$/.exec(script.text);
    expect(JSON.parse(mount![1]!)).toMatchObject({
      url: '/api/v1/openapi.json',
      withDefaultFonts: false,
      telemetry: false,
    });
    expect(page.text).toContain('id="api-reference-app"');
    const home = await rawCall(t, 'GET', '/');
    expect(home.text).toContain('href="/docs/api"');
  });

  it('CSV answers, Open311 resources and the contract’s errors', async () => {
    const office = w.tokens.office;
    const calls: [string, string, Record<string, string>?, string?][] = [
      ['GET', '/api/v1/services?format=csv'],
      ['GET', '/api/v1/services?limit=0'],
      ['GET', '/api/v1/services/FOOD/curves?from=2026-13'],
      ['GET', '/api/v1/services/NOPE'],
      ['GET', '/api/v1/city/curves'],
      ['GET', '/api/v1/departments'],
      ['GET', '/api/v1/services/FOOD'],
      ['GET', '/api/v1/critiques/stats'],
      ['GET', '/open311/v2/services.json'],
      ['GET', '/open311/v2/requests.json?page_size=2'],
      ['GET', '/open311/v2/requests.json?status=nope'],
      ['GET', '/open311/v2/services/nope.json'],
      [
        'PUT',
        '/api/v1/departments/market',
        { 'content-type': 'application/json', authorization: `Bearer ${office}` },
        '{"name":""}',
      ],
      [
        'POST',
        '/api/v1/cases:batch',
        { 'content-type': 'application/json', authorization: `Bearer ${office}` },
        '{',
      ],
    ];
    const problems: string[] = [];
    for (const [method, url, headers, body] of calls) {
      const res = await rawCall(t, method, url, {
        headers: headers ?? {},
        ...(body === undefined ? {} : { body }),
      });
      problems.push(
        ...departures({
          method,
          url,
          status: res.status,
          contentType: res.headers.get('content-type') ?? '',
          body: res.body,
        }),
      );
    }
    expect(problems).toEqual([]);
  });
});
