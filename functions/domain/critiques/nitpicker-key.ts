/**
 * The nitpicker's private key: what proves "I submitted this critique". The tracking
 * code is public (every board row links to it), so it cannot be the permission to say
 * "solved" (final) or "not solved" (reopens). The key is 26 symbols of Crockford base32
 * from a cryptographic random source (130 bits), handed out once with the submission
 * and kept only as a hash bound to its tracking code; a check compares against every
 * stored hash in constant time. Typed keys are read leniently like tracking codes
 * (lower case, O for 0, I and L for 1, spaces and hyphens ignored).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Critique } from './model.js';
import { ALPHABET } from './tracking-code.js';

export const NITPICKER_KEY_LENGTH = 26;
/** Keys one critique may hold: the first, plus ones handed to identical resubmissions. */
export const MAX_NITPICKER_KEYS = 5;

/** A new random key. */
export function newNitpickerKey(random: (max: number) => number = randomInt): string {
  let key = '';
  for (let i = 0; i < NITPICKER_KEY_LENGTH; i++) key += ALPHABET[random(ALPHABET.length)];
  return key;
}

/** The canonical form of a typed key, or undefined when it is not one. */
export function parseNitpickerKey(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 80) return undefined;
  const key = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (key.length !== NITPICKER_KEY_LENGTH) return undefined;
  for (const ch of key) if (!ALPHABET.includes(ch)) return undefined;
  return key;
}

/** What is stored for a key: a hash bound to its critique, so it is useless for any other. */
export function hashNitpickerKey(trackingCode: string, key: string): string {
  return createHash('sha256').update(`critique-nitpicker:v1:${trackingCode}:${key}`).digest('base64url');
}

/** Whether `input` is one of the critique's keys. Critiques stored before keys existed have none. */
export function nitpickerKeyMatches(
  c: Pick<Critique, 'trackingCode' | 'nitpickerKeyHashes'>,
  input: unknown,
): boolean {
  const key = parseNitpickerKey(input);
  if (!key || !c.nitpickerKeyHashes?.length) return false;
  const given = Buffer.from(hashNitpickerKey(c.trackingCode, key));
  let found = false;
  for (const stored of c.nitpickerKeyHashes) {
    const expected = Buffer.from(stored);
    // Every stored hash is compared; lengths are all the same (SHA-256 in base64url).
    if (expected.length === given.length && timingSafeEqual(expected, given)) found = true;
  }
  return found;
}
