/**
 * SMS to staff: through a configurable HTTPS gateway (a domestic or government SMS
 * platform sending a registered template under the city's signature — AWS China has
 * no SNS SMS), else through SNS where AWS offers it, else (locally, with neither) only
 * the outbox page. The alert id is the gateway's idempotency key, so a resend of the
 * same alert is one text at the gateway.
 */
import type { SmsMessage, SmsRoute } from '../../domain/alerts/index.js';
import { cachedSecret } from '../../shared/secrets.js';
import type { AlertConfig } from './config.js';

export interface OutgoingSms extends SmsMessage {
  id: string;
  to: string;
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\//;

/** Where an SMS goes under this configuration. */
export function smsRoute(config: AlertConfig): SmsRoute | 'outbox' {
  if (config.smsGatewayUrl) return 'gateway';
  return config.sns ? 'sns' : 'outbox';
}

async function gatewayToken(config: AlertConfig): Promise<string | undefined> {
  if (config.smsGatewayToken) return config.smsGatewayToken;
  if (config.smsGatewaySecretArn)
    return cachedSecret(config.smsGatewaySecretArn, 'The SMS gateway credentials', 8);
  return undefined;
}

/** Send one SMS by the gateway or SNS; throws on refusal for the caller's retry. */
export async function sendSms(config: AlertConfig, m: OutgoingSms): Promise<void> {
  if (config.smsGatewayUrl) {
    const url = config.smsGatewayUrl;
    if (!url.startsWith('https://') && !LOOPBACK.test(url))
      throw new Error('The SMS gateway must be reached over HTTPS.');
    const token = await gatewayToken(config);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': m.id,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({
        to: m.to,
        templateId: m.templateId,
        params: m.params,
        signature: config.smsSignature,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`The SMS gateway answered ${res.status}.`);
    return;
  }
  const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
  const client = new SNSClient({});
  try {
    await client.send(
      new PublishCommand({ PhoneNumber: m.to.startsWith('+') ? m.to : `+86${m.to}`, Message: m.text }),
    );
  } finally {
    client.destroy();
  }
}
