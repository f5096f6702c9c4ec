/**
 * The recipient's address on an alert is kept sealed (AES-256-GCM under the platform
 * secret, the same seal as a critic's contact: functions/domain/critiques/contact.ts),
 * so neither the item, its stream records nor a log line holds a clear number or
 * address; it is opened only by the sender, to send, and erased once sent or parked.
 * Every alert is kept through `keepAlert`, so none is written unsealed.
 */
import type { Alert } from '../../domain/alerts/index.js';
import { openContact, sealContact } from '../../domain/critiques/contact.js';
import type { Platform } from '../../platform.js';
import { platformSecret } from '../../shared/secrets.js';

const SEALED = /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/;

/** Seal an address (a phone number or e-mail address) for the alert item. */
export async function sealAddress(address: string): Promise<string> {
  return sealContact(await platformSecret(), address);
}

/**
 * The clear address of a sealed one; undefined when it cannot be opened (sealed under
 * a secret since replaced, or altered). An address written before sealing (no `v1.`
 * form: a phone number or e-mail address never has it) is taken as it is.
 */
export async function openAddress(stored: string | undefined): Promise<string | undefined> {
  if (!stored) return undefined;
  if (!SEALED.test(stored)) return stored;
  return openContact(await platformSecret(), stored);
}

/** Keep a new alert with its recipient's address sealed; false when it was already kept. */
export async function keepAlert(p: Platform, alert: Alert, now: Date): Promise<boolean> {
  const r = alert.recipient;
  const recipient = {
    ...r,
    email: r.email ? await sealAddress(r.email) : undefined,
    phone: r.phone ? await sealAddress(r.phone) : undefined,
  };
  return p.alerts.putAlert({ ...alert, recipient }, now);
}
