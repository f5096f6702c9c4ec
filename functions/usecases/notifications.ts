/**
 * The notification port: SMS and e-mail the platform sends (rating invitations,
 * deadline reminders). In the cloud SMS goes through SNS (`WOODPECKER_NOTIFIER=sns`);
 * locally every message lands in the outbox, shown on the outbox page. The outbox keeps
 * only the masked recipient: the clear number is used once, to send, and dropped.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '../domain/cases/case.js';
import { maskPhone } from '../domain/pii.js';
import { platform } from '../platform.js';
import { logger } from '../shared/powertools.js';
import { keys } from '../store/keys.js';

export interface Notification {
  channel: 'sms' | 'email';
  to: string;
  text: string;
  /** What caused it, e.g. `rating-invitation:<caseId>`. */
  reason: string;
}

export interface OutboxMessage {
  id: string;
  at: string;
  channel: 'sms' | 'email';
  to: string;
  text: string;
  reason: string;
}

const OUTBOX_TTL_SECONDS = 30 * 24 * 3600;

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
  await p.store.doc.send(
    new PutCommand({
      TableName: p.store.tableName,
      Item: {
        ...keys.outbox(id, at),
        type: 'outbox',
        v: 1,
        id,
        at,
        channel: n.channel,
        to: n.channel === 'sms' ? maskPhone(n.to) : n.to.replace(/^(.).*(@.*)$/, '$1***$2'),
        text: n.text,
        reason: n.reason,
        ttl: Math.floor(Date.now() / 1000) + OUTBOX_TTL_SECONDS,
      },
    }),
  );
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

export async function recentOutbox(limit = 100): Promise<OutboxMessage[]> {
  const p = platform();
  const out = await p.store.doc.send(
    new QueryCommand({
      TableName: p.store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'OUTBOX' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(({ id, at, channel, to, text, reason }) => ({
    id,
    at,
    channel,
    to,
    text,
    reason,
  }));
}
