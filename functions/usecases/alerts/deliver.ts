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
  alertTitle,
  inQuietHours,
  shortLinkOf,
  smsMessage,
} from '../../domain/alerts/index.js';
import { beijingDate } from '../../domain/calendar/index.js';
import { maskContact } from '../../domain/critiques/contact.js';
import type { Platform } from '../../platform.js';
import { logger } from '../../shared/powertools.js';
import { AGAIN, exponentialBackoff, retrying } from '../../shared/retry.js';
import type { DeliveryChannel, StoredAlert } from '../../store/alerts.js';
import { type AlertConfig, alertConfig } from './config.js';
import { sendEmail } from './email.js';
import { openAddress } from './seal.js';
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

/** The console link of an alert (its inbox entry), as e-mail carries it. */
export function alertLink(config: Pick<AlertConfig, 'publicBaseUrl'>, id: string): string {
  return `${config.publicBaseUrl.replace(/\/$/, '')}/staff/inbox#a-${id}`;
}

/** The SMS of an alert, by the configured template, signature and language, with its short link. */
export function alertSms(a: Pick<StoredAlert, 'id' | 'kind' | 'stage' | 'params'>, config: AlertConfig) {
  return smsMessage(alertTitle(a, config.smsLang), shortLinkOf(config.publicBaseUrl, a.id), {
    lang: config.smsLang,
    signature: config.smsSignature,
    templateId: config.smsTemplateId,
  });
}

async function sendOne(
  p: Platform,
  a: StoredAlert,
  channel: DeliveryChannel,
  to: string,
  config: AlertConfig,
): Promise<void> {
  const at = p.clock.now().toISOString();
  if (channel === 'email') {
    const subject = alertTitle(a, 'zh');
    const text = alertEmailText(a, alertLink(config, a.id));
    if (!(await sendEmail(config, { id: a.id, to, subject, text })))
      await p.outbox.put({
        id: a.id,
        at,
        channel: 'email',
        to: maskContact('email', to),
        text: `${subject}\n${text}`,
        reason: `alert:${a.id}`,
      });
    return;
  }
  const sms = alertSms(a, config);
  if (smsRoute(config) === 'outbox') {
    await p.outbox.put({
      id: a.id,
      at,
      channel: 'sms',
      to: maskContact('phone', to),
      text: sms.text,
      reason: `alert:${a.id}`,
    });
    return;
  }
  await sendSms(config, { id: a.id, to, ...sms });
}

/**
 * Why an SMS may not go now, before it is claimed: the kill switch (parked) or quiet
 * hours (deferred, serious items excepted).
 */
function smsHold(p: Platform, a: StoredAlert, config: AlertConfig): 'off' | 'wait' | undefined {
  if (config.smsDisabled) return 'off';
  if (a.severity !== 'serious' && inQuietHours(p.clock.now(), config.quietHours)) return 'wait';
  return undefined;
}

/**
 * Count one SMS against the daily cap. The counter's window is the Beijing day: the
 * shared fixed-window counter aligns windows to UTC midnight, so it is given the clock
 * moved by Beijing's offset.
 */
async function withinDailyCap(p: Platform, config: AlertConfig): Promise<boolean> {
  const beijing = new Date(p.clock.now().getTime() + 8 * 3600_000);
  const cap = await p.rateLimits.takeRateLimit(
    'sms-alerts',
    { windowSeconds: 86_400, limit: config.smsDailyCap },
    beijing,
  );
  return cap.allowed;
}

/** Hold an SMS over to a later sweep (quiet hours, the cap): deferred, in the due index from today. */
async function defer(p: Platform, a: StoredAlert, claimed: boolean): Promise<void> {
  const now = p.clock.now();
  if (!claimed && a.delivery.sms?.state === 'deferred') return;
  await p.alerts.settleDelivery(a.id, 'sms', { state: 'deferred', at: now.toISOString() });
  // The sweeper looks again from today (after midnight: the quiet night is today's).
  const today = beijingDate(now);
  const on = a.next && a.next.on < today ? a.next.on : today;
  await p.alerts.advanceAlert(a, a.next, on);
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
    const hold = channel === 'sms' ? smsHold(p, a, config) : undefined;
    if (hold === 'wait') {
      await defer(p, a, false);
      report.deferred++;
      continue;
    }
    if (!(await p.alerts.claimDelivery(a.id, channel, p.clock.now(), SEND_LEASE_MS))) continue;
    const park = async (error: string) => {
      logger.warn('alert not delivered', { id: a.id, channel, error });
      await p.alerts.settleDelivery(a.id, channel, {
        state: 'failed',
        at: p.clock.now().toISOString(),
        error,
      });
      report.failed++;
    };
    if (hold === 'off') {
      await park('SMS switched off by the operator');
      continue;
    }
    const to = await openAddress(channel === 'email' ? a.recipient.email : a.recipient.phone);
    if (!to) {
      await park('No address to send to (missing, or sealed under a replaced secret)');
      continue;
    }
    if (channel === 'sms') {
      // The citizen opt-out list (functions/store/opt-outs.ts, another branch) is checked
      // here, on the opened number, before the cap counts it:
      //   if (await p.optOuts.isOptedOut(to)) { await park('The recipient opted out'); continue; }
      if (!(await withinDailyCap(p, config))) {
        await defer(p, a, true);
        report.deferred++;
        continue;
      }
    }
    let lastError = '';
    const sent = await retrying(
      async () => {
        try {
          await sendOne(p, a, channel, to, config);
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
    if (sent) {
      await p.alerts.settleDelivery(a.id, channel, { state: 'sent', at: p.clock.now().toISOString() });
      report.sent++;
    } else await park(lastError);
  }
  return report;
}
