/**
 * Rate a completed case (`POST /api/v1/ratings` and the rating page's form): check the
 * token (401), refuse a token with too many refused attempts in the window (429),
 * validate (400), find the case (404) and require it completed (409
 * `case_not_completed`), then store the rating with ONE conditional put — a second or
 * concurrent attempt finds it already there (409 `already_rated`) and nothing else is
 * written. Every refused attempt is counted against the token's limit.
 */

import type { Department } from '../../domain/catalogue.js';
import { buildRating, type Rating, type RatingInput } from '../../domain/ratings/rating.js';
import { invalid, isRefusal, notFound, Refusal } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import { logger } from '../../shared/powertools.js';
import { platformSecret } from '../../shared/secrets.js';
import {
  allowRaterWrite,
  authenticateRater,
  RATER_RATE_LIMIT,
  type Rater,
  rateLimited,
  raterBucket,
} from './rater-auth.js';
import { ratingBodySchema } from './schemas.js';

export interface RatingReceipt {
  caseId: string;
  score: number;
  bad: boolean;
  ratedAt: string;
  month: string;
  callbackRequested: boolean;
  /** For a bad review: what the department must do, and by when. */
  followUp: {
    callbackRequired: boolean;
    callbackDueDate: string | undefined;
    rectificationDueDate: string | undefined;
  } | null;
}

const DEPARTMENT_CACHE_MS = 60_000;
/** Per catalogue store (so per table): a platform built over another table has its own. */
const departmentCaches = new WeakMap<
  object,
  Map<string, { at: number; value: Promise<Department | undefined> }>
>();

/** Departments change rarely; a minute's cache keeps them off the hot path. */
function departmentOf(p: Platform, id: string): Promise<Department | undefined> {
  const departmentCache = departmentCaches.get(p.catalogue) ?? new Map();
  departmentCaches.set(p.catalogue, departmentCache);
  const key = id;
  const hit = departmentCache.get(key);
  if (hit && Date.now() - hit.at < DEPARTMENT_CACHE_MS) return hit.value;
  const value = p.catalogue.getDepartment(id);
  departmentCache.set(key, { at: Date.now(), value });
  value.catch(() => departmentCache.delete(key));
  return value;
}

/** Staff already known to be rated, per rating store (so per table), so the roster is written once per process. */
const rosterSeen = new WeakMap<object, Set<string>>();

async function rememberStaff(p: Platform, r: Rating): Promise<void> {
  if (!r.staffId) return;
  const seen = rosterSeen.get(p.ratings) ?? new Set<string>();
  rosterSeen.set(p.ratings, seen);
  const key = `${r.departmentId}|${r.staffId}`;
  if (seen.has(key)) return;
  try {
    await p.ratings.addRatedStaff(r.departmentId, [r.staffId]);
    seen.add(key);
  } catch (err) {
    // The rating is stored; the roster only lists names for the console.
    logger.warn('rated staff roster not updated', { caseId: r.caseId, error: String(err) });
  }
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

type FoundCase = NonNullable<Awaited<ReturnType<Platform['cases']['getCase']>>>;

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
  const [secret, calendar, department] = await Promise.all([
    platformSecret(),
    p.calendar.calendar(),
    body.score <= 2 ? departmentOf(p, found.departmentId) : Promise.resolve(undefined),
  ]);
  const input: RatingInput = {
    score: body.score as RatingInput['score'],
    subScores: body.subScores as RatingInput['subScores'],
    comment: body.comment,
    callback: body.callback,
  };
  const rating = buildRating(
    input,
    {
      caseId: found.caseId,
      serviceCode: found.serviceCode,
      departmentId: found.departmentId,
      district: found.district,
      windowId: found.windowId,
      staffId: found.staffId,
      channel: found.channel,
      completedAt: found.completedAt,
      applicantPhoneHash: typeof found.applicantPhoneHash === 'string' ? found.applicantPhoneHash : undefined,
    },
    { now: p.clock.now(), calendar, secret, rectificationDays: department?.rectificationDays },
  );
  const outcome = await p.ratings.create(rating);
  if (outcome === 'exists')
    throw new Refusal('already_rated', `Case ${rater.caseId} has already been rated; a case is rated once.`);
  await rememberStaff(p, rating);
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
    followUp: r.bad
      ? {
          callbackRequired: r.callbackRequired,
          callbackDueDate: r.callbackDueDate,
          rectificationDueDate: r.rectificationDueDate,
        }
      : null,
  };
}
