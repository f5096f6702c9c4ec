/**
 * Local-only pages: a dev sign-in for the demo staff users (one per role) and the
 * outbox of notifications the cloud would send. They exist only in `npm start`
 * wiring; in AWS, staff sign in with Cognito. Signing in here goes the way a provider's
 * sign-in will: the local issuer signs a token, the token is verified like Cognito's,
 * and a server-side session is started from it (web/session.ts); signing out ends it.
 * The same page guard as the site's covers these forms.
 */
import type { Hono } from 'hono';
import { recentOutbox } from '../../functions/usecases/notifications.js';
import { Layout } from '../../web/components/Layout.js';
import { t } from '../../web/i18n.js';
import { formOf, guardPages } from '../../web/page-guard.js';
import { html, pageContext } from '../../web/render.js';
import { endSession, identityFromToken, startSession } from '../../web/session.js';
import { DEMO_USERS } from './demo-users.js';
import { type IssuerKeys, signStaffToken } from './issuer.js';

export function mountDevPages(app: Hono, options: { issuerKeys: IssuerKeys }): void {
  // Mounted before the site: the guard must come before these routes too.
  guardPages(app);
  app.get('/dev/sign-in', async (c) => {
    const ctx = await pageContext(c);
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'signInTitle')}>
        <h1>{t(ctx.lang, 'signInTitle')}</h1>
        <p>{t(ctx.lang, 'signInIntro')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span class="visually-hidden">{t(ctx.lang, 'signIn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {DEMO_USERS.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{u.groups.join(', ')}</td>
                <td>
                  <form method="post" action="/dev/sign-in">
                    <input type="hidden" name="user" value={u.id} />
                    <button type="submit" class="primary" aria-label={`${t(ctx.lang, 'signIn')}: ${u.name}`}>
                      {t(ctx.lang, 'signIn')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/dev/sign-out">
          <button type="submit">{t(ctx.lang, 'signOut')}</button>
        </form>
      </Layout>,
    );
  });

  app.post('/dev/sign-in', async (c) => {
    const form = await formOf(c);
    const user = DEMO_USERS.find((u) => u.id === form.user);
    if (!user) return c.redirect('/dev/sign-in', 303);
    const token = await signStaffToken(options.issuerKeys, {
      subject: user.id,
      groups: user.groups,
      name: user.name,
    });
    await startSession(c, await identityFromToken(token, 'local-dev'));
    return c.redirect(user.home, 303);
  });

  app.post('/dev/sign-out', async (c) => {
    await endSession(c);
    return c.redirect('/', 303);
  });

  app.get('/dev/outbox', async (c) => {
    const ctx = await pageContext(c);
    const messages = await recentOutbox(200);
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'outboxTitle')}>
        <h1>{t(ctx.lang, 'outboxTitle')}</h1>
        <p>{t(ctx.lang, 'outboxIntro')}</p>
        {messages.length === 0 ? (
          <p>{t(ctx.lang, 'noData')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(ctx.lang, 'time')}</th>
                  <th scope="col">{t(ctx.lang, 'channel')}</th>
                  <th scope="col">{t(ctx.lang, 'recipient')}</th>
                  <th scope="col">{t(ctx.lang, 'message')}</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr>
                    <td>{m.at}</td>
                    <td>{m.channel}</td>
                    <td>{m.to}</td>
                    <td>{m.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });
}
