/** Where a signed-out visitor is sent to sign in (web/oidc/routes.tsx serves it). */

/** `/staff/sign-in`, going on to `next` (a path on this site) once signed in. */
export function signInHref(next = '/staff'): string {
  return `/staff/sign-in?next=${encodeURIComponent(next)}`;
}
