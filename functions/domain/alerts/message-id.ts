/**
 * Deterministic alert ids: the same cause, stage, kind, recipient and deadline always
 * give the same id, so the conditional put on it turns every retry (a redelivered
 * stream record, a sweep run twice, a sender killed mid-send) into a no-op. The id is
 * also the SMTP `Message-ID` and the SMS gateway's idempotency key.
 */
import { createHash } from 'node:crypto';

/** A 32-hex-digit id from what makes an alert the same alert. */
export function alertId(parts: {
  cause: string;
  stage: string;
  kind: string;
  recipient: string;
  deadline?: string | undefined;
}): string {
  const text = [parts.cause, parts.stage, parts.kind, parts.recipient, parts.deadline ?? ''].join('\u0000');
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
