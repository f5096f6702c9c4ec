/**
 * Who is signed in to the pages, and the cookies the site sets. A staff member's
 * cookie holds only a random session id; the session itself lives in the table
 * (functions/store/sessions.ts), so signing out ends it for every copy of the cookie.
 * Starting a session takes an identity — subject, groups, provider — whichever provider
 * vouched for it: the OIDC callback (web/oidc/routes.tsx), or a test's staff token.
 *
 * Cookies are `Secure` wherever the site is served over HTTPS; the session cookie is
 * then `__Host-wp_session` (Secure, Path=/, no Domain: no subdomain can set or read it).
 * Only a site on plain http://localhost (npm start, tests) gets plain names without
 * `Secure`, because browsers would drop Secure cookies there.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { verifyBearer } from '../functions/api/auth.js';
import { type Principal, principalFromGroups } from '../functions/domain/identity.js';
import { platform } from '../functions/platform.js';
import { readConfig } from '../functions/shared/config.js';
import type { StaffSession } from '../functions/store/sessions.js';
import { keepFresh } from './oidc/refresh.js';

/** How long a sign-in lasts at most (a working day). */
export const SESSION_SECONDS = 8 * 3600;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The site's own origin (`WOODPECKER_PUBLIC_URL`), or undefined when that is not a URL. */
export function siteOrigin(): URL | undefined {
  try {
    const url = new URL(readConfig().publicBaseUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? new URL(url.origin) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origins form posts may come from: the site's own; for a site on a loopback host
 * also the same port under the other loopback names (localhost and 127.0.0.1 are one
 * machine to the developer, two origins to the browser).
 */
export function allowedOrigins(): string[] {
  const site = siteOrigin();
  if (!site) return [];
  if (!LOOPBACK.has(site.hostname)) return [site.origin];
  const port = site.port ? `:${site.port}` : '';
  return [...LOOPBACK].map((host) => `${site.protocol}//${host}${port}`);
}

/** Plain HTTP on a loopback host, the one case where cookies cannot be `Secure`. */
export function plainLocalHttp(c: Context): boolean {
  const site = siteOrigin();
  const here = new URL(c.req.url);
  return site?.protocol === 'http:' && LOOPBACK.has(site.hostname) && here.protocol === 'http:';
}

/** Attributes of every cookie the site sets: whole site, SameSite=Lax, Secure over HTTPS. */
export function cookieOptions(c: Context, extra: CookieOptions = {}): CookieOptions {
  return { path: '/', sameSite: 'Lax', secure: !plainLocalHttp(c), ...extra };
}

/** `__Host-wp_session` over HTTPS, `wp_session` on http://localhost. */
export function sessionCookieName(c: Context): string {
  return plainLocalHttp(c) ? 'wp_session' : '__Host-wp_session';
}

/** Who a provider vouched for, as a session stores it. */
export interface StaffIdentity {
  subject: string;
  groups: string[];
  provider: string;
  /** When the session ends; at most SESSION_SECONDS from now (the default). */
  expiresAt?: Date;
  tokens?: StaffSession['tokens'];
}

/** Store a session for `identity` (no cookie): its id and when it ends. */
export async function openSession(identity: StaffIdentity): Promise<{ id: string; expiresAt: Date }> {
  const p = platform();
  const now = p.clock.now();
  const cap = now.getTime() + SESSION_SECONDS * 1000;
  const expiresAt = new Date(Math.min(identity.expiresAt?.getTime() ?? cap, cap));
  const id = await p.sessions.createSession({
    subject: identity.subject,
    groups: identity.groups,
    provider: identity.provider,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...(identity.tokens ? { tokens: identity.tokens } : {}),
  });
  return { id, expiresAt };
}

/** The groups a principal was made from (the inverse of `principalFromGroups`). */
function groupsOf(p: Principal): string[] {
  return [...[...p.roles].filter((r) => r !== 'department'), ...[...p.departments].map((d) => `dept:${d}`)];
}

/**
 * The identity in a staff token, verified like any bearer token (signature, issuer,
 * expiry); the token is kept with the session as the provider's. The session lasts
 * its own SESSION_SECONDS, as sessions do beside short-lived provider tokens. Throws
 * the 401 ApiError of `verifyBearer` for a token that does not verify.
 */
export async function identityFromToken(token: string, provider: string): Promise<StaffIdentity> {
  const who = await verifyBearer(`Bearer ${token}`);
  return { subject: who.subject, groups: groupsOf(who), provider, tokens: { accessToken: token } };
}

const signedIn = new WeakMap<Request, Promise<Principal | undefined>>();

/** Sign in: store a session and give the browser its cookie (ending the one it held, if any). */
export async function startSession(c: Context, identity: StaffIdentity): Promise<void> {
  const previous = getCookie(c, sessionCookieName(c));
  if (previous) await platform().sessions.deleteSession(previous);
  const { id, expiresAt } = await openSession(identity);
  const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - platform().clock.now().getTime()) / 1000));
  setCookie(c, sessionCookieName(c), id, cookieOptions(c, { httpOnly: true, maxAge }));
  signedIn.set(c.req.raw, Promise.resolve(principalFromGroups(identity.subject, identity.groups)));
}

/** Sign out: delete the session (every copy of the cookie stops working) and the cookie. */
export async function endSession(c: Context): Promise<void> {
  const id = getCookie(c, sessionCookieName(c));
  if (id) await platform().sessions.deleteSession(id);
  deleteCookie(c, sessionCookieName(c), cookieOptions(c, { httpOnly: true }));
  signedIn.set(c.req.raw, Promise.resolve(undefined));
}

/**
 * The live session of a cookie, its provider tokens refreshed when near expiry
 * (web/oidc/refresh.ts); a session whose refresh failed is ended here, cookie and all.
 */
async function liveSession(c: Context, id: string): Promise<StaffSession | undefined> {
  const p = platform();
  const now = p.clock.now();
  const session = await p.sessions.readSession(id, now);
  if (!session) return undefined;
  const fresh = await keepFresh(session, now, {
    update: (update) => p.sessions.updateSession(id, update),
    reread: () => p.sessions.readSession(id, now),
  });
  if (!fresh) {
    await p.sessions.deleteSession(id);
    deleteCookie(c, sessionCookieName(c), cookieOptions(c, { httpOnly: true }));
  }
  return fresh;
}

/** The signed-in staff member of this request (one strongly consistent read, remembered for the request). */
export function sessionPrincipal(c: Context): Promise<Principal | undefined> {
  let found = signedIn.get(c.req.raw);
  if (!found) {
    const id = getCookie(c, sessionCookieName(c));
    found = id
      ? liveSession(c, id).then((s) => (s ? principalFromGroups(s.subject, s.groups) : undefined))
      : Promise.resolve(undefined);
    signedIn.set(c.req.raw, found);
  }
  return found;
}
