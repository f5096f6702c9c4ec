/**
 * Page plumbing shared by every page: the request's language, elderly mode and staff
 * identity, and HTML rendering with the doctype Hono JSX does not emit.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Principal } from '../functions/domain/identity.js';
import { platform } from '../functions/platform.js';
import { departmentById } from '../functions/usecases/catalogue/directory.js';
import type { PageContext } from './components/Layout.js';
import { type Lang, langOf } from './i18n.js';
import { cookieOptions, sessionPrincipal } from './session.js';
import { linksFor, roleLabel } from './staff-nav.js';

const YEAR = 365 * 24 * 3600;

/** The signed-in staff member, from the server-side session the cookie names (web/session.ts). */
export function staffOf(c: Context): Promise<Principal | undefined> {
  return sessionPrincipal(c);
}

/**
 * Who is signed in, in words: the role (and for department staff, which department)
 * then the account, e.g. "效能办 · office-li" or "部门工作人员（市场监督管理局） · market-zhang".
 */
export function staffLabel(
  p: Principal,
  lang: Lang = 'zh',
  departmentNames = new Map<string, string>(),
): string {
  const parts: string[] = [...p.roles].filter((r) => r !== 'department').map((r) => roleLabel(lang, r));
  if (p.departments.size) {
    const names = [...p.departments]
      .map((d) => departmentNames.get(d) ?? d)
      .join(lang === 'zh' ? '、' : ', ');
    parts.push(`${roleLabel(lang, 'department')}${lang === 'zh' ? `（${names}）` : ` (${names})`}`);
  }
  return `${parts.join(lang === 'zh' ? '、' : ', ')} · ${p.subject}`;
}

/** Names of the departments a staff member acts for (a strongly consistent read each). */
async function departmentNamesOf(p: Principal): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!p.departments.size) return names;
  await Promise.all(
    [...p.departments].map(async (id) => {
      const d = await departmentById(platform(), id).catch(() => undefined);
      if (d) names.set(id, d.name);
    }),
  );
  return names;
}

/** The language a page is shown in: `?lang=`, else the `wp_lang` cookie, else Chinese. */
export function langOfRequest(c: Context): Lang {
  const q = c.req.query('lang');
  return langOf(q === 'zh' || q === 'en' ? q : getCookie(c, 'wp_lang'));
}

/**
 * Remember a language for the next pages (`/prefs/lang`). Only that route sets it: a
 * public page sets no cookie, so the edge may keep it (web/cache-rules.ts), and `?lang=`
 * shows one page in a language without changing the visitor's choice.
 */
export function rememberLang(c: Context, lang: Lang): void {
  setCookie(c, 'wp_lang', lang, cookieOptions(c, { maxAge: YEAR }));
}

export async function pageContext(c: Context, extra: Partial<PageContext> = {}): Promise<PageContext> {
  const lang = langOfRequest(c);
  const url = new URL(c.req.url);
  const staff = await staffOf(c);
  return {
    lang,
    path: `${url.pathname}${url.search}`,
    elder: getCookie(c, 'wp_elder') === '1',
    staff: staff
      ? { label: staffLabel(staff, lang, await departmentNamesOf(staff)), links: linksFor(staff, lang) }
      : undefined,
    ...extra,
  };
}

export function html(
  c: Context,
  page: JSX.Element,
  status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 429 | 503 = 200,
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
