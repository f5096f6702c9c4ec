import { describe, expect, it } from 'vitest';
import { groupsIn } from '../../functions/shared/groups-claim.js';
import { readOidcConfig } from '../../functions/shared/oidc-config.js';

describe('staff sign-in configuration (WOODPECKER_OIDC_*)', () => {
  it('needs an issuer URL and a client id; defaults to Cognito’s groups claim and a public client', () => {
    expect(readOidcConfig({})).toBeUndefined();
    expect(readOidcConfig({ WOODPECKER_OIDC_ISSUER: 'https://id.example' })).toBeUndefined();
    expect(
      readOidcConfig({ WOODPECKER_OIDC_ISSUER: 'not a url', WOODPECKER_OIDC_CLIENT_ID: 'c' }),
    ).toBeUndefined();
    expect(
      readOidcConfig({ WOODPECKER_OIDC_ISSUER: 'https://id.example', WOODPECKER_OIDC_CLIENT_ID: 'c' }),
    ).toEqual({
      issuer: 'https://id.example',
      clientId: 'c',
      clientAuth: 'client_secret_basic',
      groupsClaim: 'cognito:groups',
      scopes: 'openid email profile',
    });
  });

  it('reads a secret (directly, or its Secrets Manager ARN), the claim, scopes, logout URL and client auth', () => {
    const base = { WOODPECKER_OIDC_ISSUER: 'https://id.example/realms/x', WOODPECKER_OIDC_CLIENT_ID: 'c' };
    expect(
      readOidcConfig({
        ...base,
        WOODPECKER_OIDC_CLIENT_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:example',
        WOODPECKER_OIDC_GROUPS_CLAIM: 'groups',
        WOODPECKER_OIDC_SCOPES: 'openid',
        WOODPECKER_OIDC_LOGOUT_URL: 'https://auth.example/logout',
        WOODPECKER_OIDC_CLIENT_AUTH: 'client_secret_post',
      }),
    ).toMatchObject({
      clientSecret: { arn: 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:example' },
      groupsClaim: 'groups',
      scopes: 'openid',
      logoutUrl: 'https://auth.example/logout',
      clientAuth: 'client_secret_post',
    });
    expect(readOidcConfig({ ...base, WOODPECKER_OIDC_CLIENT_SECRET: 's3' })?.clientSecret).toEqual({
      value: 's3',
    });
    expect(readOidcConfig({ ...base, WOODPECKER_OIDC_CLIENT_AUTH: 'none' })?.clientAuth).toBe(
      'client_secret_basic',
    );
    expect(
      readOidcConfig({ ...base, WOODPECKER_OIDC_LOGOUT_URL: 'javascript:x' })?.logoutUrl,
    ).toBeUndefined();
  });

  it('reads the groups claim as a list of names or one separated string', () => {
    expect(groupsIn(['office', 'dept:market', 3, ''])).toEqual(['office', 'dept:market']);
    expect(groupsIn('office dept:market,inspector')).toEqual(['office', 'dept:market', 'inspector']);
    expect(groupsIn(undefined)).toEqual([]);
    expect(groupsIn({ office: true })).toEqual([]);
  });
});
