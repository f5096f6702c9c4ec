/**
 * E-mail over SMTP with nodemailer: Amazon SES's SMTP endpoint in the global regions,
 * the city's mail server in AWS China, the local SMTP sink under `npm start`. The URL
 * comes from `WOODPECKER_SMTP_URL` or, in AWS, the secret `WOODPECKER_SMTP_URL_SECRET_ARN`
 * (read once and cached: functions/shared/secrets.ts). The
 * alert id goes out as the `Message-ID`, so the receiving side can tell a resend of
 * the same alert from a new one. nodemailer is loaded on first use (cold starts).
 */
import { cachedSecret } from '../../shared/secrets.js';
import type { AlertConfig } from './config.js';

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
}

let transport: { url: string; send: (m: OutgoingEmail) => Promise<void> } | undefined;

async function smtpUrlOf(config: AlertConfig): Promise<string | undefined> {
  if (config.smtpUrl) return config.smtpUrl;
  if (config.smtpUrlSecretArn) return cachedSecret(config.smtpUrlSecretArn, 'The SMTP URL', 8);
  return undefined;
}

/** The Message-ID of an alert's e-mail. */
export const messageIdOf = (id: string) => `<${id}@alerts.woodpecker>`;

/**
 * Send one e-mail; false when no SMTP server is configured (the message then lives on
 * in the console inbox only). Throws when the server refuses, for the caller's retry.
 */
export async function sendEmail(config: AlertConfig, m: OutgoingEmail): Promise<boolean> {
  const url = await smtpUrlOf(config);
  if (!url) return false;
  if (transport?.url !== url) {
    const nodemailer = await import('nodemailer');
    const t = nodemailer.createTransport(url);
    transport = {
      url,
      send: async (msg) => {
        await t.sendMail({
          from: config.mailFrom,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          messageId: messageIdOf(msg.id),
        });
      },
    };
  }
  await transport.send(m);
  return true;
}
