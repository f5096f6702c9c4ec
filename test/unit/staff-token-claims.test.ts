/**
 * The staff token verifier with a city's own OpenID issuer (what AWS China deployments
 * use): the generic claims mapping (functions/api/token-claims.ts) and the key set found
 * through the issuer's discovery document, served here on the loopback interface with a
 * real key pair. The Cognito profile's refusals are test/integration/staff-token-verifier.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBearer } from '../../functions/api/auth.js';
import { claimsMapping, staffClaimsOf } from '../../functions/api/token-claims.js';
import { claimAt } from '../../functions/shared/groups-claim.js';

describe('claims mapping', () => {
  const cognito = claimsMapping({});
  const oidc = claimsMapping({
    WOODPECKER_JWT_PROFILE: 'oidc',
    WOODPECKER_JWT_GROUPS_CLAIM: 'realm_access.roles',
  });

  it('defaults to Cognito’s profile and claim, and reads the generic one from the environment', () => {
    expect(cognito).toEqual({ profile: 'cognito', groupsClaim: 'cognito:groups' });
    expect(claimsMapping({ WOODPECKER_JWT_PROFILE: 'keycloak' }).profile).toBe('cognito');
    expect(oidc).toEqual({ profile: 'oidc', groupsClaim: 'realm_access.roles' });
  });

  it('Cognito: an access token says token_use access and names its client_id; nothing else counts', () => {
    const ok = staffClaimsOf(
      { token_use: 'access', client_id: 'web', 'cognito:groups': ['office'] },
      {},
      cognito,
    );
    expect(ok).toEqual({ isAccessToken: true, clientId: 'web', groups: ['office'], scopes: [] });
    expect(staffClaimsOf({ client_id: 'web' }, { typ: 'at+jwt' }, cognito).isAccessToken).toBe(false);
    expect(staffClaimsOf({ token_use: 'access', azp: 'web' }, {}, cognito).clientId).toBeUndefined();
  });

  it('generic: RFC 9068 (typ at+jwt, client_id) and Keycloak-style (typ Bearer, azp) access tokens', () => {
    expect(staffClaimsOf({ client_id: 'web' }, { typ: 'at+jwt' }, oidc)).toMatchObject({
      isAccessToken: true,
      clientId: 'web',
    });
    expect(
      staffClaimsOf({ typ: 'Bearer', azp: 'web', realm_access: { roles: ['inspector', 7] } }, {}, oidc),
    ).toEqual({ isAccessToken: true, clientId: 'web', groups: ['inspector'], scopes: [] });
  });

  it('generic: refuses ID tokens and tokens that do not say what they are; never takes aud as the client', () => {
    expect(staffClaimsOf({ typ: 'ID', azp: 'web' }, { typ: 'JWT' }, oidc).isAccessToken).toBe(false);
    expect(staffClaimsOf({ token_use: 'id', client_id: 'web' }, { typ: 'at+jwt' }, oidc).isAccessToken).toBe(
      false,
    );
    expect(staffClaimsOf({ azp: 'web' }, {}, oidc).isAccessToken).toBe(false);
    expect(staffClaimsOf({ typ: 'Bearer', aud: 'web' }, {}, oidc).clientId).toBeUndefined();
  });

  it('reads a literal claim name before a dotted path, and a single group given as a string', () => {
    expect(claimAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(claimAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(claimAt({ a: [1] }, 'a.0')).toBeUndefined();
    const groups = claimsMapping({ WOODPECKER_JWT_PROFILE: 'oidc', WOODPECKER_JWT_GROUPS_CLAIM: 'groups' });
    expect(staffClaimsOf({ typ: 'Bearer', groups: 'office dept:D-PSB' }, {}, groups).groups).toEqual([
      'office',
      'dept:D-PSB',
    ]);
  });
});

describe('verifier with a generic issuer found by discovery', () => {
  let server: Server;
  let issuer: string;
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  let discoveryIssuer: string;
  let discoveryHits = 0;
  const saved = { ...process.env };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey as CryptoKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'city-1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/staff/.well-known/openid-configuration') {
        discoveryHits++;
        res.end(JSON.stringify({ issuer: discoveryIssuer, jwks_uri: `${issuer}/certs` }));
      } else if (req.url === '/realms/staff/certs') res.end(JSON.stringify({ keys: [publicJwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/staff`;
    discoveryIssuer = 'https://somebody-else.example';
    delete process.env.WOODPECKER_JWKS_URL;
    delete process.env.WOODPECKER_JWT_PUBLIC_JWK;
    Object.assign(process.env, {
      WOODPECKER_JWT_ISSUER: issuer,
      WOODPECKER_JWT_DISCOVERY_URL: `${issuer}/.well-known/openid-configuration`,
      WOODPECKER_JWT_CLIENT_IDS: 'woodpecker,case-feed',
      WOODPECKER_JWT_PROFILE: 'oidc',
      WOODPECKER_JWT_GROUPS_CLAIM: 'groups',
    });
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  const now = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown>, typ = 'JWT') =>
    new SignJWT({ iss: issuer, sub: 'zhang.wei', iat: now(), exp: now() + 600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'city-1', typ })
      .sign(privateKey);

  it('answers 503 while the discovery document names another issuer, and asks again next time', async () => {
    const t = await token({ typ: 'Bearer', azp: 'woodpecker', groups: ['office'] });
    await expect(verifyBearer(`Bearer ${t}`)).rejects.toMatchObject({ code: 'unavailable' });
    discoveryIssuer = issuer;
    const who = await verifyBearer(`Bearer ${t}`);
    expect([...who.roles]).toEqual(['office']);
    expect(discoveryHits).toBe(2);
  });

  it('accepts the city’s access tokens with their groups claim, RFC 9068 or Keycloak-style', async () => {
    const dept = await verifyBearer(
      `Bearer ${await token({ client_id: 'woodpecker', groups: ['dept:D-PSB'] }, 'at+jwt')}`,
    );
    expect([...dept.departments]).toEqual(['D-PSB']);
    const feed = await verifyBearer(
      `Bearer ${await token({ typ: 'Bearer', azp: 'case-feed', scope: 'woodpecker/system' })}`,
    );
    expect([...feed.roles]).toEqual(['system']);
    expect(discoveryHits).toBe(2);
  });

  it.each([
    ['an ID token', { typ: 'ID', azp: 'woodpecker', groups: ['office'] }],
    ['a token that does not say it is an access token', { azp: 'woodpecker', groups: ['office'] }],
    ['another client of the same issuer', { typ: 'Bearer', azp: 'someone-else', groups: ['office'] }],
    ['only an audience naming our client', { typ: 'Bearer', aud: 'woodpecker', groups: ['office'] }],
  ])('refuses %s (401)', async (_, claims) => {
    await expect(verifyBearer(`Bearer ${await token(claims)}`)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
