/**
 * Ratings given through a keyed channel — the system API of the hotline/IVR, partner
 * systems and self-service terminals, and the window rating device (评价器) — and
 * through staff-assisted entry in the console. Each checks who may rate (a live key of
 * the case's department, 401/403; staff of the case's department, 403), validates
 * (400), requires the case completed (404, 409), then goes through the ONE conditional
 * put every channel shares, so a case is rated once across all of them. A keyed
 * submission is idempotent on the case id: the same body again gets the same answer;
 * anything else for a rated case is 409 `already_rated`.
 */

import { canSeeDepartment, hasRole, type Principal } from '../../domain/identity.js';
import type { Rating, RatingInput } from '../../domain/ratings/rating.js';
import { sameSubmission } from '../../domain/ratings/same-submission.js';
import { forbidden, Refusal } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import { type ChannelKey, verifyChannelKey } from './channel-keys.js';
import {
  assistedRatingBodySchema,
  type SystemRatingBody,
  systemRatingBodySchema,
} from './channel-schemas.js';
import { prepareRating, requireCompleted, storeRating } from './record-rating.js';
import { type RatingReceipt, receiptOf } from './submit-rating.js';

export interface ChannelRatingResult {
  receipt: RatingReceipt;
  /** False when the same submission was already stored (a replay): answer 200, not 201. */
  created: boolean;
}

/** The key an outside system presented, live and scoped (401 otherwise). */
export async function authenticateChannelKey(p: Platform, apiKey: string | undefined): Promise<ChannelKey> {
  if (!apiKey) throw new Refusal('unauthenticated', 'A rating key is required (the X-Api-Key header).');
  const key = await verifyChannelKey(p, apiKey);
  if (!key)
    throw new Refusal(
      'unauthenticated',
      'The rating key is not valid (unknown, revoked or not a rating key).',
    );
  return key;
}

/** Rate a case through a keyed channel (system API, window device): the channel and attribution come from the key. */
export async function rateWithKey(
  p: Platform,
  key: ChannelKey,
  payload: unknown,
): Promise<ChannelRatingResult> {
  const body = parseWith(systemRatingBodySchema, payload, 'rating');
  const { scope } = key;
  const found = requireCompleted(await findInScope(p, body.caseId, scope.departmentId), body.caseId);
  if (scope.windowId && found.windowId && found.windowId !== scope.windowId)
    throw forbidden(`This device rates the cases of window ${scope.windowId} only.`);
  return recordOnce(p, found, {
    ...inputOf(body),
    ratingChannel: scope.ratingChannel,
    submittedByKey: key.id,
  });
}

/** Staff-assisted entry (console): department staff of the case's department; who entered it is kept and reported. */
export async function rateAssisted(
  p: Platform,
  who: Principal,
  payload: unknown,
): Promise<ChannelRatingResult> {
  if (!hasRole(who, 'department')) throw forbidden('Only department staff enter ratings for raters.');
  const body = parseWith(assistedRatingBodySchema, payload, 'rating');
  const found = await p.cases.getCase(body.caseId);
  if (found && !canSeeDepartment(who, found.departmentId))
    throw forbidden('You may only enter ratings of your own department’s cases.');
  const done = requireCompleted(found, body.caseId);
  return recordOnce(p, done, { ...inputOf(body), ratingChannel: 'staff-assisted', enteredBy: who.subject });
}

async function findInScope(p: Platform, caseId: string, departmentId: string) {
  const found = await p.cases.getCase(caseId);
  if (found && found.departmentId !== departmentId)
    throw forbidden(`This key rates the cases of department ${departmentId} only.`);
  return found;
}

function inputOf(body: SystemRatingBody): RatingInput {
  return {
    score: body.score as RatingInput['score'],
    indicators: body.indicators as RatingInput['indicators'],
    reasons: body.reasons,
    comment: body.comment,
  };
}

async function recordOnce(
  p: Platform,
  found: Parameters<typeof prepareRating>[1],
  input: RatingInput,
): Promise<ChannelRatingResult> {
  const rating = await prepareRating(p, found, input);
  if (await storeRating(p, rating)) return { receipt: receiptOf(rating), created: true };
  const stored: Rating | undefined = await p.ratings.get(found.caseId);
  if (stored && sameSubmission(stored, rating)) return { receipt: receiptOf(stored), created: false };
  throw new Refusal('already_rated', `Case ${found.caseId} has already been rated; a case is rated once.`);
}
