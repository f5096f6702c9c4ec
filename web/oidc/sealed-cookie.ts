/**
 * Short-lived, signed, HttpOnly cookies for what the site must remember across a trip to
 * the provider and back: the sign-in transaction (state, nonce, PKCE verifier, where to
 * go next) until the callback, and the provider's logout address between the sign-out
 * post and the page that sends the browser there. Nothing is stored server-side for
 * them; the value is JSON with an expiry, signed with an HMAC keyed by the platform
 * secret for its purpose, so it cannot be forged, swapped for another purpose's, or kept
 * past its time. Each is read once and then deleted.
 *
 * Named `__Host-…` over HTTPS (Secure, Path=/, no Domain), plain on http://localhost,
 * like the session cookie (web/session.ts); SameSite=Lax, so the provider's top-level
 * redirect back to the callback brings it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { platform } from '../../functions/platform.js';
import { platformSecret } from '../../functions/shared/secrets.js';
import { cookieOptions, plainLocalHttp } from '../session.js';

export type SealedPurpose = 'sign-in' | 'sign-out';

const NAMES: Record<SealedPurpose, string> = { 'sign-in': 'wp_oidc', 'sign-out': 'wp_signout' };

function cookieName(c: Context, purpose: SealedPurpose): string {
  return plainLocalHttp(c) ? NAMES[purpose] : `__Host-${NAMES[purpose]}`;
}

async function mac(purpose: SealedPurpose, payload: string): Promise<Buffer> {
  const key = createHmac('sha256', await platformSecret())
    .update(`woodpecker/oidc/${purpose}`)
    .digest();
  return createHmac('sha256', key).update(payload).digest();
}

/** Set the purpose's cookie to `value` for `seconds`. */
export async function setSealed(
  c: Context,
  purpose: SealedPurpose,
  value: unknown,
  seconds: number,
): Promise<void> {
  const exp = Math.floor(platform().clock.now().getTime() / 1000) + seconds;
  const payload = Buffer.from(JSON.stringify({ exp, value })).toString('base64url');
  const sealed = `${payload}.${(await mac(purpose, payload)).toString('base64url')}`;
  setCookie(c, cookieName(c, purpose), sealed, cookieOptions(c, { httpOnly: true, maxAge: seconds }));
}

/**
 * The purpose's value if the cookie is there, signed for that purpose and not expired;
 * the cookie is deleted either way (each is used once).
 */
export async function takeSealed<T>(c: Context, purpose: SealedPurpose): Promise<T | undefined> {
  const name = cookieName(c, purpose);
  const sealed = getCookie(c, name);
  if (sealed === undefined) return undefined;
  deleteCookie(c, name, cookieOptions(c, { httpOnly: true }));
  const [payload = '', signature = ''] = sealed.split('.');
  const expected = await mac(purpose, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { exp, value } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp: number;
      value: T;
    };
    return exp * 1000 > platform().clock.now().getTime() ? value : undefined;
  } catch {
    return undefined;
  }
}
