/**
 * The local SMTP sink: a real SMTP server (smtp-server) on loopback that `npm start`
 * and the tests send alert e-mail to over nodemailer, as the cloud sends to SES or the
 * city's mail server. It keeps what arrives in memory and dedupes on `Message-ID`, the
 * alert's deterministic id: a resend of the same alert (a sender killed after the send,
 * a redelivered stream record) is one delivery, counted once, as a mailbox threads it.
 * `arrivalsOf` still says how often an id came, for tests of the sender itself.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { LOCAL_HOST } from './local-server.js';

/** One e-mail as the sink received it (the first arrival of its Message-ID). */
export interface SinkMessage {
  /** The Message-ID without its angle brackets. */
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`: what WOODPECKER_SMTP_URL is set to. */
  url: string;
  /** Every distinct message, in order of first arrival. */
  messages(): SinkMessage[];
  /** Deliveries counted for a Message-ID (with or without brackets): 0 or 1, deduped. */
  deliveriesOf(messageId: string): number;
  /** How often a Message-ID arrived at all, duplicates included. */
  arrivalsOf(messageId: string): number;
  stop(): Promise<void>;
}

/** Messages kept at most (oldest dropped first), so a long `npm start` stays small. */
const KEEP = 2000;

const bare = (id: string) => id.trim().replace(/^<|>$/g, '');

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) as text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => `%${h}`)
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  try {
    return decodeURIComponent(bytes);
  } catch {
    return text;
  }
}

/** Headers (unfolded, lower-cased names) and the decoded body of a single-part message. */
export function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n').trimEnd() };
}

/** Start the sink on loopback (`port` 0, the default, picks a free one). */
export async function startSmtpSink(options: { port?: number } = {}): Promise<SmtpSink> {
  const byId = new Map<string, SinkMessage>();
  const arrivals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Woodpecker local SMTP sink',
    size: 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const { headers, text } = parseMessage(Buffer.concat(chunks).toString('utf8'));
        const messageId = bare(headers.get('message-id') ?? `no-id-${session.id}`);
        arrivals.set(messageId, (arrivals.get(messageId) ?? 0) + 1);
        if (!byId.has(messageId)) {
          byId.set(messageId, {
            messageId,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: decodeWords(headers.get('subject') ?? ''),
            text,
            receivedAt: new Date().toISOString(),
          });
          if (byId.size > KEEP) byId.delete(byId.keys().next().value as string);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOCAL_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client dropping its connection is not the sink's failure.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${LOCAL_HOST}:${port}`,
    messages: () => [...byId.values()],
    deliveriesOf: (id) => (byId.has(bare(id)) ? 1 : 0),
    arrivalsOf: (id) => arrivals.get(bare(id)) ?? 0,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
