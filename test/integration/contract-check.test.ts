/**
 * The e2e tier's contract check works: the recorder reports answers that depart from the
 * OpenAPI document (unknown route, undocumented status or media type, a body off its schema)
 * and passes those that match, and the test server records the answers both of HTTP
 * requests and of `call`, so `assertNoDepartures` — what fails an e2e file — fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractRecorder } from '../support/contract-check.js';
import {
  assertNoDepartures,
  contractRecorder,
  enforceContract,
  startTestServer,
  type TestServer,
} from '../support/test-server.js';

const json = 'application/json; charset=UTF-8';

describe('the contract recorder', () => {
  it('reports a body that departs from its schema, with method, path, status and the Ajv error', async () => {
    const r = new ContractRecorder();
    r.add('GET', '/api/v1/departments', 200, json, { departments: 'none' });
    const [found, ...rest] = await r.take();
    expect(rest).toEqual([]);
    expect(found).toMatch(/^GET \/api\/v1\/departments → 200: GET \/api\/v1\/departments 200: /);
    expect(found).toMatch(/must/);
    expect(await r.take()).toEqual([]);
  });

  it('reports unknown routes, undocumented statuses and media types', async () => {
    const r = new ContractRecorder();
    r.add('GET', '/api/v1/nothing-here', 404, json, { error: { code: 'not_found', message: 'x' } });
    r.add('GET', '/api/v1/departments', 418, json, {});
    r.add('GET', '/api/v1/departments', 200, 'text/plain', 'hello');
    const found = await r.take();
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('no documented operation');
    expect(found[1]).toContain('status 418 is not documented');
    expect(found[2]).toContain('text/plain is not documented');
  });

  it('passes an answer the document describes', async () => {
    const r = new ContractRecorder();
    r.add('GET', '/api/v1/services/NOPE', 404, json, {
      error: { code: 'not_found', message: 'No such service' },
    });
    expect(await r.take()).toEqual([]);
  });
});

describe('the e2e test server', () => {
  let s: TestServer;
  enforceContract();
  beforeAll(async () => {
    s = await startTestServer({ now: '2026-11-20T10:00:00+08:00' });
  });
  afterAll(() => s?.stop());

  it('checks the answers of HTTP requests and of `call`, and fails on a departure', async () => {
    const before = contractRecorder.seen;
    expect((await fetch(`${s.url}/api/v1/departments`)).status).toBe(200);
    await s.call('GET', '/api/v1/services/NOPE');
    await fetch(`${s.url}/`);
    expect(contractRecorder.seen - before).toBe(2);
    await assertNoDepartures();

    const res = await fetch(`${s.url}/api/v1/no-such-route`);
    await res.text();
    await s.call('GET', '/open311/v2/nothing/here.json');
    const failure = await assertNoDepartures().then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toContain('2 API answer(s) departed from the OpenAPI document');
    expect(failure).toContain('GET /api/v1/no-such-route → 404');
    expect(failure).toContain('GET /open311/v2/nothing/here.json');
    // Taken: the file's own check, registered by enforceContract, finds nothing left.
    await assertNoDepartures();
  });
});
