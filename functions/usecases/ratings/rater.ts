/**
 * What a rating token's holder may do besides rating: see where the case and its
 * rating stand (the rating page and `GET /api/v1/ratings/{caseId}`), and, once the
 * department has reported its rectification of a bad review, say whether it satisfied
 * them (`POST /api/v1/ratings/{caseId}/rectification-feedback`).
 */

import type { CaseRecord } from '../../domain/cases/case.js';
import { giveFeedback } from '../../domain/ratings/follow-up.js';
import { cleanText, type Rating } from '../../domain/ratings/rating.js';
import { conflict, notFound, Refusal } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import { AGAIN, retrying } from '../../shared/retry.js';
import {
  allowRaterWrite,
  authenticateRater,
  FOLLOW_UP_GRACE_DAYS,
  rateLimited,
  tokenExpired,
} from './rater-auth.js';
import { feedbackBodySchema } from './schemas.js';

export interface RaterStanding {
  caseId: string;
  token: string;
  /** The link is past its expiry (within the follow-up grace period). */
  expired: boolean;
  case: CaseRecord & Record<string, unknown>;
  rating: Rating | undefined;
}

/**
 * The case and its rating, for the holder of the case's token (401/404 otherwise). A
 * rated case stays visible for a grace period after the link expires, so the rater
 * can follow the rectification; an unrated one does not.
 */
export async function raterStanding(p: Platform, caseId: unknown, token: unknown): Promise<RaterStanding> {
  const rater = await authenticateRater(p, caseId, token, { graceDays: FOLLOW_UP_GRACE_DAYS });
  const [found, rating] = await Promise.all([p.cases.getCase(rater.caseId), p.ratings.get(rater.caseId)]);
  if (!found) throw notFound(`No case ${rater.caseId}.`);
  if (rater.expired && !rating) throw tokenExpired();
  return { caseId: rater.caseId, token: rater.token, expired: rater.expired, case: found, rating };
}

/** Record the rater's satisfaction with the rectification, once. */
export async function submitFeedback(p: Platform, caseId: unknown, payload: unknown): Promise<Rating> {
  const raw =
    payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : {};
  const rater = await authenticateRater(p, caseId, raw.token, { graceDays: FOLLOW_UP_GRACE_DAYS });
  if (!(await allowRaterWrite(p, rater))) throw rateLimited();
  const body = parseWith(feedbackBodySchema, payload, 'feedback');
  const store = p.ratings;
  return retrying(
    async () => {
      const rating = await store.get(rater.caseId);
      if (!rating) throw notFound(`Case ${rater.caseId} has not been rated.`);
      const result = giveFeedback(
        rating,
        { satisfied: body.satisfied, score: body.score, comment: cleanText(body.comment) },
        p.clock.now(),
        await p.calendar.calendar(),
      );
      if (!result.ok) throw new Refusal(result.code, result.message);
      if (!(await store.replace(result.rating, rating.rev))) return AGAIN;
      const after = result.rating;
      if (after.escalation && !rating.escalation)
        // A dissatisfied 追评: on the review's trail, for the department and the office.
        await p.audit.recordAudit({
          actor: 'rater',
          roles: [],
          action: 'rating.escalated',
          target: `rating:${after.caseId}`,
          at: after.escalation.at,
          before: { rectification: rating.rectification, rectificationDueDate: rating.rectificationDueDate },
          after: {
            escalation: after.escalation,
            feedback: after.feedback,
            rectificationDueDate: after.rectificationDueDate,
          },
        });
      return after;
    },
    {
      attempts: 3,
      exhausted: () => {
        throw conflict('The rating changed while saving; please try again.');
      },
    },
  );
}
