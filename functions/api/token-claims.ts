/**
 * How a verified staff access token says what it is, whose client it belongs to and which
 * groups its holder is in. Cognito (the global deployment's user pool, and the local
 * issuer that mimics it) writes `token_use: access`, `client_id` and `cognito:groups`.
 * A city's own OpenID issuer — what AWS China deployments use, having no user pools —
 * writes access tokens the generic way: RFC 9068 (`typ: at+jwt` header, `client_id`),
 * or as Keycloak-style issuers do (`typ: Bearer` claim, `azp`), with the groups under a
 * claim the city names (`groups`, or a nested one such as `realm_access.roles`).
 *
 * The profile and claim come from the environment (`WOODPECKER_JWT_PROFILE`: `cognito`
 * default, or `oidc`; `WOODPECKER_JWT_GROUPS_CLAIM`), which the API stack sets from the
 * partition's configuration. Pure: the signature, issuer and expiry are checked before.
 */
import { groupsOfClaims } from '../shared/groups-claim.js';

export type TokenProfile = 'cognito' | 'oidc';

export interface ClaimsMapping {
  profile: TokenProfile;
  /** Claim name of the groups list; a dotted name reaches into nested objects when no claim has it literally. */
  groupsClaim: string;
}

export const COGNITO_GROUPS_CLAIM = 'cognito:groups';

/** The mapping from the environment; an unknown profile is Cognito's (the strictest reading). */
export function claimsMapping(env: NodeJS.ProcessEnv = process.env): ClaimsMapping {
  const profile: TokenProfile = env.WOODPECKER_JWT_PROFILE?.trim() === 'oidc' ? 'oidc' : 'cognito';
  const groupsClaim = env.WOODPECKER_JWT_GROUPS_CLAIM?.trim() || COGNITO_GROUPS_CLAIM;
  return { profile, groupsClaim };
}

/** What the verifier needs from a token whose signature, issuer and expiry were good. */
export interface StaffClaims {
  /** The token is an access token (not an ID token, which is for the client that asked for it). */
  isAccessToken: boolean;
  /** The app client it was issued to, when it says. */
  clientId?: string;
  groups: string[];
  scopes: string[];
}

type Claims = Record<string, unknown>;

const stringOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An access token by what it says of itself: Cognito's claim, RFC 9068's header, Keycloak's claim. */
function saysAccess(payload: Claims, header: Claims, profile: TokenProfile): boolean {
  if (payload.token_use !== undefined) return payload.token_use === 'access';
  if (profile === 'cognito') return false;
  const typ = stringOf(header.typ)?.toLowerCase();
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return true;
  return stringOf(payload.typ)?.toLowerCase() === 'bearer';
}

/**
 * Read a verified token by the mapping. Cognito's profile takes `client_id` only (its
 * access tokens have no `aud`); the generic one `client_id`, else `azp` (the party the
 * token was issued to in OpenID Connect), never `aud` alone — an audience names who may
 * receive a token, not whose client asked for it.
 */
export function staffClaimsOf(payload: Claims, header: Claims, mapping: ClaimsMapping): StaffClaims {
  const clientId =
    mapping.profile === 'cognito'
      ? stringOf(payload.client_id)
      : (stringOf(payload.client_id) ?? stringOf(payload.azp));
  const scope = stringOf(payload.scope);
  return {
    isAccessToken: saysAccess(payload, header, mapping.profile),
    ...(clientId ? { clientId } : {}),
    groups: groupsOfClaims(payload, mapping.groupsClaim),
    scopes: scope ? scope.split(' ').filter(Boolean) : [],
  };
}
