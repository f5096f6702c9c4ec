/**
 * Staff sign-in in the cloud (OpenID Connect, web/oidc/): the user pool's staff client
 * returns to `<siteOrigin>/staff/callback` and signs out to `<siteOrigin>/` with the
 * code flow; the pages function gets the issuer, client and logout URL it signs in with
 * (functions/shared/oidc-config.ts), and no other function does; another issuer — a
 * city's own — replaces the pool by context, its client secret read from Secrets Manager
 * by the pages function alone.
 */
import { describe, expect, it } from 'vitest';
import { buildApp, cityContext, logicalId, resourcesOf, testSiteOrigin } from './woodpecker-app.js';

type Env = Record<string, unknown>;

function envOf(
  built: ReturnType<typeof buildApp>,
  group: keyof ReturnType<typeof buildApp>['stacks']['api']['functions'],
): Env {
  const api = built.stacks.api;
  const resources = built.template(api).toJSON().Resources;
  return resources[logicalId(api, api.functions[group].fn)].Properties.Environment?.Variables ?? {};
}

describe('with the user pool (the default)', () => {
  const built = buildApp({ context: cityContext });
  const stateful = built.template(built.stacks.stateful);

  it('the staff client returns to /staff/callback, signs out to the site and uses the code flow without a secret', () => {
    const clients = Object.values(resourcesOf(stateful, 'AWS::Cognito::UserPoolClient')).filter(
      (c) => c.Properties.ClientName === 'staff-web',
    );
    expect(clients).toHaveLength(1);
    expect(clients[0]?.Properties).toMatchObject({
      CallbackURLs: [`${testSiteOrigin}/staff/callback`],
      LogoutURLs: [`${testSiteOrigin}/`],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid']),
      GenerateSecret: false,
    });
  });

  it('the pages function signs in with the pool: its issuer, the staff client and the hosted UI’s /logout', () => {
    const env = envOf(built, 'pages');
    expect(JSON.stringify(env.WOODPECKER_OIDC_ISSUER)).toContain('https://cognito-idp.');
    expect(env.WOODPECKER_OIDC_ISSUER).toEqual(envOf(built, 'pages').WOODPECKER_JWT_ISSUER);
    expect(JSON.stringify(env.WOODPECKER_OIDC_CLIENT_ID)).toMatch(/StaffWebClient/);
    expect(JSON.stringify(env.WOODPECKER_OIDC_LOGOUT_URL)).toMatch(/\/logout"\]\]\}$/);
    expect(JSON.stringify(env.WOODPECKER_OIDC_LOGOUT_URL)).toMatch(/amazoncognito/);
    expect(env.WOODPECKER_OIDC_CLIENT_SECRET_ARN).toBeUndefined();
    expect(env.WOODPECKER_PUBLIC_URL).toBe(testSiteOrigin);
  });

  it('no other function is given the sign-in settings', () => {
    for (const group of ['public-read', 'public-write', 'staff', 'stream-aggregator', 'sweeper'] as const)
      expect(
        Object.keys(envOf(built, group)).filter((k) => k.startsWith('WOODPECKER_OIDC_')),
        group,
      ).toEqual([]);
  });
});

describe('with another issuer (a city’s unified identity platform)', () => {
  const secretArn = 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:woodpecker/oidc-client-AbCdEf';
  const built = buildApp({
    context: {
      ...cityContext,
      oidcIssuer: 'https://id.example.gov.cn/realms/staff',
      oidcClientId: 'woodpecker',
      oidcClientSecretArn: secretArn,
      oidcGroupsClaim: 'groups',
      oidcScopes: 'openid profile',
    },
  });

  it('the pages function signs in with it, reading the client secret from Secrets Manager', () => {
    expect(envOf(built, 'pages')).toMatchObject({
      WOODPECKER_OIDC_ISSUER: 'https://id.example.gov.cn/realms/staff',
      WOODPECKER_OIDC_CLIENT_ID: 'woodpecker',
      WOODPECKER_OIDC_CLIENT_SECRET_ARN: secretArn,
      WOODPECKER_OIDC_GROUPS_CLAIM: 'groups',
      WOODPECKER_OIDC_SCOPES: 'openid profile',
    });
    expect(envOf(built, 'pages').WOODPECKER_OIDC_LOGOUT_URL).toBeUndefined();
    const api = built.stacks.api;
    const readers = Object.entries(api.functions).filter(([, f]) =>
      Object.values(resourcesOf(built.template(api), 'AWS::IAM::Policy')).some(
        (p) =>
          (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === logicalId(api, f.role)) &&
          JSON.stringify(p.Properties.PolicyDocument).includes(secretArn),
      ),
    );
    expect(readers.map(([group]) => group)).toEqual(['pages']);
  });

  it('refuses an issuer without a client id', () => {
    expect(() => buildApp({ context: { ...cityContext, oidcIssuer: 'https://id.example.gov.cn' } })).toThrow(
      /oidcIssuer and oidcClientId/,
    );
  });
});
