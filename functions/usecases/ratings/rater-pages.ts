/**
 * What the rater's pages show, each read in one call: where a case and its rating stand
 * (the rating page: the form, or the rating and its follow-up), and the printable
 * receipt with the rating link and how long it is valid. The token is checked as the
 * API checks it (`raterStanding`: 401 with `reason` token_invalid / token_expired, 404).
 */
import { beijingDate } from '../../domain/calendar/index.js';
import type { Platform } from '../../platform.js';
import { ratingUrlOf } from '../ingest-cases.js';
import { type CaseFacts, caseFacts } from './case-facts.js';
import { raterStanding } from './rater.js';
import { tokenExpired } from './rater-auth.js';
import { type RaterView, raterView } from './views.js';

export interface RaterPage {
  caseId: string;
  token: string;
  facts: CaseFacts;
  /** Whether the case can be rated (it is completed). */
  completed: boolean;
  /** The rating as its rater sees it, once rated. */
  rating: RaterView | undefined;
}

/** The rating page's content for the holder of the case's token. */
export async function raterPage(p: Platform, caseId: unknown, token: unknown): Promise<RaterPage> {
  const standing = await raterStanding(p, caseId, token);
  return {
    caseId: standing.caseId,
    token: standing.token,
    facts: await caseFacts(p, standing.case),
    completed: standing.case.status === 'completed',
    rating: standing.rating ? raterView(standing.rating) : undefined,
  };
}

export interface RatingReceiptPage {
  facts: CaseFacts;
  ratingUrl: string;
  /** The Beijing date the link stops working, or '' when the token does not say. */
  validUntil: string;
}

/**
 * The receipt of a case: only for a link still valid (an expired one, even within the
 * follow-up grace period, is refused as expired: a receipt is for rating).
 */
export async function ratingReceipt(
  p: Platform,
  caseId: unknown,
  token: unknown,
): Promise<RatingReceiptPage> {
  const standing = await raterStanding(p, caseId, token);
  if (standing.expired) throw tokenExpired();
  // A rating token is `<expiry in base-36 seconds>.<signature>` (functions/domain/rating-token.ts).
  const exp = Number.parseInt(standing.token.split('.')[0] ?? '', 36);
  return {
    facts: await caseFacts(p, standing.case),
    ratingUrl: ratingUrlOf(standing.caseId, standing.token),
    validUntil: Number.isFinite(exp) ? beijingDate(new Date(exp * 1000)) : '',
  };
}
