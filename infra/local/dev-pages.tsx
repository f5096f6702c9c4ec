/**
 * Local-only pages: the outbox of notifications the cloud would send. It exists only in
 * `npm start` wiring. (Staff sign in through the local OpenID provider's own page, as
 * they do through Cognito's in AWS: infra/local/oidc-provider.ts.) The same page guard as
 * the site's covers these routes.
 */
import type { Hono } from 'hono';
import { recentOutbox } from '../../functions/usecases/notifications.js';
import { Layout } from '../../web/components/Layout.js';
import { t } from '../../web/i18n.js';
import { guardPages } from '../../web/page-guard.js';
import { html, pageContext } from '../../web/render.js';

export function mountDevPages(app: Hono): void {
  // Mounted before the site: the guard must come before these routes too.
  guardPages(app);
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
