/**
 * Personal data handling (PIPL): phone numbers are kept only as a keyed hash (to match
 * a caller again) plus a masked form (to show staff), and phone or ID numbers inside
 * free text are masked before anything is shown in public.
 */
import { createHmac } from 'node:crypto';

const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g;
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const LANDLINE = /(?<!\d)(0\d{2,3})[- ]?(\d{7,8})(?!\d)/g;

/** Digits only, without a +86 prefix. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  const d = normalisePhone(phone);
  if (d.length < 7) return '*'.repeat(d.length);
  return `${d.slice(0, 3)}${'*'.repeat(d.length - 7)}${d.slice(-4)}`;
}

/** A keyed hash, so equal phones can be matched without storing them. */
export function hashPhone(secret: string, phone: string): string {
  return createHmac('sha256', secret)
    .update(`phone:${normalisePhone(phone)}`)
    .digest('base64url');
}

/** Mask mobile, landline and ID-card numbers in free text shown in public. */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(
      ID_CARD,
      (_, a: string, _b: string, c: string) =>
        `${a}********${c.slice(-1) === 'X' || c.slice(-1) === 'x' ? '***X' : '****'}`,
    )
    .replace(MOBILE, (_, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_, a: string, b: string) => `${a}-****${b.slice(-3)}`);
}
