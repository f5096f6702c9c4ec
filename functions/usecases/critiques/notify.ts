/**
 * Tell a nitpicker who left a contact that their critique moved (answered, rectified,
 * not accepted): the sealed contact is opened only here, to send, and the outbox keeps
 * only the masked recipient. Best effort — a failed notice never undoes the change.
 */
import { openContact } from '../../domain/critiques/contact.js';
import type { Critique } from '../../domain/critiques/model.js';
import { readConfig } from '../../shared/config.js';
import { logger } from '../../shared/powertools.js';
import { platformSecret } from '../../shared/secrets.js';
import { notify } from '../notifications.js';

const WHAT = {
  answered: '已有公开答复',
  rectified: '已整改并公开说明',
  rejected: '未被受理（原因见页面）',
} as const;

export async function notifyNitpicker(c: Critique, what: keyof typeof WHAT): Promise<void> {
  if (!c.contact) return;
  try {
    const to = openContact(await platformSecret(), c.contact.sealed);
    if (!to) return;
    const url = `${readConfig().publicBaseUrl}/critiques/${c.trackingCode}`;
    await notify({
      channel: c.contact.kind === 'phone' ? 'sms' : 'email',
      to,
      reason: `critique-${what}:${c.trackingCode}`,
      text: `【啄木鸟】您的找茬（跟踪码 ${c.trackingCode}）${WHAT[what]}：${url}`,
    });
  } catch (err) {
    logger.warn('critique notice not sent', { trackingCode: c.trackingCode, error: String(err) });
  }
}
