/**
 * Page plumbing shared by every page: the request's language, elderly mode and staff
 * identity, and HTML rendering with the doctype Hono JSX does not emit.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { verifyBearer } from '../functions/api/auth.js';
import type { Principal } from '../functions/domain/identity.js';
import type { PageContext } from './components/Layout.js';
import { langOf } from './i18n.js';
import { linksFor } from './staff-nav.js';

export const TOKEN_COOKIE = 'wp_token';
const YEAR = 365 * 24 * 3600;

export async function staffOf(c: Context): Promise<Principal | undefined> {
  const token = getCookie(c, TOKEN_COOKIE);
  if (!token) return undefined;
  try {
    return await verifyBearer(`Bearer ${token}`);
  } catch {
    return undefined;
  }
}

export function staffLabel(p: Principal): string {
  const parts: string[] = [...p.roles].filter((r) => r !== 'department');
  for (const d of p.departments) parts.push(`dept:${d}`);
  return `${p.subject} (${parts.join(', ')})`;
}

export async function pageContext(c: Context, extra: Partial<PageContext> = {}): Promise<PageContext> {
  const q = c.req.query('lang');
  if (q === 'zh' || q === 'en') setCookie(c, 'wp_lang', q, { path: '/', maxAge: YEAR, sameSite: 'Lax' });
  const lang = langOf(q ?? getCookie(c, 'wp_lang'));
  const url = new URL(c.req.url);
  const staff = await staffOf(c);
  return {
    lang,
    path: `${url.pathname}${url.search}`,
    elder: getCookie(c, 'wp_elder') === '1',
    staff: staff ? { label: staffLabel(staff), links: linksFor(staff, lang) } : undefined,
    ...extra,
  };
}

export function html(
  c: Context,
  page: JSX.Element,
  status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 429 = 200,
): Response {
  c.header(
    'content-security-policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
  c.header('referrer-policy', 'same-origin');
  return c.html(`<!doctype html>${page.toString()}`, status);
}
