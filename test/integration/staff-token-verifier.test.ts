/**
 * The in-function staff token check (functions/api/auth.ts) requires what a Cognito
 * access token of one of our app clients says, not just a good signature: our issuer,
 * `token_use: access`, a `client_id` of ours, an expiry. Every token here is signed
 * with the platform's real local key, so a 401 can only come from those checks; a
 * machine (client-credentials) token with the system scope keeps working.
 */
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE, tokenPolicy, verifyBearer } from '../../functions/api/auth.js';
import { LOCAL_ISSUER, LOCAL_MACHINE_CLIENT_ID, LOCAL_STAFF_CLIENT_ID } from '../../infra/local/issuer.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the platform's own key; `claims` replace (undefined removes) the defaults. */
async function signed(claims: Record<string, unknown>): Promise<string> {
  const defaults: JWTPayload = {
    iss: LOCAL_ISSUER,
    sub: 'verifier-test',
    client_id: LOCAL_STAFF_CLIENT_ID,
    token_use: 'access',
    'cognito:groups': ['office'],
    iat: now(),
    exp: now() + 3600,
  };
  const payload = Object.fromEntries(
    Object.entries({ ...defaults, ...claims }).filter(([, v]) => v !== undefined),
  );
  const key = await importJWK(t.keys.privateJwk, 'ES256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: t.keys.privateJwk.kid }).sign(key);
}

/** An office-only write: 201/200 when the token is accepted. */
const putDepartment = (token: string) =>
  t.call('PUT', '/api/v1/departments/verifier', { token, body: { name: '验证测试局' } });

describe('staff token verifier', () => {
  it('accepts a good access token of our staff client (the shape t.token mints)', async () => {
    expect((await putDepartment(await signed({}))).status).toBeLessThan(300);
    expect((await putDepartment(await t.token('office'))).status).toBeLessThan(300);
  });

  const refused: [string, Record<string, unknown>][] = [
    [
      'an ID token (token_use id, client in aud)',
      { token_use: 'id', client_id: undefined, aud: LOCAL_STAFF_CLIENT_ID },
    ],
    ['an ID token that also names our client_id', { token_use: 'id' }],
    ['no token_use', { token_use: undefined }],
    ['another app client of the same issuer', { client_id: 'someone-elses-app' }],
    ['an audience instead of a client_id', { client_id: undefined, aud: 'someone-elses-app' }],
    ['no client_id at all', { client_id: undefined }],
    ['a client_id that is not a string', { client_id: [LOCAL_STAFF_CLIENT_ID] }],
    ['no expiry', { exp: undefined }],
    ['an expiry in the past', { exp: now() - 60 }],
    ['another issuer', { iss: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/elsewhere' }],
    ['no issuer', { iss: undefined }],
    ['no subject', { sub: undefined }],
    ['not valid yet', { nbf: now() + 3600 }],
  ];
  it.each(refused)('refuses %s with 401', async (_, claims) => {
    const res = await putDepartment(await signed(claims));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    await expect(verifyBearer(`Bearer ${await signed(claims)}`)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('says an expired token has expired', async () => {
    const res = await putDepartment(await t.token('office', undefined, { expiresInSeconds: -60 }));
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('keeps accepting a machine client-credentials token with the system scope', async () => {
    // What Cognito issues to the upstream-system client: no groups, sub = client id.
    const machine = await signed({
      sub: LOCAL_MACHINE_CLIENT_ID,
      client_id: LOCAL_MACHINE_CLIENT_ID,
      'cognito:groups': undefined,
      scope: SYSTEM_SCOPE,
    });
    const who = await verifyBearer(`Bearer ${machine}`);
    expect([...who.roles]).toEqual(['system']);
    const batch = await t.call('POST', '/api/v1/cases:batch', { token: machine, body: { cases: [] } });
    expect(batch.status).not.toBe(401);
    expect(batch.status).not.toBe(403);
    // Authenticated, but the system role may not edit the catalogue.
    expect((await putDepartment(machine)).status).toBe(403);
    // The same scope from a client that is not ours is nobody.
    const foreign = await signed({
      client_id: 'someone-elses-app',
      'cognito:groups': undefined,
      scope: SYSTEM_SCOPE,
    });
    expect(
      (await t.call('POST', '/api/v1/cases:batch', { token: foreign, body: { cases: [] } })).status,
    ).toBe(401);
  });

  describe('without its configuration', () => {
    const saved: Record<string, string | undefined> = {};
    const names = ['WOODPECKER_JWT_ISSUER', 'WOODPECKER_JWT_CLIENT_IDS'] as const;
    beforeAll(() => {
      for (const n of names) saved[n] = process.env[n];
    });
    afterAll(() => {
      for (const n of names) process.env[n] = saved[n];
    });

    it.each(names)('refuses every token (401) when %s is missing or empty', async (name) => {
      const token = await signed({});
      try {
        for (const value of [undefined, '', '  ', ...(name === 'WOODPECKER_JWT_CLIENT_IDS' ? [' , '] : [])]) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
          const res = await putDepartment(token);
          expect(res.status).toBe(401);
          expect(res.body.error.message).toMatch(/not configured/);
        }
      } finally {
        process.env[name] = saved[name];
      }
      expect((await putDepartment(token)).status).toBeLessThan(300);
    });

    it('reads a comma-separated client list', () => {
      expect(
        tokenPolicy({ WOODPECKER_JWT_ISSUER: 'https://i.example', WOODPECKER_JWT_CLIENT_IDS: ' a, b ,,c' }),
      ).toEqual({ issuer: 'https://i.example', clientIds: ['a', 'b', 'c'] });
    });
  });
});
