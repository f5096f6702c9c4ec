/**
 * Staff sign-in over OpenID Connect, the same in AWS (Cognito's hosted UI, or a city's
 * own issuer) and under `npm start` (the local OpenID provider, infra/local/oidc-provider.ts):
 *
 * - `GET /staff/sign-in?next=/staff/…` sends the browser to the provider's authorization
 *   endpoint (code flow, PKCE S256, state, nonce); state, nonce, verifier and `next` (a
 *   same-site path) wait in a signed ten-minute cookie (sealed-cookie.ts);
 * - `GET /staff/callback` checks the state against that cookie, exchanges the code,
 *   validates the ID token, reads the groups claim and starts the server-side session
 *   (web/session.ts), then goes on to `next`;
 * - `POST /staff/sign-out` (mounted with the site, sign-out.ts) ends the session here
 *   and, through `GET /staff/signed-out`, at the provider: a form post may only redirect
 *   to this site (CSP `form-action 'self'`), so that page sends the browser on;
 * - a provider that is down, or discovery that fails, is a 503 page in the page's
 *   language with a link to try again; a wrong or stale state, or a code the provider
 *   refuses, a 400 page with a link to sign in again.
 *
 * Mounted before the site (`mountStaffSignIn(app); mountSite(app)`), with the page guard,
 * so these routes answer before any console middleware asks for a signed-in user.
 */
import type { Hono } from 'hono';
import { platform } from '../../functions/platform.js';
import { readOidcConfig } from '../../functions/shared/oidc-config.js';
import { logger } from '../../functions/shared/powertools.js';
import { guardPages, sameSitePath } from '../page-guard.js';
import { pageContext } from '../render.js';
import { startSession } from '../session.js';
import { beginSignIn, finishSignIn, type SignInChecks, unreachable } from './relying-party.js';
import { setSealed, takeSealed } from './sealed-cookie.js';
import { failedPage, signedOutPage, unavailablePage } from './sign-in-pages.js';
import { originOf, uiLocalesOf } from './sign-out.js';

/** How long a started sign-in may take at the provider. */
const TRANSACTION_SECONDS = 600;
/** The sign-in transaction kept in its cookie until the callback. */
interface Transaction extends SignInChecks {
  next: string;
  issuer: string;
}

const SIGN_IN_ROUTES = /^\/staff\/(sign-in|callback|signed-out)(\/|$)/;

/** `next` as a same-site path, never back into sign-in. */
function nextOf(value: unknown): string {
  const next = sameSitePath(value, '/staff');
  return SIGN_IN_ROUTES.test(next) ? '/staff' : next;
}

/** Install the sign-in routes (and the page guard, if the app has none yet). */
export function mountStaffSignIn(app: Hono): void {
  guardPages(app);

  app.get('/staff/sign-in', async (c) => {
    const ctx = await pageContext(c);
    const next = nextOf(c.req.query('next'));
    const config = readOidcConfig();
    const origin = originOf(c);
    if (!config || !origin) {
      logger.error('staff sign-in is not configured (WOODPECKER_OIDC_ISSUER, WOODPECKER_OIDC_CLIENT_ID)');
      return unavailablePage(c, ctx, next);
    }
    try {
      const { url, checks } = await beginSignIn(config, {
        redirectUri: `${origin}/staff/callback`,
        uiLocales: uiLocalesOf(ctx.lang),
      });
      const transaction: Transaction = { ...checks, next, issuer: config.issuer };
      await setSealed(c, 'sign-in', transaction, TRANSACTION_SECONDS);
      return c.redirect(url, 302);
    } catch (err) {
      if (!unreachable(err)) throw err;
      logger.warn('staff sign-in: the provider cannot be reached', { error: String(err) });
      return unavailablePage(c, ctx, next);
    }
  });

  app.get('/staff/callback', async (c) => {
    const ctx = await pageContext(c);
    const transaction = await takeSealed<Transaction>(c, 'sign-in');
    const config = readOidcConfig();
    if (!transaction || !config || transaction.issuer !== config.issuer)
      return failedPage(c, ctx, 'signInExpired', '/staff');
    const query = new URL(c.req.url).search;
    if (new URLSearchParams(query).get('state') !== transaction.state)
      return failedPage(c, ctx, 'signInExpired', transaction.next);
    // The URL the provider redirected to, whatever host the function was reached by.
    const currentUrl = new URL(transaction.redirectUri);
    currentUrl.search = query;
    const now = platform().clock.now();
    let who: Awaited<ReturnType<typeof finishSignIn>>;
    try {
      who = await finishSignIn(config, currentUrl, transaction, now);
    } catch (err) {
      if (unreachable(err)) {
        logger.warn('staff sign-in: the provider cannot be reached', { error: String(err) });
        return unavailablePage(c, ctx, transaction.next);
      }
      logger.info('staff sign-in refused', { error: String(err) });
      return failedPage(c, ctx, 'signInRefused', transaction.next);
    }
    const { accessExpiresAt, refreshToken } = who.tokens;
    await startSession(c, {
      subject: who.subject,
      groups: who.groups,
      provider: config.issuer,
      tokens: who.tokens,
      // Nothing to refresh with: the session ends with the provider's access token.
      ...(!refreshToken && accessExpiresAt ? { expiresAt: new Date(accessExpiresAt) } : {}),
    });
    return c.redirect(transaction.next, 303);
  });

  app.get('/staff/signed-out', async (c) => {
    const ctx = await pageContext(c);
    const logoutUrl = await takeSealed<string>(c, 'sign-out');
    if (!logoutUrl) return c.redirect('/', 303);
    return signedOutPage(c, ctx, logoutUrl);
  });
}
