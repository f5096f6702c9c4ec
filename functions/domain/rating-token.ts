/**
 * Rating tokens: an HMAC over the case id and an expiry, so a token is useless for any
 * other case, cannot be guessed, and stops working after its period (30 days after
 * completion by default). Checked in constant time.
 *
 * Exactly one spelling of each token is accepted: the one `issueRatingToken` writes.
 * Base64 decoders are lenient (padding, `+/` for `-_`, the unused low bits of the last
 * symbol) and so is `parseInt` (leading zeros), but the token is also an identity —
 * the rater's rate-limit bucket is keyed by it — so a second spelling of a valid token
 * would be a second bucket. The check re-encodes what it parsed and compares.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOKEN_DAYS = 30;

function mac(secret: string, caseId: string, exp: number): Buffer {
  return createHmac('sha256', secret).update(`rating:v1:${caseId}:${exp}`).digest();
}

/** `<expiry base36>.<hmac base64url>` */
export function issueRatingToken(
  secret: string,
  caseId: string,
  completedAt: Date,
  days = DEFAULT_TOKEN_DAYS,
): string {
  const exp = Math.floor(completedAt.getTime() / 1000) + days * 86400;
  return `${exp.toString(36)}.${mac(secret, caseId, exp).toString('base64url')}`;
}

export type TokenCheck = 'valid' | 'invalid' | 'expired';

export function checkRatingToken(secret: string, caseId: string, token: string, now: Date): TokenCheck {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'invalid';
  const exp = Number.parseInt(m[1]!, 36);
  const given = Buffer.from(m[2]!, 'base64url');
  if (exp.toString(36) !== m[1] || given.toString('base64url') !== m[2]) return 'invalid';
  const expected = mac(secret, caseId, exp);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return now.getTime() / 1000 > exp ? 'expired' : 'valid';
}
