/**
 * Local-only pages: the outbox of what the cloud would send. It exists only in
 * `npm start` wiring and lists, masked, the e-mail the local SMTP sink received and the
 * SMS the local gateway mock sent (each once per message id: infra/local/smtp-sink.ts,
 * sms-gateway-mock.ts), then the notifications kept in the table's outbox (rating
 * invitations, and alerts when no sink or gateway runs). (Staff sign in through the
 * local OpenID provider's own page, as they do through Cognito's in AWS:
 * infra/local/oidc-provider.ts.) The same page guard as the site's covers these routes.
 */
import type { Hono } from 'hono';
import { maskContact } from '../../functions/domain/critiques/contact.js';
import { recentOutbox } from '../../functions/usecases/notifications.js';
import { Layout } from '../../web/components/Layout.js';
import { t } from '../../web/i18n.js';
import { guardPages } from '../../web/page-guard.js';
import { html, pageContext } from '../../web/render.js';
import type { SmsGatewayMock } from './sms-gateway-mock.js';
import type { SmtpSink } from './smtp-sink.js';

/** What the outbox page reads besides the table: the local sink and gateway, when they run. */
export interface DevChannels {
  sink?: SmtpSink | undefined;
  gateway?: SmsGatewayMock | undefined;
}

interface Row {
  at: string;
  channel: string;
  to: string;
  text: string;
}

const newestFirst = <T extends { receivedAt: string }>(xs: T[]) =>
  [...xs].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, 200);

export function mountDevPages(app: Hono, channels: DevChannels = {}): void {
  // Mounted before the site: the guard must come before these routes too.
  guardPages(app);
  app.get('/dev/outbox', async (c) => {
    const ctx = await pageContext(c);
    const sections: { title: string; rows: Row[] }[] = [];
    if (channels.sink)
      sections.push({
        title: t(ctx.lang, 'outboxSinkTitle'),
        rows: newestFirst(channels.sink.messages()).map((m) => ({
          at: m.receivedAt,
          channel: 'email',
          to: m.to.map((a) => maskContact('email', a)).join(', '),
          text: `${m.subject}\n${m.text}`,
        })),
      });
    if (channels.gateway)
      sections.push({
        title: t(ctx.lang, 'outboxGatewayTitle'),
        rows: newestFirst(channels.gateway.messages()).map((m) => ({
          at: m.receivedAt,
          channel: `sms (${m.templateId})`,
          to: maskContact('phone', m.to),
          text: m.text,
        })),
      });
    sections.push({
      title: t(ctx.lang, 'outboxStoredTitle'),
      rows: (await recentOutbox(200)).map((m) => ({ at: m.at, channel: m.channel, to: m.to, text: m.text })),
    });
    return html(
      c,
      <Layout ctx={ctx} title={t(ctx.lang, 'outboxTitle')}>
        <h1>{t(ctx.lang, 'outboxTitle')}</h1>
        <p>
          {t(ctx.lang, 'outboxIntro')} {channels.sink || channels.gateway ? t(ctx.lang, 'outboxDeduped') : ''}
        </p>
        {sections.map((s) => (
          <section>
            {sections.length > 1 ? <h2>{s.title}</h2> : ''}
            {s.rows.length === 0 ? (
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
                    {s.rows.map((m) => (
                      <tr>
                        <td>{m.at}</td>
                        <td>{m.channel}</td>
                        <td>{m.to}</td>
                        <td style="white-space: pre-line">{m.text}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
      </Layout>,
    );
  });
}
