/**
 * The one layout of the public site and staff consoles: skip link, header with the
 * public navigation, the language switch and the elderly-friendly mode (适老化), then —
 * for signed-in staff — a second navigation naming the role, offering only its
 * console pages and a sign-out button, and a footer. Hono JSX emits no doctype, so `html()` in render.ts
 * adds it.
 *
 * Scripts only ever enhance a page (charts draw over a data table that is always
 * there), so the elderly-friendly mode, which shows the simpler page without charts,
 * leaves them out altogether.
 */
import type { Child } from 'hono/jsx';
import { demoLoading } from '../demo-loading.js';
import { type Lang, type MessageKey, t } from '../i18n.js';
import { siteFilings } from '../site-filing.js';
import { siteStyles } from './styles.js';

/** The mainland registration numbers, when the deployment has them (web/site-filing.ts). */
function Filings() {
  const filings = siteFilings();
  if (!filings.length) return null;
  return (
    <p class="filings">
      {filings.map((f) => (
        <a href={f.href} rel="noopener noreferrer" target="_blank">
          {f.text}
        </a>
      ))}
    </p>
  );
}

export interface StaffNav {
  /** Who is signed in, e.g. "效能办 · office-li". */
  label: string;
  /** The consoles of the signed-in roles, e.g. ["效能办工作台"]. */
  roles?: string[];
  links: { href: string; label: string }[];
}

export interface PageContext {
  lang: Lang;
  /** Current path with query, for the language switch. */
  path: string;
  elder: boolean;
  /** Signed-in staff: who, and the console pages their role may use. */
  staff?: StaffNav | undefined;
  /** Banner for staff, e.g. a missing next-year calendar. */
  banners?: string[];
}

const publicNav: { href: string; key: MessageKey }[] = [
  { href: '/', key: 'navHome' },
  { href: '/services', key: 'navServices' },
  { href: '/departments', key: 'navDepartments' },
  { href: '/rankings', key: 'navRankings' },
  { href: '/critiques', key: 'navCritiques' },
  { href: '/hall-of-fame', key: 'navHallOfFame' },
];

const htmlLang = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/**
 * The language switch: through `/prefs/lang`, which remembers the choice in a cookie and
 * comes back to this page without its `?lang=`, so the next pages follow it too.
 */
export function switchLangHref(path: string, lang: Lang): string {
  const url = new URL(path, 'http://x');
  url.searchParams.delete('lang');
  const back = `${url.pathname}${url.search}`;
  return `/prefs/lang?${new URLSearchParams({ to: lang, back })}`;
}

/**
 * `page` for the link to this very page, `true` for the section it is in (a service
 * under Services), otherwise nothing.
 */
export function currentOf(path: string, href: string): 'page' | 'true' | undefined {
  const here = path.split('?')[0] ?? '/';
  if (here === href) return 'page';
  if (href !== '/' && here.startsWith(`${href}/`)) return 'true';
  return undefined;
}

function PublicNav(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <nav class="nav-main wrap" aria-label={t(ctx.lang, 'navMain')}>
      <ul>
        {publicNav.map((n) => (
          <li>
            <a href={n.href} aria-current={currentOf(ctx.path, n.href)}>
              {t(ctx.lang, n.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function StaffNavBar(props: { ctx: PageContext; staff: StaffNav }) {
  const { ctx, staff } = props;
  const links = [{ href: '/staff', label: t(ctx.lang, 'staffConsole') }, ...staff.links];
  return (
    <nav class="nav-staff" aria-label={t(ctx.lang, 'navStaff')}>
      <div class="wrap">
        <p class="who">
          {t(ctx.lang, 'signedInAs')}
          {t(ctx.lang, 'colon')}
          <strong>{staff.label}</strong>
        </p>
        <ul>
          {links.map((l) => (
            <li>
              <a href={l.href} aria-current={currentOf(ctx.path, l.href) === 'page' ? 'page' : undefined}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
        <form method="post" action="/staff/sign-out" class="sign-out">
          <button type="submit">{t(ctx.lang, 'signOut')}</button>
        </form>
      </div>
    </nav>
  );
}

export function Layout(props: { ctx: PageContext; title: string; children: Child; scripts?: string[] }) {
  const { ctx } = props;
  const { lang } = ctx;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const scripts = ctx.elder ? [] : (props.scripts ?? []);
  return (
    <html lang={htmlLang(lang)} class={ctx.elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(lang, 'siteName')}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>{siteStyles}</style>
        {scripts.length ? (
          <noscript>
            <style>{'.chart-wrap{display:none}'}</style>
          </noscript>
        ) : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, 'skipToContent')}
        </a>
        <header class="site-header">
          <div class="header-bar wrap">
            <a class="brand" href="/">
              {t(lang, 'siteName')}
            </a>
            <div class="tools">
              <a
                href={switchLangHref(ctx.path, other)}
                lang={htmlLang(other)}
                hreflang={htmlLang(other)}
                class="lang-switch"
              >
                {t(lang, 'language')}
              </a>
              <form method="post" action="/prefs/elder">
                <input type="hidden" name="back" value={ctx.path} />
                <button type="submit" aria-pressed={ctx.elder ? 'true' : 'false'} class="elder-toggle">
                  {t(lang, 'elderMode')}
                </button>
              </form>
            </div>
          </div>
          <PublicNav ctx={ctx} />
        </header>
        {ctx.staff ? <StaffNavBar ctx={ctx} staff={ctx.staff} /> : null}
        {demoLoading() ? (
          <div class="banner" role="status">
            <div class="wrap">{t(lang, 'demoLoading')}</div>
          </div>
        ) : null}
        {(ctx.banners ?? []).map((b) => (
          <div class="banner" role="status">
            <div class="wrap">{b}</div>
          </div>
        ))}
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <ul class="footer-links">
            <li>
              <a href="/privacy">{t(lang, 'navPrivacy')}</a>
            </li>
            <li>
              <a href="/staff">{t(lang, 'staffConsole')}</a>
            </li>
            <li>
              <a href="/docs/api">{t(lang, 'navOpenData')}</a>
            </li>
          </ul>
          <p>{t(lang, 'footer')}</p>
          <Filings />
        </footer>
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
      </body>
    </html>
  );
}
