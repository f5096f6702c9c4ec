/**
 * The real local SMTP sink for tests (infra/local/smtp-sink.ts): set
 * `WOODPECKER_SMTP_URL` to its `url`, and count at the sink what the sender delivered.
 * `deliveriesOf(id)` is deduped on `Message-ID` (0 or 1); `arrivalsOf(id)` counts every
 * arrival of it.
 */
import { type SinkMessage, type SmtpSink, startSmtpSink as startSink } from '../../infra/local/smtp-sink.js';

export type { SinkMessage, SmtpSink };

/** Start a sink on a free loopback port. */
export function startSmtpSink(): Promise<SmtpSink> {
  return startSink();
}
