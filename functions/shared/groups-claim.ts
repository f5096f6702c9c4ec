/**
 * Reading a staff member's groups out of a token's claims, once for both readers: the
 * pages' sign-in (the ID token, web/oidc/relying-party.ts) and the staff API's verifier
 * (the access token, functions/api/token-claims.ts). Issuers differ in where and how they
 * put groups: Cognito's `cognito:groups` array, a `groups` claim, Keycloak's nested
 * `realm_access.roles`, or one space- or comma-separated string.
 */

type Claims = Record<string, unknown>;

/** A claim by name, or by dotted path into nested objects when no claim has the literal name. */
export function claimAt(claims: Claims, name: string): unknown {
  if (name in claims) return claims[name];
  let at: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Claims)[part];
  }
  return at;
}

/** The groups claim as a list: an array of names, or one space- or comma-separated string. */
export function groupsIn(value: unknown): string[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return names.filter((g): g is string => typeof g === 'string' && g.length > 0 && g.length <= 200);
}

/** The groups under `claimName` (literal or dotted) of a token's claims. */
export const groupsOfClaims = (claims: Claims, claimName: string): string[] =>
  groupsIn(claimAt(claims, claimName));
