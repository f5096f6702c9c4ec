/**
 * Store a rating of a completed case, whichever channel it came through (the rating
 * link, the system API for hotline and partner systems, staff-assisted entry): check
 * the answer against the evaluation content version in force (400 with per-field
 * problems), build it with the case's attribution, and write it with ONE conditional
 * put, so a case is rated once across every channel.
 */

import { beijingDate } from '../../domain/calendar/index.js';
import type { Department } from '../../domain/catalogue.js';
import { checkContent, contentAt, indicatorSetOf } from '../../domain/ratings/content.js';
import { buildRating, callbackPeriodOf, type Rating, type RatingInput } from '../../domain/ratings/rating.js';
import { invalid, notFound, Refusal } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { cityCallbackPeriod, readConfig } from '../../shared/config.js';
import { logger } from '../../shared/powertools.js';
import { platformSecret } from '../../shared/secrets.js';

export type FoundCase = NonNullable<Awaited<ReturnType<Platform['cases']['getCase']>>>;

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

/** The case, found and completed (404, 409 `case_not_completed` otherwise). */
export function requireCompleted(
  found: FoundCase | undefined,
  caseId: string,
): FoundCase & { completedAt: string } {
  if (!found) throw notFound(`No case ${caseId}.`);
  if (found.status !== 'completed' || !found.completedAt)
    throw new Refusal(
      'case_not_completed',
      `Case ${caseId} is not completed yet; it can be rated once it is completed.`,
    );
  return found as FoundCase & { completedAt: string };
}

/**
 * Check, build and store the rating of a completed case; undefined when the case was
 * already rated (nothing written).
 */
export async function recordRating(
  p: Platform,
  found: FoundCase,
  input: RatingInput,
): Promise<Rating | undefined> {
  const rating = await prepareRating(p, found, input);
  return (await storeRating(p, rating)) ? rating : undefined;
}

/**
 * Store a prepared rating with the one conditional put; false when the case was already
 * rated, through whichever channel (nothing written).
 */
export async function storeRating(p: Platform, rating: Rating): Promise<boolean> {
  if ((await p.ratings.create(rating)) === 'exists') return false;
  await rememberStaff(p, rating);
  return true;
}

/** Check an answer against the content in force (400) and build the rating it makes, writing nothing. */
export async function prepareRating(p: Platform, found: FoundCase, input: RatingInput): Promise<Rating> {
  const completedAt = found.completedAt;
  if (!completedAt) throw new Refusal('case_not_completed', `Case ${found.caseId} is not completed yet.`);
  const now = p.clock.now();
  const version = contentAt(beijingDate(now));
  const set = indicatorSetOf(input.ratingChannel ?? 'web-link', found.channel);
  const problems = checkContent(input, version, set);
  if (problems.length) {
    const issues = problems.map((x) => `${x.field}: ${x.message}`);
    throw invalid(
      `Invalid rating for evaluation content ${version.version} (${set}): ${issues.slice(0, 5).join('; ')}`,
      {
        problems,
        details: { issues },
      },
    );
  }
  const [secret, calendar, department] = await Promise.all([
    platformSecret(),
    p.calendar.calendar(),
    input.score <= 2 ? departmentOf(p, found.departmentId) : Promise.resolve(undefined),
  ]);
  return buildRating(
    input,
    {
      caseId: found.caseId,
      serviceCode: found.serviceCode,
      departmentId: found.departmentId,
      district: found.district,
      windowId: found.windowId,
      staffId: found.staffId,
      channel: found.channel,
      completedAt,
      applicantPhoneHash: typeof found.applicantPhoneHash === 'string' ? found.applicantPhoneHash : undefined,
    },
    {
      now,
      calendar,
      secret,
      rectificationDays: department?.rectificationDays,
      callbackPeriod: callbackPeriodOf(department, cityCallbackPeriod(readConfig())),
    },
  );
}
