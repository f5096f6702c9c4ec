/**
 * The sender: delivers an alert's e-mail and SMS once. Each channel is claimed with a
 * lease before the send (so a redelivered stream record, a second sender or a resend
 * racing it does nothing), sent with retries and backoff, and settled as sent, or
 * parked as failed after the last try (the console shows it with a resend). SMS waits
 * out quiet hours (serious items excepted), the daily cap and the kill switch.
 * Without an SMTP server or SMS route (tests, a bare local run) the message is kept in
 * the outbox the local outbox page lists, masked.
 */

import {
  alertEmailText,
  alertSmsParams,
  alertSmsText,
  alertTitle,
  inQuietHours,
} from '../../domain/alerts/index.js';
import { beijingDate } from '../../domain/calendar/index.js';
import { maskPhone } from '../../domain/pii.js';
import type { Platform } from '../../platform.js';
import { logger } from '../../shared/powertools.js';
import { AGAIN, exponentialBackoff, retrying } from '../../shared/retry.js';
import type { DeliveryChannel, StoredAlert } from '../../store/alerts.js';
import { type AlertConfig, alertConfig } from './config.js';
import { sendEmail } from './email.js';
import { sendSms, smsRoute } from './sms.js';

/** How long a claimed send may take before another sender may take it over. */
export const SEND_LEASE_MS = 60_000;
/** Tries per send before the message is parked as failed. */
export const SEND_ATTEMPTS = 3;

export interface DeliveryReport {
  sent: number;
  deferred: number;
  failed: number;
}

/** The console link of an alert (its inbox entry). */
export function alertLink(config: Pick<AlertConfig, 'publicBaseUrl'>, id: string): string {
  return `${config.publicBaseUrl.replace(/\/$/, '')}/staff/inbox#a-${id}`;
}

const maskEmail = (to: string) => to.replace(/^(.).*(@.*)$/, '$1***$2');

async function sendOne(
  p: Platform,
  a: StoredAlert,
  channel: DeliveryChannel,
  config: AlertConfig,
): Promise<void> {
  const link = alertLink(config, a.id);
  const at = p.clock.now().toISOString();
  if (channel === 'email') {
    const to = a.recipient.email ?? '';
    const subject = alertTitle(a, 'zh');
    const text = alertEmailText(a, link);
    if (!(await sendEmail(config, { id: a.id, to, subject, text })))
      await p.outbox.put({
        id: a.id,
        at,
        channel: 'email',
        to: maskEmail(to),
        text: `${subject}\n${text}`,
        reason: `alert:${a.id}`,
      });
    return;
  }
  const to = a.recipient.phone ?? '';
  const text = alertSmsText(a, link, config.smsSignature);
  if (smsRoute(config) === 'outbox') {
    await p.outbox.put({ id: a.id, at, channel: 'sms', to: maskPhone(to), text, reason: `alert:${a.id}` });
    return;
  }
  await sendSms(config, { id: a.id, to, text, templateId: config.smsTemplateId, params: alertSmsParams(a) });
}

/** Why an SMS may not go now, if it may not: the kill switch (parked) or quiet hours and the cap (deferred). */
async function smsHold(
  p: Platform,
  a: StoredAlert,
  config: AlertConfig,
): Promise<'off' | 'wait' | undefined> {
  if (config.smsDisabled) return 'off';
  const now = p.clock.now();
  if (a.severity !== 'serious' && inQuietHours(now, config.quietHours)) return 'wait';
  const cap = await p.rateLimits.takeRateLimit(
    'sms-alerts',
    { windowSeconds: 86_400, limit: config.smsDailyCap },
    now,
  );
  return cap.allowed ? undefined : 'wait';
}

/** Deliver the channels of an alert still to be sent. */
export async function deliverAlert(
  p: Platform,
  a: StoredAlert,
  config: AlertConfig = alertConfig(),
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, deferred: 0, failed: 0 };
  for (const channel of ['email', 'sms'] as const) {
    const d = a.delivery[channel];
    if (!d || !['pending', 'deferred', 'sending'].includes(d.state)) continue;
    const now = p.clock.now();
    if (channel === 'sms') {
      const hold = await smsHold(p, a, config);
      if (hold === 'wait') {
        if (d.state !== 'deferred') {
          await p.alerts.settleDelivery(a.id, channel, { state: 'deferred', at: now.toISOString() });
          // The sweeper looks again from today (after midnight: the quiet night is today's).
          const today = beijingDate(now);
          const on = a.next && a.next.on < today ? a.next.on : today;
          await p.alerts.advanceAlert(a, a.next, on);
        }
        report.deferred++;
        continue;
      }
      if (hold === 'off') {
        if (await p.alerts.claimDelivery(a.id, channel, now, SEND_LEASE_MS)) {
          await p.alerts.settleDelivery(a.id, channel, {
            state: 'failed',
            at: now.toISOString(),
            error: 'SMS switched off by the operator',
          });
          report.failed++;
        }
        continue;
      }
    }
    if (!(await p.alerts.claimDelivery(a.id, channel, now, SEND_LEASE_MS))) continue;
    let lastError = '';
    const sent = await retrying(
      async () => {
        try {
          await sendOne(p, a, channel, config);
          return true;
        } catch (err) {
          lastError = String(err instanceof Error ? err.message : err).slice(0, 300);
          return AGAIN;
        }
      },
      {
        attempts: SEND_ATTEMPTS,
        backoffMs: exponentialBackoff({ baseMs: 200, capMs: 2000 }),
        exhausted: () => false,
      },
    );
    const at = p.clock.now().toISOString();
    if (sent) {
      await p.alerts.settleDelivery(a.id, channel, { state: 'sent', at });
      report.sent++;
    } else {
      logger.warn('alert not delivered', { id: a.id, channel, error: lastError });
      await p.alerts.settleDelivery(a.id, channel, { state: 'failed', at, error: lastError });
      report.failed++;
    }
  }
  return report;
}
