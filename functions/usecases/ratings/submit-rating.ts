/**
 * Rate a completed case (`POST /api/v1/ratings` and the rating page's form): check the
 * token (401), refuse a token with too many refused attempts in the window (429),
 * validate (400), find the case (404) and require it completed (409
 * `case_not_completed`), then store the rating with ONE conditional put — a second or
 * concurrent attempt finds it already there (409 `already_rated`) and nothing else is
 * written. Every refused attempt is counted against the token's limit.
 */

import type { Rating, RatingInput } from '../../domain/ratings/rating.js';
import { invalid, isRefusal, notFound, Refusal } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import {
  allowRaterWrite,
  authenticateRater,
  RATER_RATE_LIMIT,
  type Rater,
  rateLimited,
  raterBucket,
} from './rater-auth.js';
import { type FoundCase, recordRating } from './record-rating.js';
import { ratingBodySchema } from './schemas.js';

export interface RatingReceipt {
  caseId: string;
  score: number;
  bad: boolean;
  ratedAt: string;
  month: string;
  callbackRequested: boolean;
  /** The evaluation content version, how it was given, and the indicator set used. */
  contentVersion: string;
  ratingChannel: string;
  indicatorSet: string;
  /** For a bad review: what the department must do, and by when. */
  followUp: {
    callbackRequired: boolean;
    callbackDueDate: string | undefined;
    rectificationDueDate: string | undefined;
  } | null;
}

function asObject(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw invalid('The body must be a JSON object.');
  return payload as Record<string, unknown>;
}

export async function submitRating(p: Platform, payload: unknown): Promise<RatingReceipt> {
  const raw = asObject(payload);
  const rater = await authenticateRater(p, raw.caseId, raw.token);
  // The case and the token's refused attempts in one read. A rating can be stored only
  // once, so only refused attempts count against the limit: an honest rater costs two
  // requests (this read and the put), a script replaying a link is stopped at the read.
  const bucket = raterBucket(rater);
  const { windowSeconds, limit } = RATER_RATE_LIMIT;
  const store = p.ratings;
  const { caseItem, hits } = await store.caseWithHits(rater.caseId, bucket, windowSeconds, p.clock.now());
  if (hits >= limit) throw rateLimited();
  try {
    return await rate(p, rater, raw, caseItem as FoundCase | undefined);
  } catch (err) {
    if (isRefusal(err) && !(await allowRaterWrite(p, rater))) throw rateLimited();
    throw err;
  }
}

async function rate(
  p: Platform,
  rater: Rater,
  raw: Record<string, unknown>,
  found: FoundCase | undefined,
): Promise<RatingReceipt> {
  const body = parseWith(ratingBodySchema, raw, 'rating');
  if (!found) throw notFound(`No case ${rater.caseId}.`);
  if (found.status !== 'completed' || !found.completedAt)
    throw new Refusal(
      'case_not_completed',
      `Case ${rater.caseId} is not completed yet; it can be rated once it is completed.`,
    );
  const input: RatingInput = {
    score: body.score as RatingInput['score'],
    subScores: body.subScores as RatingInput['subScores'],
    ratingChannel: body.ratingChannel,
    indicators: body.indicators as RatingInput['indicators'],
    reasons: body.reasons,
    comment: body.comment,
    callback: body.callback,
  };
  const rating = await recordRating(p, found, input);
  if (!rating)
    throw new Refusal('already_rated', `Case ${rater.caseId} has already been rated; a case is rated once.`);
  return receiptOf(rating);
}

export function receiptOf(r: Rating): RatingReceipt {
  return {
    caseId: r.caseId,
    score: r.score,
    bad: r.bad,
    ratedAt: r.ratedAt,
    month: r.month,
    callbackRequested: r.contact !== undefined,
    contentVersion: r.contentVersion,
    ratingChannel: r.ratingChannel,
    indicatorSet: r.indicatorSet,
    followUp: r.bad
      ? {
          callbackRequired: r.callbackRequired,
          callbackDueDate: r.callbackDueDate,
          rectificationDueDate: r.rectificationDueDate,
        }
      : null,
  };
}
