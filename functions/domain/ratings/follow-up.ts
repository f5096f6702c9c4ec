/**
 * The follow-up of a bad review as pure state transitions: the department records its
 * callback (回访) and rectification (整改) or appeals; the efficiency office rules the
 * appeal; the rater says whether the rectification satisfied them; the sweeper flags
 * missed deadlines and erases contacts past their retention. Each transition checks
 * that it is allowed in the current state and returns the new state, so the API, the
 * console pages, the seed and the tests share one set of rules.
 */
import {
  addCalendarDays,
  beijingDate,
  defaultCalendar,
  type IsoDate,
  type WorkCalendar,
} from '../calendar/index.js';
import {
  type AppealKind,
  type CallbackOutcome,
  callbackDone,
  DEFAULT_RECTIFICATION_DAYS,
  type Rating,
  type RectificationStatus,
  rectificationSettled,
  type Score,
} from './rating.js';

export type Transition =
  | { ok: true; rating: Rating }
  | { ok: false; code: 'conflict' | 'invalid_request'; message: string };

const conflict = (message: string): Transition => ({ ok: false, code: 'conflict', message });
const invalid = (message: string): Transition => ({ ok: false, code: 'invalid_request', message });

/** A clock skew we tolerate when staff say when a call took place. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/**
 * The console types the callback time to the minute (a `datetime-local` field), so a
 * callback made in the minute the review was given reads as up to 59 s before it: the
 * earliest time accepted is the start of the review's minute.
 */
const MINUTE_MS = 60_000;

function followable(r: Rating): Transition | undefined {
  if (!r.bad) return conflict('Only bad reviews (scores 1–2) are followed up.');
  if (r.excluded) return conflict('This review was excluded by an upheld appeal; nothing more is needed.');
  return undefined;
}

const next = (r: Rating, changes: Partial<Rating>): Transition => ({
  ok: true,
  rating: { ...r, ...changes, rev: r.rev + 1 },
});

/** Record a callback (回访): when, by whom, with what outcome. */
export function recordCallback(
  r: Rating,
  input: { at: string; by: string; outcome: CallbackOutcome; note?: string | undefined },
  actor: string,
  now: Date,
): Transition {
  const blocked = followable(r);
  if (blocked) return blocked;
  if (callbackDone(r)) return conflict('A callback is already recorded for this review.');
  const at = Date.parse(input.at);
  if (at > now.getTime() + FUTURE_TOLERANCE_MS) return invalid('at: the callback cannot be in the future.');
  if (at < Math.floor(Date.parse(r.ratedAt) / MINUTE_MS) * MINUTE_MS)
    return invalid('at: the callback cannot be before the review was given.');
  const today = beijingDate(now);
  return next(r, {
    callback: {
      at: new Date(at).toISOString(),
      by: input.by,
      outcome: input.outcome,
      note: input.note,
      recordedAt: now.toISOString(),
      recordedBy: actor,
      // A period in working hours has an exact deadline; one in working days, a date.
      onTime: r.callbackDueAt
        ? now.getTime() <= Date.parse(r.callbackDueAt)
        : r.callbackDueDate === undefined || today <= r.callbackDueDate,
      attempts: (r.callback?.attempts ?? 0) + 1,
    },
  });
}

/**
 * Record the rectification (整改): a plan first if wanted, then done, or cannot be
 * done with an explanation, with evidence. Settled once done or cannot-be-done.
 */
export function recordRectification(
  r: Rating,
  input: {
    plan: string;
    status: RectificationStatus;
    explanation?: string | undefined;
    evidence?: string | undefined;
  },
  actor: string,
  now: Date,
): Transition {
  const blocked = followable(r);
  if (blocked) return blocked;
  if (rectificationSettled(r)) return conflict('The rectification of this review is already settled.');
  if (input.status === 'cannot' && !input.explanation)
    return invalid('explanation: say why the rectification cannot be done.');
  if (input.status === 'done' && !input.evidence && !r.rectification?.evidence)
    return invalid('evidence: describe what shows the rectification was done.');
  const settled = input.status !== 'planned';
  const today = beijingDate(now);
  return next(r, {
    rectification: {
      plan: input.plan,
      status: input.status,
      explanation: input.explanation,
      evidence: input.evidence ?? r.rectification?.evidence,
      recordedAt: now.toISOString(),
      recordedBy: actor,
      settledAt: settled ? now.toISOString() : undefined,
      onTime: settled ? r.rectificationDueDate === undefined || today <= r.rectificationDueDate : undefined,
    },
  });
}

/** The department appeals a review it holds to be malicious or mistaken. */
export function fileAppeal(
  r: Rating,
  input: { kind: AppealKind; reason: string },
  actor: string,
  now: Date,
): Transition {
  const blocked = followable(r);
  if (blocked) return blocked;
  if (r.appeal) return conflict(`This review was already appealed (${r.appeal.status}).`);
  return next(r, {
    appeal: {
      kind: input.kind,
      reason: input.reason,
      filedAt: now.toISOString(),
      filedBy: actor,
      status: 'pending',
    },
  });
}

/**
 * The efficiency office rules an appeal. Upheld: the review is excluded from every
 * statistic but kept, with the decision; rejected: the follow-up goes on.
 */
export function ruleAppeal(
  r: Rating,
  input: { decision: 'upheld' | 'rejected'; note: string },
  actor: string,
  now: Date,
): Transition {
  if (!r.appeal) return conflict('This review has no appeal to rule on.');
  if (r.appeal.status !== 'pending') return conflict(`This appeal was already ruled (${r.appeal.status}).`);
  return next(r, {
    appeal: {
      ...r.appeal,
      status: input.decision,
      ruledAt: now.toISOString(),
      ruledBy: actor,
      decisionNote: input.note,
    },
    excluded: input.decision === 'upheld',
  });
}

/**
 * The rater's one 追评 on the rectification (once, after it is settled): satisfied or
 * not, optionally a level (a level of 1–2 is dissatisfied, 3–5 satisfied: they must
 * agree). A dissatisfied 追评 reopens the review for re-handling — the rectification is
 * kept in `earlierRectifications`, a new one is due in the department's rectification
 * period from today — and escalates it to the office.
 */
export function giveFeedback(
  r: Rating,
  input: { satisfied: boolean; score?: Score | undefined; comment?: string | undefined },
  now: Date,
  calendar: WorkCalendar = defaultCalendar(),
): Transition {
  const blocked = followable(r);
  if (blocked) return blocked;
  if (!rectificationSettled(r)) return conflict('The department has not reported a rectification yet.');
  if (r.feedback) return conflict('You have already said whether the rectification satisfied you.');
  if (input.score !== undefined && input.score >= 3 !== input.satisfied)
    return invalid(
      `score: a level of ${input.score} does not agree with satisfied=${input.satisfied} (1–2 dissatisfied, 3–5 satisfied).`,
    );
  const at = now.toISOString();
  const feedback = { satisfied: input.satisfied, score: input.score, comment: input.comment, at };
  if (input.satisfied) return next(r, { feedback });
  const today = beijingDate(now);
  return next(r, {
    feedback: { ...feedback, reopened: true },
    earlierRectifications: [
      ...(r.earlierRectifications ?? []),
      ...(r.rectification ? [r.rectification] : []),
    ],
    rectification: undefined,
    rectificationDueDate: calendar.dueDate(today, r.rectificationDays ?? DEFAULT_RECTIFICATION_DAYS),
    rectificationOverdue: undefined,
    reopenedAt: at,
    escalation: { reason: 'dissatisfied-follow-up', at, to: 'office' },
  });
}

/** Whether the rater may now give feedback on the rectification. */
export function canGiveFeedback(r: Rating): boolean {
  return r.bad && !r.excluded && rectificationSettled(r) && !r.feedback;
}

/**
 * The next Beijing date on which the sweeper must look at a rating: the day after a
 * pending deadline (that is when it becomes overdue), or the day its contact is
 * erased; undefined when nothing is left to watch (the due-index keys are removed).
 */
export function nextDueDate(r: Rating): IsoDate | undefined {
  const dates: IsoDate[] = [];
  if (r.bad && !r.excluded) {
    if (r.callbackRequired && !callbackDone(r) && !r.callbackOverdue && r.callbackDueDate)
      dates.push(addCalendarDays(r.callbackDueDate, 1));
    if (!rectificationSettled(r) && !r.rectificationOverdue && r.rectificationDueDate)
      dates.push(addCalendarDays(r.rectificationDueDate, 1));
  }
  if (r.contact) dates.push(r.contact.retainUntil);
  return dates.length ? dates.sort()[0] : undefined;
}

/**
 * What the sweeper does on `today`: flag a callback or rectification whose deadline
 * has passed, and erase a contact past its retention. Undefined when nothing changes.
 */
export function sweepRating(r: Rating, today: IsoDate, now: Date): Rating | undefined {
  const changes: Partial<Rating> = {};
  if (r.bad && !r.excluded) {
    if (
      r.callbackRequired &&
      !callbackDone(r) &&
      !r.callbackOverdue &&
      r.callbackDueDate &&
      today > r.callbackDueDate
    )
      changes.callbackOverdue = true;
    if (
      !rectificationSettled(r) &&
      !r.rectificationOverdue &&
      r.rectificationDueDate &&
      today > r.rectificationDueDate
    )
      changes.rectificationOverdue = true;
  }
  if (r.contact && today >= r.contact.retainUntil) {
    changes.contact = undefined;
    changes.contactErasedAt = now.toISOString();
  }
  if (Object.keys(changes).length === 0) return undefined;
  return { ...r, ...changes, rev: r.rev + 1 };
}
