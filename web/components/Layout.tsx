/**
 * The one layout of the public site and staff consoles: skip link, header with
 * navigation (only the pages the signed-in role may use), language switch, elderly-
 * friendly mode, and a footer. Hono JSX emits no doctype, so `renderPage` adds it.
 */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, t } from '../i18n.js';
import { siteStyles } from './styles.js';

export interface PageContext {
  lang: Lang;
  /** Current path with query, for the language switch. */
  path: string;
  elder: boolean;
  /** Signed-in staff role label, when any. */
  staff?: { label: string; links: { href: string; label: string }[] } | undefined;
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

function withLang(path: string, lang: Lang): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

export function Layout(props: { ctx: PageContext; title: string; children: Child; scripts?: string[] }) {
  const { ctx } = props;
  const other: Lang = ctx.lang === 'zh' ? 'en' : 'zh';
  return (
    <html lang={ctx.lang === 'zh' ? 'zh-CN' : 'en'} class={ctx.elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(ctx.lang, 'siteName')}`}</title>
        <style>{siteStyles}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          {t(ctx.lang, 'skipToContent')}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            {t(ctx.lang, 'siteName')}
          </a>
          <nav aria-label={ctx.lang === 'zh' ? '主导航' : 'Main'}>
            <ul>
              {publicNav.map((n) => (
                <li>
                  <a href={n.href} aria-current={ctx.path.split('?')[0] === n.href ? 'page' : undefined}>
                    {t(ctx.lang, n.key)}
                  </a>
                </li>
              ))}
              {ctx.staff?.links.map((l) => (
                <li>
                  <a href={l.href}>{l.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="tools">
            <a href={withLang(ctx.path, other)} lang={other === 'zh' ? 'zh-CN' : 'en'}>
              {t(ctx.lang, 'language')}
            </a>
            <form method="post" action="/prefs/elder">
              <input type="hidden" name="back" value={ctx.path} />
              <button type="submit" aria-pressed={ctx.elder ? 'true' : 'false'}>
                {t(ctx.lang, 'elderMode')}
              </button>
            </form>
            {ctx.staff ? (
              <span class="who">
                {t(ctx.lang, 'signedInAs')}: {ctx.staff.label}
              </span>
            ) : null}
          </div>
        </header>
        {(ctx.banners ?? []).map((b) => (
          <div class="banner" role="status">
            {b}
          </div>
        ))}
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          <p>{t(ctx.lang, 'footer')}</p>
        </footer>
        {(props.scripts ?? []).map((src) => (
          <script type="module" src={src} />
        ))}
      </body>
    </html>
  );
}
