/**
 * Rating tokens are accepted in exactly one spelling: every other spelling of a valid
 * token (base64 padding, `+/` for `-_`, other unused low bits in the last symbol, a
 * zero-padded expiry) is invalid, so a token cannot be multiplied into several
 * identities (the rater's rate-limit bucket is keyed by the token).
 */
import { describe, expect, it } from 'vitest';
import { checkRatingToken, issueRatingToken } from '../../functions/domain/rating-token.js';

const SECRET = 's'.repeat(40);
const COMPLETED = new Date('2026-01-15T08:00:00Z');
const NOW = new Date('2026-01-16T08:00:00Z');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A token whose MAC contains `+`/`/` in standard base64 (so `-`/`_` in base64url), found by trying cases. */
function tokenWithUrlSymbols(): { caseId: string; token: string } {
  for (let i = 0; ; i++) {
    const caseId = `C${i}`;
    const token = issueRatingToken(SECRET, caseId, COMPLETED);
    if (/[-_]/.test(token.split('.')[1]!)) return { caseId, token };
  }
}

describe('rating tokens: the canonical spelling only', () => {
  const caseId = 'C1';
  const token = issueRatingToken(SECRET, caseId, COMPLETED);
  const [exp, mac] = token.split('.') as [string, string];

  it('accepts the token as issued', () => {
    expect(mac).toHaveLength(43);
    expect(checkRatingToken(SECRET, caseId, token, NOW)).toBe('valid');
  });

  it('refuses the same MAC with other unused low bits in its last symbol', () => {
    // 43 symbols carry 258 bits for a 256-bit MAC: the last symbol's two low bits are unused.
    const last = ALPHABET.indexOf(mac.at(-1)!);
    expect(last & 3).toBe(0);
    const variants = [1, 2, 3].map((bits) => `${exp}.${mac.slice(0, -1)}${ALPHABET[last | bits]}`);
    for (const variant of variants) {
      expect(variant).not.toBe(token);
      expect(Buffer.from(variant.split('.')[1]!, 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
      expect(checkRatingToken(SECRET, caseId, variant, NOW), variant).toBe('invalid');
    }
  });

  it('refuses a zero-padded or upper-case expiry', () => {
    for (const variant of [`0${exp}.${mac}`, `00${exp}.${mac}`, `${exp.toUpperCase()}.${mac}`]) {
      expect(checkRatingToken(SECRET, caseId, variant, NOW), variant).toBe('invalid');
    }
  });

  it('refuses padding and standard-base64 symbols', () => {
    const other = tokenWithUrlSymbols();
    const [e, m] = other.token.split('.') as [string, string];
    const standard = Buffer.from(m, 'base64url').toString('base64');
    expect(standard).toMatch(/[+/]/);
    for (const variant of [`${e}.${m}=`, `${e}.${standard}`, `${e}.${standard.replace(/=+$/, '')}`]) {
      expect(checkRatingToken(SECRET, other.caseId, variant, NOW), variant).toBe('invalid');
    }
    expect(checkRatingToken(SECRET, other.caseId, other.token, NOW)).toBe('valid');
  });

  it('still tells expired from invalid', () => {
    expect(checkRatingToken(SECRET, caseId, token, new Date('2026-03-01T00:00:00Z'))).toBe('expired');
    expect(checkRatingToken(SECRET, 'C2', token, NOW)).toBe('invalid');
  });
});
