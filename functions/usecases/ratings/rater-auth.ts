/**
 * A rater is whoever holds the case's rating token: an HMAC over the case id and an
 * expiry, checked in constant time, useless for any other case. Their writes are
 * rate-limited per token (never per address: a whole service hall may share one).
 */
import { createHash } from 'node:crypto';
import { checkRatingToken } from '../../domain/rating-token.js';
import { Refusal } from '../../domain/refusal.js';
import { isId } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import { platformSecret } from '../../shared/secrets.js';

/** Writes allowed per token and window: generous for a person, tight for a script. */
export const RATER_RATE_LIMIT = { windowSeconds: 600, limit: 10 } as const;

export interface Rater {
  caseId: string;
  token: string;
  /** Past its expiry but authentic (only when the caller allows a grace period). */
  expired: boolean;
}

/**
 * Days after a token's expiry during which its holder may still follow their rating
 * (see the rectification, give feedback), though no longer rate.
 */
export const FOLLOW_UP_GRACE_DAYS = 90;

/**
 * 401 unless `token` is a valid, unexpired rating token of `caseId`; with
 * `graceDays`, an authentic token up to that many days past its expiry passes too,
 * marked `expired`.
 */
export async function authenticateRater(
  p: Platform,
  caseId: unknown,
  token: unknown,
  options: { graceDays?: number } = {},
): Promise<Rater> {
  if (typeof token !== 'string' || !token)
    throw new Refusal('unauthenticated', 'A rating token is required (the t= part of your rating link).', {
      reason: 'token_invalid',
    });
  if (typeof caseId !== 'string' || !isId(caseId)) throw tokenInvalid();
  const secret = await platformSecret();
  const now = p.clock.now();
  const check = checkRatingToken(secret, caseId, token, now);
  if (check === 'valid') return { caseId, token, expired: false };
  if (check === 'expired') {
    const grace = (options.graceDays ?? 0) * 86_400_000;
    if (grace > 0 && checkRatingToken(secret, caseId, token, new Date(now.getTime() - grace)) === 'valid')
      return { caseId, token, expired: true };
    throw tokenExpired();
  }
  throw tokenInvalid();
}

/** 401 for a rating token that does not verify for the case (or a case id that cannot be one). */
const tokenInvalid = () =>
  new Refusal('unauthenticated', 'The rating token is not valid for this case.', { reason: 'token_invalid' });

/**
 * 401 for an authentic rating token past its validity: pages tell the rater the link
 * expired rather than that it is wrong, by this `reason`, never by the message.
 */
export const tokenExpired = () =>
  new Refusal('unauthenticated', 'This rating link has expired.', { reason: 'token_expired' });

/** The rate-limit bucket of a token (a hash: the token itself is never stored). */
export function raterBucket(rater: Rater): string {
  return `rating:${createHash('sha256').update(`${rater.caseId}\n${rater.token}`).digest('base64url').slice(0, 22)}`;
}

/** Count one write of this rater; false once the window's limit is reached. */
export async function allowRaterWrite(p: Platform, rater: Rater): Promise<boolean> {
  return (await p.rateLimits.takeRateLimit(raterBucket(rater), RATER_RATE_LIMIT, p.clock.now())).allowed;
}

export const rateLimited = () =>
  new Refusal('rate_limited', 'Too many attempts with this rating link; please try again in a few minutes.');
