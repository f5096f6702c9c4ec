/**
 * A nitpicker's optional private contact (phone or e-mail), kept so the platform can
 * tell them their critique was answered and never shown in public: a masked form for
 * staff, a keyed hash to recognise the same person again, and the value sealed with
 * AES-256-GCM under a key derived from the platform secret, opened only to send.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskPhone, normalisePhone } from '../pii.js';
import type { StoredContact } from './model.js';

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^\+?[\d -]{7,20}$/;

export type ContactKind = StoredContact['kind'];

/** Whether a contact is a phone number or an e-mail address; undefined when neither. */
export function contactKind(contact: string): ContactKind | undefined {
  const value = contact.trim();
  if (EMAIL.test(value)) return 'email';
  if (PHONE.test(value)) {
    const digits = normalisePhone(value);
    if (digits.length >= 7 && digits.length <= 15) return 'phone';
  }
  return undefined;
}

function normalise(kind: ContactKind, contact: string): string {
  return kind === 'phone' ? normalisePhone(contact) : contact.trim().toLowerCase();
}

/** 138****1234, or a***@example.com. */
export function maskContact(kind: ContactKind, contact: string): string {
  if (kind === 'phone') return maskPhone(contact);
  const [local = '', domain = ''] = contact.trim().split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'woodpecker', 'critique-contact:v1', 32));
}

/** Seal a contact: `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function sealContact(secret: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return ['v1', iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Open a sealed contact; undefined if it was sealed under another secret or altered. */
export function openContact(secret: string, sealed: string): string | undefined {
  const [version, iv, ct, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !ct || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** What is stored for a validated contact. */
export function storeContact(secret: string, contact: string): StoredContact | undefined {
  const kind = contactKind(contact);
  if (!kind) return undefined;
  const value = normalise(kind, contact);
  return {
    kind,
    masked: maskContact(kind, contact),
    hash: createHmac('sha256', secret).update(`contact:${kind}:${value}`).digest('base64url'),
    sealed: sealContact(secret, value),
  };
}
