/**
 * The local identity issuer: an ES256 key pair kept in the data folder signs staff
 * JWTs shaped like Cognito access tokens (`iss`, `client_id`, `token_use: access`,
 * `exp`, the `cognito:groups` claim), so the API verifies local and cloud tokens with
 * the same code and the same checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { writePrivateFile } from './paths.js';

export const LOCAL_ISSUER = 'https://woodpecker.local/issuer';
/** The local stand-ins for the user pool's app clients: staff web sign-in and the machine client. */
export const LOCAL_STAFF_CLIENT_ID = 'woodpecker-local-staff';
export const LOCAL_MACHINE_CLIENT_ID = 'woodpecker-local-system';

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
  writePrivateFile(file, JSON.stringify(keys, null, 2));
  return keys;
}

/**
 * The environment the API's verifier needs to accept this issuer's tokens (and only
 * those): its public key, issuer and client ids, as the stack sets them in AWS.
 */
export function localVerifierEnv(keys: IssuerKeys): Record<string, string> {
  return {
    WOODPECKER_JWT_PUBLIC_JWK: JSON.stringify(keys.publicJwk),
    WOODPECKER_JWT_ISSUER: LOCAL_ISSUER,
    WOODPECKER_JWT_CLIENT_IDS: [LOCAL_STAFF_CLIENT_ID, LOCAL_MACHINE_CLIENT_ID].join(','),
  };
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
  options: {
    subject: string;
    groups: string[];
    expiresInSeconds?: number;
    name?: string;
    /** Defaults to the local staff client. */
    clientId?: string;
    /** Where the groups go: Cognito's `cognito:groups` unless a city's issuer names another. */
    groupsClaim?: string;
  },
): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  return new SignJWT({
    [options.groupsClaim ?? 'cognito:groups']: options.groups,
    token_use: 'access',
    client_id: options.clientId ?? LOCAL_STAFF_CLIENT_ID,
    ...(options.name ? { name: options.name } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 8 * 3600))
    .sign(key);
}
