/**
 * Tracking codes: 10 symbols of Crockford base32, nine from a cryptographic random
 * source (45 bits, so codes cannot be guessed or enumerated) and one Luhn mod 32 check
 * symbol, so a code copied by hand with one wrong or two swapped symbols is recognised
 * as mistyped (400) rather than looked up. Reading is lenient the way Crockford intends:
 * lower case, O for 0, I and L for 1, and spaces or hyphens are accepted.
 */
import { randomInt } from 'node:crypto';

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;
export const TRACKING_CODE_LENGTH = 10;

function checkSymbol(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    let addend = factor * ALPHABET.indexOf(payload[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return ALPHABET[(N - (sum % N)) % N]!;
}

/** A new random tracking code. */
export function newTrackingCode(random: (max: number) => number = randomInt): string {
  let payload = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH - 1; i++) payload += ALPHABET[random(N)];
  return payload + checkSymbol(payload);
}

/**
 * The canonical form of a typed code, or undefined when it is not a well-formed code
 * (wrong length, foreign symbols or a failed check symbol).
 */
export function parseTrackingCode(input: string): string | undefined {
  if (input.length > 40) return undefined;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== TRACKING_CODE_LENGTH) return undefined;
  for (const ch of code) if (!ALPHABET.includes(ch)) return undefined;
  const payload = code.slice(0, -1);
  return checkSymbol(payload) === code.slice(-1) ? code : undefined;
}
