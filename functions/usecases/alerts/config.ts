/**
 * How alerts reach people, from the environment (the CDK stacks and `npm start` set the
 * same names): the SMTP server as an `smtp(s)://` URL in a secret
 * (`WOODPECKER_SMTP_URL_SECRET_ARN`; locally `WOODPECKER_SMTP_URL` directly), the HTTPS
 * SMS gateway (`WOODPECKER_SMS_GATEWAY_URL`, its token in `WOODPECKER_SMS_GATEWAY_SECRET_ARN`)
 * or SNS (`WOODPECKER_NOTIFIER=sns`), the SMS signature (`WOODPECKER_SMS_SIGNATURE`),
 * language and template id, quiet hours, the daily cap (`WOODPECKER_SMS_DAILY_CAP`) and
 * the operator's kill switch (`WOODPECKER_SMS_DISABLED=1`).
 */
import {
  type AlertLang,
  DEFAULT_QUIET_HOURS,
  DEFAULT_SMS_SIGNATURE,
  parseQuietHours,
  type QuietHours,
} from '../../domain/alerts/index.js';

export interface AlertConfig {
  smtpUrl: string | undefined;
  smtpUrlSecretArn: string | undefined;
  mailFrom: string;
  smsGatewayUrl: string | undefined;
  smsGatewaySecretArn: string | undefined;
  /** Locally, the gateway token itself (in AWS it is read from the secret). */
  smsGatewayToken: string | undefined;
  /** The gateway's template id for staff alerts, when the city registered it under another id than SMS_TEMPLATES'. */
  smsTemplateId: string | undefined;
  /** The language of staff SMS (`WOODPECKER_SMS_LANG`, zh by default). */
  smsLang: AlertLang;
  sns: boolean;
  smsSignature: string;
  quietHours: QuietHours;
  /** Texts a day at most, across all staff; beyond it SMS waits for the next day. */
  smsDailyCap: number;
  /** The operator's kill switch: no SMS at all while set. */
  smsDisabled: boolean;
  publicBaseUrl: string;
}

export function alertConfig(env: NodeJS.ProcessEnv = process.env): AlertConfig {
  const cap = Number(env.WOODPECKER_SMS_DAILY_CAP);
  return {
    smtpUrl: env.WOODPECKER_SMTP_URL || undefined,
    smtpUrlSecretArn: env.WOODPECKER_SMTP_URL_SECRET_ARN || undefined,
    mailFrom: env.WOODPECKER_MAIL_FROM || 'woodpecker@localhost',
    smsGatewayUrl: env.WOODPECKER_SMS_GATEWAY_URL || undefined,
    smsGatewaySecretArn: env.WOODPECKER_SMS_GATEWAY_SECRET_ARN || undefined,
    smsGatewayToken: env.WOODPECKER_SMS_GATEWAY_TOKEN || undefined,
    smsTemplateId: env.WOODPECKER_SMS_TEMPLATE_ID || undefined,
    smsLang: env.WOODPECKER_SMS_LANG === 'en' ? 'en' : 'zh',
    sns: env.WOODPECKER_NOTIFIER === 'sns',
    smsSignature: env.WOODPECKER_SMS_SIGNATURE || DEFAULT_SMS_SIGNATURE,
    quietHours: parseQuietHours(env.WOODPECKER_SMS_QUIET_HOURS) ?? DEFAULT_QUIET_HOURS,
    smsDailyCap: Number.isInteger(cap) && cap > 0 ? cap : 2000,
    smsDisabled: env.WOODPECKER_SMS_DISABLED === '1' || env.WOODPECKER_SMS_DISABLED === 'true',
    publicBaseUrl: env.WOODPECKER_PUBLIC_URL ?? 'http://localhost:3000',
  };
}
