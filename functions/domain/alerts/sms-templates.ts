/**
 * SMS templates per route and language. A domestic or government SMS platform (the
 * route in AWS China, where SNS has no SMS) sends only templates registered with it,
 * by template id and parameters, under the city's registered signature; SNS sends the
 * text as given, so the platform writes the same words with the signature in front.
 * One template text serves both, so the message is the same whichever route carries it,
 * and it is cut to one 70-character segment (UCS-2: any Chinese character makes the
 * whole text UCS-2, and the signature is Chinese) with the signature and the short link.
 */
import type { AlertLang } from './templates.js';

/** The routes an SMS can take. */
export type SmsRoute = 'gateway' | 'sns';

/** A registered template: its id at the gateway and its text with `{name}` placeholders. */
export interface SmsTemplate {
  id: string;
  text: string;
}

/** One segment of a UCS-2 text message. */
export const SMS_SEGMENT_CHARS = 70;

/**
 * The staff-alert templates as registered at the gateway (the ids a deployment may
 * override with `WOODPECKER_SMS_TEMPLATE_ID`), in Chinese and English. Parameters:
 * `title` (the alert's title, cut to fit) and `link` (the short link).
 */
export const SMS_TEMPLATES: Record<AlertLang, SmsTemplate> = {
  zh: { id: 'WP_STAFF_ALERT', text: '{title} {link}' },
  en: { id: 'WP_STAFF_ALERT_EN', text: '{title} {link}' },
};

/** A registered template by id, in any language. */
export function smsTemplateById(id: string): SmsTemplate | undefined {
  return Object.values(SMS_TEMPLATES).find((t) => t.id === id);
}

/** A template's text with its parameters filled in; undefined when one is missing. */
export function fillSmsTemplate(t: SmsTemplate, params: Record<string, string>): string | undefined {
  let missing = false;
  const text = t.text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (typeof v !== 'string') missing = true;
    return v ?? '';
  });
  return missing ? undefined : text;
}

/** What goes to the gateway (template and parameters) and the full text SNS or a reader sees. */
export interface SmsMessage {
  templateId: string;
  params: Record<string, string>;
  /** Signature plus filled template: what the phone shows. */
  text: string;
}

/**
 * The SMS of an alert titled `title`, linking to `link`: the title is cut (with `…`) so
 * the signature, the filled template and the link fit one segment.
 */
export function smsMessage(
  title: string,
  link: string,
  options: { lang: AlertLang; signature: string; templateId?: string | undefined },
): SmsMessage {
  const template = SMS_TEMPLATES[options.lang];
  const skeleton = fillSmsTemplate(template, { title: '', link }) ?? '';
  const room = SMS_SEGMENT_CHARS - options.signature.length - skeleton.length;
  const cut = [...title].length > room && room > 1 ? `${[...title].slice(0, room - 1).join('')}…` : title;
  const params = { title: cut, link };
  return {
    templateId: options.templateId ?? template.id,
    params,
    text: `${options.signature}${fillSmsTemplate(template, params)}`,
  };
}
