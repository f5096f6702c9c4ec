/**
 * Staff follow-up of bad reviews: the department records callbacks, rectifications and
 * appeals on its own reviews only; the efficiency office rules appeals. Each action
 * re-reads the review, applies the domain transition, writes it conditionally on the
 * revision it read (retrying if another write got there first), and lands in the
 * audit trail with the follow-up before and after (never the rater's contact).
 */
import * as z from 'zod/mini';
import { canSeeDepartment, type Principal } from '../../domain/identity.js';
import {
  fileAppeal,
  recordCallback,
  recordRectification,
  ruleAppeal,
  type Transition,
} from '../../domain/ratings/follow-up.js';
import { followUpState, type Rating } from '../../domain/ratings/rating.js';
import { conflict, forbidden, invalid, notFound, Refusal } from '../../domain/refusal.js';
import { ID_PATTERN, isId, parseWith } from '../../domain/schemas.js';
import type { Platform } from '../../platform.js';
import { AGAIN, retrying } from '../../shared/retry.js';
import {
  appealBodySchema,
  callbackBodySchema,
  rectificationBodySchema,
  rulingBodySchema,
} from './schemas.js';

export type FollowUpAction = 'callback' | 'rectification' | 'appeal' | 'ruling';

/** A bad review the caller may see (404 when there is none, 403 for another department's). */
export async function reviewFor(p: Platform, who: Principal, caseId: string): Promise<Rating> {
  // Pages pass the path segment as it came: something that is not an id names no review
  // (and must not reach DynamoDB, which refuses over-long keys with a 5xx).
  if (!isId(caseId)) throw notFound(`No bad review of case ${caseId.slice(0, 64)}.`);
  const rating = await p.ratings.get(caseId);
  if (!rating?.bad) throw notFound(`No bad review of case ${caseId}.`);
  if (!canSeeDepartment(who, rating.departmentId))
    throw forbidden('This review belongs to another department.');
  return rating;
}

/**
 * Authorise an action on a review before its body is read, so a caller who may not act
 * gets 404/403 whatever they send (the contract's 401 → 403 → 400 order).
 */
export async function authoriseReviewAction(
  p: Platform,
  who: Principal,
  caseId: string,
  action: FollowUpAction,
): Promise<void> {
  assertMayAct(who, await reviewFor(p, who, caseId), action);
}

function assertMayAct(who: Principal, r: Rating, action: FollowUpAction): void {
  if (action === 'ruling') {
    if (!who.roles.has('office')) throw forbidden('Only the efficiency office rules appeals.');
    return;
  }
  if (!who.departments.has(r.departmentId))
    throw forbidden('Only staff of the review’s own department may record its follow-up.');
}

function transitionOf(
  action: FollowUpAction,
  r: Rating,
  payload: unknown,
  who: Principal,
  now: Date,
): Transition {
  switch (action) {
    case 'callback': {
      const body = parseWith(callbackBodySchema, payload, 'callback');
      return recordCallback(r, { ...body, by: body.by ?? who.subject }, who.subject, now);
    }
    case 'rectification': {
      const body = parseWith(rectificationBodySchema, payload, 'rectification');
      return recordRectification(
        r,
        { ...body, explanation: body.explanation || undefined, evidence: body.evidence || undefined },
        who.subject,
        now,
      );
    }
    case 'appeal':
      return fileAppeal(r, parseWith(appealBodySchema, payload, 'appeal'), who.subject, now);
    case 'ruling':
      return ruleAppeal(r, parseWith(rulingBodySchema, payload, 'ruling'), who.subject, now);
  }
}

/** The follow-up part of a review, as the audit trail keeps it. */
function auditState(r: Rating) {
  return {
    state: followUpState(r),
    callback: r.callback,
    rectification: r.rectification,
    appeal: r.appeal,
    excluded: r.excluded,
  };
}

/**
 * Apply one staff action to a review: authenticate (route), authorise (department or
 * office), validate, apply, write, audit. Returns the review as it now stands.
 */
export async function actOnReview(
  p: Platform,
  who: Principal,
  caseId: string,
  action: FollowUpAction,
  payload: unknown,
): Promise<Rating> {
  const store = p.ratings;
  return retrying(
    async () => {
      const before = await reviewFor(p, who, caseId);
      assertMayAct(who, before, action);
      const result = transitionOf(action, before, payload, who, p.clock.now());
      if (!result.ok) throw new Refusal(result.code, result.message);
      if (!(await store.replace(result.rating, before.rev))) return AGAIN;
      await p.audit.recordAudit({
        actor: who.subject,
        roles: [...who.roles],
        action: `rating.${action}`,
        target: `rating:${caseId}`,
        at: p.clock.now().toISOString(),
        before: auditState(before),
        after: auditState(result.rating),
      });
      return result.rating;
    },
    {
      attempts: 3,
      exhausted: () => {
        throw conflict('The review changed while saving; reload it and try again.');
      },
    },
  );
}

export const inboxQuerySchema = z.object({
  departmentId: z.optional(z.string().check(z.regex(ID_PATTERN, 'expected an id'))),
  status: z.optional(z.enum(['open', 'overdue', 'appealed', 'closed', 'excluded', 'all'])),
  limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'expected 1-100'))),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/**
 * Which department's inbox a caller reads: the one asked for (403 if not theirs), or
 * their own when they have exactly one; the office and inspectors must name one.
 */
export function inboxDepartment(who: Principal, asked: string | undefined): string {
  if (asked) {
    if (!canSeeDepartment(who, asked)) throw forbidden('You may only see your own department’s reviews.');
    return asked;
  }
  if (who.departments.size === 1) return [...who.departments][0]!;
  throw invalid('departmentId: say which department’s reviews to list.', { field: 'departmentId' });
}
