/**
 * The pages of the local OpenID provider (infra/local/oidc-provider.ts): its sign-in
 * page listing the demo users, one button each (the convenience of the old dev sign-in
 * page, now behind a real code flow); its sign-out confirmation; its error page. Plain
 * HTML forms, no script, in the language the site asked for (`ui_locales`), passing axe
 * WCAG 2 A/AA like the site's own pages.
 */
import type { Child } from 'hono/jsx';
import { type Lang, t } from '../../web/i18n.js';
import type { DemoUser } from './demo-users.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f6f4}
main{max-width:44rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #ccc;border-radius:6px}
h1{font-size:1.5rem;margin-top:0}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ddd;vertical-align:middle}
button{font:inherit;padding:.4rem 1rem;border:1px solid #0b4f8a;border-radius:4px;background:#0b5cab;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.muted{color:#4a4a4a}form{margin:0}`;

/** The language of the page: the first of `ui_locales` this site speaks, else Chinese. */
export function langOfLocales(value: unknown): Lang {
  const first = String(value ?? '')
    .split(/\s+/)
    .map((l) => l.toLowerCase().split('-')[0])
    .find((l) => l === 'zh' || l === 'en');
  return first === 'en' ? 'en' : 'zh';
}

function Page(props: { lang: Lang; title: string; children: Child }) {
  return (
    <html lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {props.title === t(props.lang, 'providerTitle')
            ? props.title
            : `${props.title} · ${t(props.lang, 'providerTitle')}`}
        </title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

const doc = (page: { toString(): string }) => `<!doctype html>${page.toString()}`;

/** The sign-in page of an interaction: every demo user, with a one-click sign-in. */
export function loginPage(lang: Lang, uid: string, users: readonly DemoUser[]): string {
  return doc(
    <Page lang={lang} title={t(lang, 'providerTitle')}>
      <h1>{t(lang, 'providerTitle')}</h1>
      <p>{t(lang, 'providerIntro')}</p>
      <table>
        <caption class="visually-hidden">{t(lang, 'providerAccounts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'providerAccount')}</th>
            <th scope="col">{t(lang, 'providerGroups')}</th>
            <th scope="col">
              <span class="visually-hidden">{t(lang, 'signIn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>
                {u.name}
                <br />
                <span class="muted">{u.id}</span>
              </td>
              <td>{u.groups.join(', ')}</td>
              <td>
                <form method="post" action={`/interaction/${encodeURIComponent(uid)}/login`}>
                  <input type="hidden" name="user" value={u.id} />
                  <button type="submit" aria-label={`${t(lang, 'providerSignInAs')} ${u.name}`}>
                    {t(lang, 'signIn')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>,
  );
}

/**
 * RP-initiated logout's confirmation. `form` is the provider's own (hidden) form with its
 * anti-forgery value; the buttons submit it, `logout=yes` ending the provider session.
 */
export function logoutPage(lang: Lang, form: string): string {
  const title = t(lang, 'providerLogoutTitle');
  return doc(
    <Page lang={lang} title={title}>
      <h1>{title}</h1>
      <div dangerouslySetInnerHTML={{ __html: form }} />
      <p>
        <button type="submit" form="op.logoutForm" name="logout" value="yes">
          {t(lang, 'providerLogoutYes')}
        </button>{' '}
        <button type="submit" form="op.logoutForm" class="secondary">
          {t(lang, 'providerLogoutNo')}
        </button>
      </p>
    </Page>,
  );
}

/** Shown after a sign-out that names no page to go back to. */
export function signedOutPage(lang: Lang): string {
  const title = t(lang, 'providerSignedOut');
  return doc(
    <Page lang={lang} title={title}>
      <h1>{title}</h1>
    </Page>,
  );
}

/** An error of the provider (an expired interaction, a bad request), without its internals. */
export function errorPage(lang: Lang, code: string): string {
  const title = t(lang, 'providerErrorTitle');
  return doc(
    <Page lang={lang} title={title}>
      <h1>{title}</h1>
      <p role="alert">{t(lang, 'providerErrorText')}</p>
      <p class="muted">{code}</p>
    </Page>,
  );
}
