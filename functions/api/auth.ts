/**
 * Staff authentication: a bearer JWT whose `cognito:groups` claim says who the caller
 * is. In AWS the key set is Cognito's JWKS (`WOODPECKER_JWKS_URL`); locally it is the
 * local issuer's public key (`WOODPECKER_JWT_PUBLIC_JWK`). The same code verifies both.
 *
 * A valid signature is not enough: the token must come from our issuer
 * (`WOODPECKER_JWT_ISSUER`), be an access token (`token_use: access`, as Cognito marks
 * them; an ID token is for the client that asked for it, not for this API) of one of
 * our app clients (`client_id` in `WOODPECKER_JWT_CLIENT_IDS`, comma-separated; Cognito
 * access tokens carry `client_id`, not `aud`), and carry an expiry. Without an issuer
 * and client ids the server accepts no token at all (fails closed). These are the
 * checks aws-jwt-verify's Cognito verifier makes; they are written out over jose
 * because staff sign-in is moving to generic OIDC issuers, which that verifier does
 * not cover, and jose is already what verifies the local issuer.
 *
 * A city's own issuer (AWS China has no user pools) is configured with
 * `WOODPECKER_JWT_DISCOVERY_URL` (its OpenID discovery document, read once for the
 * `jwks_uri`, its `issuer` checked against ours), `WOODPECKER_JWT_PROFILE=oidc` and
 * `WOODPECKER_JWT_GROUPS_CLAIM`: how such tokens say what they are is token-claims.ts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { hasRole, type Principal, principalFromGroups, type Role } from '../domain/identity.js';
import { logger } from '../shared/powertools.js';
import { ApiError } from './errors.js';
import { claimsMapping, staffClaimsOf } from './token-claims.js';

/** The resource-server scope of the machine client for upstream case feeds. */
export const SYSTEM_SCOPE = 'woodpecker/system';

let keySet: JWTVerifyGetKey | undefined;
let keySetSource: string | undefined;
let warnedUnconfigured = false;

const notConfigured = (what: string): ApiError => {
  if (!warnedUnconfigured) {
    warnedUnconfigured = true;
    logger.error('staff sign-in is not configured: every staff token is refused', { missing: what });
  }
  return new ApiError('unauthenticated', 'Staff sign-in is not configured on this server.');
};

async function resolveKeySet(issuer: string): Promise<JWTVerifyGetKey> {
  const url = process.env.WOODPECKER_JWKS_URL;
  const local = process.env.WOODPECKER_JWT_PUBLIC_JWK;
  const discovery = process.env.WOODPECKER_JWT_DISCOVERY_URL?.trim();
  const source = url ?? local ?? (discovery ? `discovery:${discovery}` : '');
  if (keySet && keySetSource === source) return keySet;
  if (url) keySet = createRemoteJWKSet(new URL(url));
  else if (local) keySet = createLocalJWKSet({ keys: [JSON.parse(local) as JWK] });
  else if (discovery) keySet = createRemoteJWKSet(await discoveredJwksUri(discovery, issuer));
  else throw notConfigured('WOODPECKER_JWKS_URL');
  keySetSource = source;
  return keySet;
}

/** How long the discovery document may take before a staff request is answered 503. */
const DISCOVERY_TIMEOUT_MS = 5000;

/**
 * The issuer's key set address from its discovery document. The document must be the
 * configured issuer's own (its `issuer` equal to ours, as OpenID Connect Discovery §4.3
 * requires); an unreachable or wrong document is a 503 and is asked again next time.
 */
async function discoveredJwksUri(discoveryUrl: string, issuer: string): Promise<URL> {
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const res = await fetch(discoveryUrl, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    doc = (await res.json()) as typeof doc;
  } catch (err) {
    logger.error('staff token issuer discovery failed', { discoveryUrl, error: String(err) });
    throw new ApiError('unavailable', 'The staff identity provider cannot be reached; try again shortly.');
  }
  if (doc.issuer !== issuer || typeof doc.jwks_uri !== 'string' || !URL.canParse(doc.jwks_uri)) {
    logger.error('staff token issuer discovery does not match', { discoveryUrl, issuer: String(doc.issuer) });
    throw new ApiError('unavailable', 'The staff identity provider is misconfigured on this server.');
  }
  return new URL(doc.jwks_uri);
}

/** What a staff token must say, from the environment; throws (401) when any part is missing. */
export interface TokenPolicy {
  issuer: string;
  clientIds: readonly string[];
}

export function tokenPolicy(env: NodeJS.ProcessEnv = process.env): TokenPolicy {
  const issuer = env.WOODPECKER_JWT_ISSUER?.trim();
  if (!issuer) throw notConfigured('WOODPECKER_JWT_ISSUER');
  const clientIds = (env.WOODPECKER_JWT_CLIENT_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (!clientIds.length) throw notConfigured('WOODPECKER_JWT_CLIENT_IDS');
  return { issuer, clientIds };
}

const invalid = () => new ApiError('unauthenticated', 'The staff token is not valid.');

/** Verify a bearer token; any failure is a 401, never a 5xx. */
export async function verifyBearer(header: string | undefined): Promise<Principal> {
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i);
  if (!match?.[1])
    throw new ApiError('unauthenticated', 'A staff token is required: Authorization: Bearer <token>.');
  try {
    const policy = tokenPolicy();
    const { payload, protectedHeader } = await jwtVerify(match[1], await resolveKeySet(policy.issuer), {
      issuer: policy.issuer,
      algorithms: ['ES256', 'RS256'],
      requiredClaims: ['exp', 'sub'],
    });
    const claims = staffClaimsOf(payload, protectedHeader as Record<string, unknown>, claimsMapping());
    if (!claims.isAccessToken) throw invalid();
    if (!claims.clientId || !policy.clientIds.includes(claims.clientId)) throw invalid();
    const list = [...claims.groups];
    // Upstream feeds sign in with the client-credentials flow: such machine tokens
    // carry no groups, only the resource server scope `woodpecker/system`.
    if (claims.scopes.includes(SYSTEM_SCOPE)) list.push('system');
    return principalFromGroups(String(payload.sub), list);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new ApiError(
      'unauthenticated',
      expired ? 'The staff token has expired.' : 'The staff token is not valid.',
    );
  }
}

export type AuthEnv = { Variables: { principal: Principal } };

/**
 * Authenticate, then authorise by role (401 before 403, as the contract orders them).
 * Department-level checks happen in the route, once the target is known.
 */
export function requireStaff(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = await verifyBearer(c.req.header('authorization'));
    if (roles.length && !hasRole(principal, ...roles)) {
      throw new ApiError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
    }
    c.set('principal', principal);
    await next();
  };
}

export function principalOf(c: Context<AuthEnv>): Principal {
  return c.get('principal');
}
