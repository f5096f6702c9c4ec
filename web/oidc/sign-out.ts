/**
 * Signing out (`POST /staff/sign-out`, mounted with the site): the session ends here,
 * and one the configured OpenID provider started ends there too. A form post may only
 * redirect to this site (CSP `form-action 'self'`), so the post goes on to
 * `/staff/signed-out` (web/oidc/routes.tsx), which sends the browser to the provider.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { platform } from '../../functions/platform.js';
import { readOidcConfig } from '../../functions/shared/oidc-config.js';
import type { Lang } from '../i18n.js';
import { langOfRequest } from '../render.js';
import { allowedOrigins, endSession, sessionCookieName, siteOrigin } from '../session.js';
import { providerLogoutUrl } from './relying-party.js';
import { setSealed } from './sealed-cookie.js';

/**
 * The site origin this request's browser is on: the request's own when it is one of
 * the site's origins (a loopback alias locally), else the configured one (in AWS the
 * function sees API Gateway's host, not the site's).
 */
export function originOf(c: Context): string | undefined {
  const here = new URL(c.req.url).origin;
  return allowedOrigins().includes(here) ? here : siteOrigin()?.origin;
}

/** The page's language as the provider's pages read it (`ui_locales`, most preferred first). */
export function uiLocalesOf(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN zh en' : 'en';
}

/**
 * `POST /staff/sign-out`: the session ends here (every copy of its cookie stops working);
 * one the configured provider started ends there too, by way of `/staff/signed-out`.
 */
export async function signOut(c: Context): Promise<Response> {
  const p = platform();
  const id = getCookie(c, sessionCookieName(c));
  const session = id ? await p.sessions.readSession(id, p.clock.now()) : undefined;
  await endSession(c);
  const config = readOidcConfig();
  const origin = originOf(c);
  if (!session || !config || !origin || session.provider !== config.issuer) return c.redirect('/', 303);
  const where = { returnTo: `${origin}/`, uiLocales: uiLocalesOf(langOfRequest(c)) };
  let logoutUrl = await providerLogoutUrl(config, { ...where, idToken: session.tokens?.idToken });
  // A cookie holds about 4 KB: a very large ID token is left out (the hint is optional).
  if (logoutUrl && logoutUrl.length > 2500) logoutUrl = await providerLogoutUrl(config, where);
  if (!logoutUrl) return c.redirect('/', 303);
  await setSealed(c, 'sign-out', logoutUrl, 120);
  return c.redirect('/staff/signed-out', 303);
}
