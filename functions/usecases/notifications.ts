/**
 * The notification port: SMS and e-mail the platform sends (rating invitations,
 * deadline reminders). In the cloud SMS goes through SNS (`WOODPECKER_NOTIFIER=sns`);
 * locally every message lands in the outbox, shown on the outbox page. The outbox keeps
 * only the masked recipient: the clear number is used once, to send, and dropped.
 */
import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../domain/cases/case.js';
import { maskPhone } from '../domain/pii.js';
import { platform } from '../platform.js';
import { logger } from '../shared/powertools.js';
import type { OutboxMessage } from '../store/outbox.js';

export interface Notification {
  channel: 'sms' | 'email';
  to: string;
  text: string;
  /** What caused it, e.g. `rating-invitation:<caseId>`. */
  reason: string;
}

async function sendViaSns(n: Notification): Promise<void> {
  const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
  const client = new SNSClient({});
  await client.send(
    new PublishCommand({ PhoneNumber: n.to.startsWith('+') ? n.to : `+86${n.to}`, Message: n.text }),
  );
}

export async function notify(n: Notification): Promise<void> {
  const p = platform();
  const at = p.clock.now().toISOString();
  const id = randomUUID();
  if (process.env.WOODPECKER_NOTIFIER === 'sns' && n.channel === 'sms') {
    try {
      await sendViaSns(n);
    } catch (err) {
      logger.warn('sms not sent', { reason: n.reason, error: String(err) });
    }
  }
  await p.outbox.put({
    id,
    at,
    channel: n.channel,
    to: n.channel === 'sms' ? maskPhone(n.to) : n.to.replace(/^(.).*(@.*)$/, '$1***$2'),
    text: n.text,
    reason: n.reason,
  });
}

/** A completed case with a known phone gets its rating link by SMS. */
export async function notifyRatingInvitation(
  record: CaseRecord,
  applicantPhone: string | undefined,
  ratingUrl: string,
): Promise<void> {
  if (!applicantPhone) return;
  await notify({
    channel: 'sms',
    to: applicantPhone,
    reason: `rating-invitation:${record.caseId}`,
    text: `【啄木鸟】您办理的事项（办件号 ${record.caseId}）已办结，请对本次服务评价：${ratingUrl}`,
  });
}

/** The latest messages in the outbox, newest first (the local outbox page, tests). */
export async function recentOutbox(limit = 100): Promise<OutboxMessage[]> {
  return platform().outbox.recent(limit);
}
