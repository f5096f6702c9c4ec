/**
 * The pages of the sign-in flow (web/oidc/routes.tsx): the provider is down (503, with a
 * link to try again), the sign-in failed (400, with a link to sign in again), and the
 * page between signing out here and at the provider.
 */
import type { Context } from 'hono';
import { Layout, type PageContext } from '../components/Layout.js';
import { type MessageKey, t } from '../i18n.js';
import { html } from '../render.js';
import { signInHref } from './sign-in-href.js';

/** The provider cannot be reached, or discovery failed: try again shortly. */
export function unavailablePage(c: Context, ctx: PageContext, next: string): Response {
  c.header('retry-after', '30');
  const title = t(ctx.lang, 'signInUnavailableTitle');
  return html(
    c,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p role="alert">{t(ctx.lang, 'signInUnavailableText')}</p>
      <p>
        <a href={signInHref(next)}>{t(ctx.lang, 'signInRetry')}</a>
      </p>
    </Layout>,
    503,
  );
}

/** The callback was refused: a stale or wrong state, or a code the provider would not take. */
export function failedPage(c: Context, ctx: PageContext, text: MessageKey, next: string): Response {
  const title = t(ctx.lang, 'signInFailedTitle');
  return html(
    c,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p role="alert">{t(ctx.lang, text)}</p>
      <p>
        <a href={signInHref(next)}>{t(ctx.lang, 'signInAgain')}</a>
      </p>
    </Layout>,
    400,
  );
}

/**
 * Signed out here; the browser goes on to the provider's logout by itself (a `Refresh`
 * header, no script needed), or by the link.
 */
export function signedOutPage(c: Context, ctx: PageContext, logoutUrl: string): Response {
  c.header('refresh', `0; url=${logoutUrl}`);
  const title = t(ctx.lang, 'signedOutTitle');
  return html(
    c,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p role="status">{t(ctx.lang, 'signedOutText')}</p>
      <p>
        <a href={logoutUrl}>{t(ctx.lang, 'signedOutContinue')}</a>
      </p>
    </Layout>,
  );
}
