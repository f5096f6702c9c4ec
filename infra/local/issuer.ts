/**
 * The local identity issuer: an ES256 key pair kept in the data folder signs staff
 * JWTs with the same `cognito:groups` claim Cognito would put in an access token, so
 * the API verifies local and cloud tokens with the same code.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'https://woodpecker.local/issuer';

export interface IssuerKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function loadOrCreateIssuerKeys(file: string): Promise<IssuerKeys> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IssuerKeys;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const keys: IssuerKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

export type TokenRole = 'office' | 'inspector' | 'system' | 'department';

export function groupsFor(role: TokenRole, departmentId?: string): string[] {
  if (role === 'department') {
    if (!departmentId) throw new Error('A department token needs --dept <id>.');
    return [`dept:${departmentId}`];
  }
  return [role];
}

export async function signStaffToken(
  keys: IssuerKeys,
  options: { subject: string; groups: string[]; expiresInSeconds?: number; name?: string },
): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  return new SignJWT({
    'cognito:groups': options.groups,
    token_use: 'access',
    ...(options.name ? { name: options.name } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 8 * 3600))
    .sign(key);
}
