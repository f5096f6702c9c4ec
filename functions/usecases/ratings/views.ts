/**
 * How a rating is shown: to the rater (their own rating and its follow-up, personal
 * numbers and e-mail addresses in text masked) and to staff (everything but the phone
 * hash: a callback contact appears only masked, with whether it is the applicant's own
 * phone).
 */

import { maskPublicText } from '../../domain/pii.js';
import { canGiveFeedback, nextDueDate } from '../../domain/ratings/follow-up.js';
import {
  callbackDone,
  followUpState,
  type Rating,
  rectificationSettled,
} from '../../domain/ratings/rating.js';

const masked = (s: string | undefined) => (s === undefined ? undefined : maskPublicText(s));

export function raterView(r: Rating) {
  return {
    caseId: r.caseId,
    serviceCode: r.serviceCode,
    departmentId: r.departmentId,
    score: r.score,
    subScores: r.subScores ?? {},
    comment: masked(r.comment),
    ratedAt: r.ratedAt,
    bad: r.bad,
    callbackRequested: r.contact !== undefined,
    followUp: r.bad
      ? {
          state: followUpState(r),
          callbackDueDate: r.callbackDueDate,
          rectificationDueDate: r.rectificationDueDate,
          callback: r.callback
            ? { done: callbackDone(r), at: r.callback.at, outcome: r.callback.outcome }
            : null,
          rectification: r.rectification
            ? {
                status: r.rectification.status,
                plan: masked(r.rectification.plan),
                explanation: masked(r.rectification.explanation),
                evidence: masked(r.rectification.evidence),
                settledAt: r.rectification.settledAt,
              }
            : null,
          appeal: r.appeal
            ? {
                status: r.appeal.status,
                decisionNote: masked(r.appeal.decisionNote),
                ruledAt: r.appeal.ruledAt,
              }
            : null,
          feedback: r.feedback
            ? {
                satisfied: r.feedback.satisfied,
                at: r.feedback.at,
                score: r.feedback.score ?? null,
                reopened: r.feedback.reopened === true,
              }
            : null,
          callbackDueAt: r.callbackDueAt ?? null,
          canGiveFeedback: canGiveFeedback(r),
        }
      : null,
  };
}
export type RaterView = ReturnType<typeof raterView>;

export function staffReviewView(r: Rating) {
  return {
    caseId: r.caseId,
    serviceCode: r.serviceCode,
    departmentId: r.departmentId,
    district: r.district,
    windowId: r.windowId,
    staffId: r.staffId,
    channel: r.channel,
    completedAt: r.completedAt,
    score: r.score,
    subScores: r.subScores ?? {},
    comment: r.comment,
    ratedAt: r.ratedAt,
    month: r.month,
    bad: r.bad,
    state: followUpState(r),
    contact: r.contact
      ? {
          name: r.contact.name,
          phone: r.contact.phoneMasked,
          matchesApplicant: r.contact.matchesApplicant,
          retainUntil: r.contact.retainUntil,
        }
      : null,
    contactErasedAt: r.contactErasedAt,
    callbackRequired: r.callbackRequired,
    callbackDueDate: r.callbackDueDate,
    rectificationDueDate: r.rectificationDueDate,
    callbackOverdue: r.callbackOverdue === true,
    rectificationOverdue: r.rectificationOverdue === true,
    callbackDone: callbackDone(r),
    rectificationSettled: rectificationSettled(r),
    callback: r.callback ?? null,
    rectification: r.rectification ?? null,
    appeal: r.appeal ?? null,
    feedback: r.feedback ?? null,
    callbackDueAt: r.callbackDueAt ?? null,
    callbackPeriod: r.callbackPeriod ?? null,
    earlierRectifications: r.earlierRectifications ?? [],
    reopenedAt: r.reopenedAt ?? null,
    escalation: r.escalation ?? null,
    excluded: r.excluded,
    nextCheck: nextDueDate(r) ?? null,
    rev: r.rev,
  };
}
export type StaffReviewView = ReturnType<typeof staffReviewView>;
