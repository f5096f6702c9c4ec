/**
 * Plumbing of the staff console pages of rankings and supervision: who is signed in
 * (the server-side session of the staff cookie), a 401 page with a sign-in link or a
 * 403 page when the role does not fit, and turning a use case's Refusal into an HTTP
 * status for the page. Form posts are checked for their origin, and read, by the page
 * guard every page route runs behind (web/page-guard.tsx).
 */
import type { Context } from 'hono';
import { httpStatusOf } from '../../../functions/api/errors.js';
import { hasRole, type Principal, type Role } from '../../../functions/domain/identity.js';
import { Refusal } from '../../../functions/domain/refusal.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { t } from '../../i18n.js';
import { html, pageContext, staffOf } from '../../render.js';

export type PageStatus = 200 | 201 | ErrorStatus;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429;
export interface PageError {
  status: ErrorStatus;
  message: string;
}

export interface StaffPage {
  who: Principal;
  ctx: PageContext;
}

/** The signed-in staff member with one of `roles`, or the 401/403 page to answer with. */
export async function staffPage(c: Context, roles: Role[]): Promise<StaffPage | Response> {
  const ctx = await pageContext(c);
  const who = await staffOf(c);
  if (!who) {
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'staffConsole')}>
        <h1>{t(ctx.lang, 'staffConsole')}</h1>
        <p>
          {t(ctx.lang, 'staffSignInNeeded')} <a href="/dev/sign-in">{t(ctx.lang, 'navSignIn')}</a>
        </p>
      </Layout>,
      401,
    );
  }
  if (!hasRole(who, ...roles)) {
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'staffConsole')}>
        <h1>{t(ctx.lang, 'staffConsole')}</h1>
        <p>{t(ctx.lang, 'svForbidden')}</p>
      </Layout>,
      403,
    );
  }
  return { who, ctx };
}

/** The page status and message of a failed use case (never a 5xx for what a user sent). */
export function pageError(err: unknown): PageError {
  const httpStatus = err instanceof Refusal ? httpStatusOf(err.code) : 500;
  if (err instanceof Refusal && httpStatus < 500) {
    const status = ([400, 401, 403, 404, 409, 429] as const).find((s) => s === httpStatus) ?? 400;
    return { status, message: err.message };
  }
  throw err;
}

/** A form field as a trimmed string (empty when missing or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
}
