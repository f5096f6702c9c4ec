/**
 * The one gate of the staff console pages (`/staff/*`), put in front of each staff route
 * with the roles it serves: `app.get('/staff/x', staffOnly('office'), …)`.
 * In order, it
 * - refuses a state-changing request that does not come from the site itself (the same
 *   check as the page guard, `crossSiteRefusal`; the guard has normally answered already,
 *   this keeps a staff route safe on an app mounted without it);
 * - finds who is signed in through the server-side session (web/session.ts) — where an
 *   OIDC sign-in will plug in: whatever starts the session, this reads it — and answers
 *   a 401 page with a sign-in link for nobody;
 * - answers a 403 page to a staff member with none of the roles;
 * - hands the route the staff member and the page context, as `c.var.staff` and `c.var.ctx`.
 * What the route then refuses (another department's item, a wrong state) is the use
 * case's refusal, turned into page text by web/error-text.ts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { hasRole, type Principal, type Role } from '../functions/domain/identity.js';
import { Layout, type PageContext } from './components/Layout.js';
import { type MessageKey, t } from './i18n.js';
import { signInHref } from './oidc/sign-in-href.js';
import { crossSiteRefusal } from './page-guard.js';
import { html, pageContext } from './render.js';
import { sessionPrincipal } from './session.js';

/** What a staff route finds on its context once the gate let it through. */
export interface StaffEnv {
  Variables: {
    /** The signed-in staff member, holding one of the route's roles. */
    staff: Principal;
    /** The page context (language, elderly mode, staff navigation) for rendering. */
    ctx: PageContext;
  };
}

/** The staff member and page context a route passes on to the page it renders. */
export type StaffViewer = StaffEnv['Variables'];

function gatePage(c: Context, ctx: PageContext, status: 401 | 403, text: MessageKey): Response {
  const title = t(ctx.lang, status === 401 ? 'staffConsole' : 'forbiddenTitle');
  return html(
    c,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p role="alert">
        {t(ctx.lang, text)}{' '}
        {status === 401 ? (
          <a href={signInHref(c.req.method === 'GET' ? ctx.path : undefined)}>{t(ctx.lang, 'navSignIn')}</a>
        ) : null}
      </p>
    </Layout>,
    status,
  );
}

/** The gate of a staff route: signed in, with one of `roles`, and same-origin for a post. */
export function staffOnly(...roles: Role[]): MiddlewareHandler<StaffEnv> {
  return createMiddleware<StaffEnv>(async (c, next) => {
    const crossSite = await crossSiteRefusal(c);
    if (crossSite) return crossSite;
    const who = await sessionPrincipal(c);
    const ctx = await pageContext(c);
    if (!who) return gatePage(c, ctx, 401, 'staffSignInNeeded');
    if (!hasRole(who, ...roles)) return gatePage(c, ctx, 403, 'staffRoleRefused');
    c.set('staff', who);
    c.set('ctx', ctx);
    await next();
  });
}
