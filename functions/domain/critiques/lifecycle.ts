/**
 * The critique lifecycle as pure transitions: each takes the current critique and
 * returns the next one (revision bumped, timeline extended) or a refusal saying why.
 * Who may act is checked here too, from the actor's role and department, so the API,
 * the staff pages and the sweeper share one set of rules.
 *
 * submitted → accepted | rejected | duplicate | routed
 * accepted → routed | rejected | duplicate | answered | rectified (office answers itself)
 * routed / reopened → answered | rectified | accepted (handed back) | routed (re-routed)
 * answered → rectified, or reopened when the nitpicker says it did not solve it
 */
import { beijingDate, type WorkCalendar } from '../calendar/index.js';
import {
  type Actor,
  AWAITING_ANSWER,
  type Critique,
  type CritiqueEvent,
  type CritiqueStatus,
  DEFAULT_REPLY_DAYS,
  isPublic,
  LIMITS,
} from './model.js';

export interface TransitionContext {
  now: Date;
  calendar: WorkCalendar;
}

/** Who is acting: the office, a department's staff (with their departments), the nitpicker, the sweeper. */
export type Acting =
  | { role: 'office' }
  | { role: 'department'; departments: ReadonlySet<string> }
  | { role: 'nitpicker' }
  | { role: 'system' };

/** A transition the critique's state does not allow; the use case throws it as a refusal. */
export type Rejection = { ok: false; code: 'conflict' | 'forbidden' | 'invalid_request'; message: string };
export type Outcome<T = Critique> = { ok: true; critique: T } | Rejection;

const refuse = (code: Rejection['code'], message: string): Rejection => ({ ok: false, code, message });

/** What a submission supplies; the lifecycle adds status, times and history. */
export type NewCritique = Pick<
  Critique,
  | 'trackingCode'
  | 'category'
  | 'text'
  | 'targetType'
  | 'targetId'
  | 'targetName'
  | 'serviceCode'
  | 'targetDepartmentId'
  | 'targetDepartmentName'
  | 'targetDistrict'
  | 'nickname'
  | 'contact'
  | 'channel'
  | 'clientHash'
  | 'nitpickerKeyHashes'
>;

export function newCritique(input: NewCritique, now: Date): Critique {
  const at = now.toISOString();
  return {
    ...input,
    status: 'submitted',
    createdAt: at,
    updatedAt: at,
    meToo: 0,
    replies: [],
    notSolvedCount: 0,
    events: [{ at, kind: 'submitted', by: 'nitpicker' }],
    rev: 1,
  };
}

function next(
  c: Critique,
  changes: Partial<Critique>,
  event: Omit<CritiqueEvent, 'at'>,
  now: Date,
): Critique {
  const at = now.toISOString();
  const events = [...c.events, { at, ...event }];
  return {
    ...c,
    ...changes,
    updatedAt: at,
    rev: c.rev + 1,
    events: events.length > LIMITS.events ? events.slice(-LIMITS.events) : events,
  };
}

function actorOf(a: Acting): Actor {
  return a.role;
}

function only(c: Critique, allowed: readonly CritiqueStatus[], what: string): Rejection | undefined {
  return allowed.includes(c.status)
    ? undefined
    : refuse('conflict', `Cannot ${what} a critique that is ${c.status}.`);
}

/** Whether this actor answers for the critique now: the office always, a department when it is assigned. */
export function mayAnswer(c: Critique, a: Acting): boolean {
  if (a.role === 'office') return true;
  if (a.role === 'department')
    return c.assignedDepartmentId !== undefined && a.departments.has(c.assignedDepartmentId);
  return false;
}

/** Whether department staff may see a critique: it is (or was last) assigned to them. */
export function mayDepartmentSee(c: Critique, departments: ReadonlySet<string>): boolean {
  return c.assignedDepartmentId !== undefined && departments.has(c.assignedDepartmentId);
}

export function accept(c: Critique, ctx: TransitionContext): Outcome {
  const bad = only(c, ['submitted'], 'accept');
  if (bad) return bad;
  return {
    ok: true,
    critique: next(
      c,
      { status: 'accepted', triagedAt: ctx.now.toISOString() },
      { kind: 'accepted', by: 'office' },
      ctx.now,
    ),
  };
}

export function reject(c: Critique, reason: string, ctx: TransitionContext): Outcome {
  const bad = only(c, ['submitted', 'accepted'], 'reject');
  if (bad) return bad;
  return {
    ok: true,
    critique: next(
      c,
      { status: 'rejected', rejectReason: reason, triagedAt: c.triagedAt ?? ctx.now.toISOString() },
      { kind: 'rejected', by: 'office', text: reason },
      ctx.now,
    ),
  };
}

/** Merge `dup` into `original`: the duplicate closes, the original counts a "me too". */
export function markDuplicate(
  dup: Critique,
  original: Critique,
  ctx: TransitionContext,
): Outcome<{ duplicate: Critique; original: Critique }> {
  const bad = only(dup, ['submitted', 'accepted'], 'mark as duplicate');
  if (bad) return bad;
  if (dup.trackingCode === original.trackingCode)
    return refuse('invalid_request', 'A critique cannot duplicate itself.');
  if (!isPublic(original)) {
    return refuse(
      'conflict',
      `The original ${original.trackingCode} is ${original.status}; only a public critique can collect "me too"s.`,
    );
  }
  const duplicate = next(
    dup,
    {
      status: 'duplicate',
      duplicateOf: original.trackingCode,
      triagedAt: dup.triagedAt ?? ctx.now.toISOString(),
    },
    { kind: 'duplicate', by: 'office', ref: original.trackingCode },
    ctx.now,
  );
  const merged = next(
    original,
    { meToo: original.meToo + 1 },
    { kind: 'meToo', by: 'office', ref: dup.trackingCode },
    ctx.now,
  );
  return { ok: true, critique: { duplicate, original: merged } };
}

export function route(
  c: Critique,
  department: { id: string; name: string; district?: string | undefined },
  replyDays: number,
  ctx: TransitionContext,
): Outcome {
  const bad = only(c, ['submitted', 'accepted', 'routed', 'reopened'], 'route');
  if (bad) return bad;
  const at = ctx.now.toISOString();
  const replyDue = ctx.calendar.dueDate(beijingDate(ctx.now), replyDays);
  return {
    ok: true,
    critique: next(
      c,
      {
        status: c.status === 'reopened' ? 'reopened' : 'routed',
        triagedAt: c.triagedAt ?? at,
        assignedDepartmentId: department.id,
        assignedDepartmentName: department.name,
        district: department.district,
        routedAt: at,
        replyDue,
        replyDays,
        overdue: false,
      },
      { kind: 'routed', by: 'office', departmentId: department.id, text: replyDue },
      ctx.now,
    ),
  };
}

/** What the first answer fixes for good: response time in working days and whether it was on time. */
function firstAnswer(c: Critique, ctx: TransitionContext): Partial<Critique> {
  if (c.firstAnsweredAt) return {};
  const answered = beijingDate(ctx.now);
  const start = beijingDate(c.routedAt ?? c.triagedAt ?? c.createdAt);
  const responseDays = ctx.calendar.workingDaysBetween(start, answered);
  return {
    firstAnsweredAt: ctx.now.toISOString(),
    responseDays,
    answeredOnTime: c.replyDue ? answered <= c.replyDue : responseDays <= DEFAULT_REPLY_DAYS,
  };
}

export function reply(c: Critique, a: Acting, text: string, ctx: TransitionContext): Outcome {
  const bad = only(c, ['accepted', 'routed', 'reopened', 'answered', 'rectified'], 'answer');
  if (bad) return bad;
  if (!mayAnswer(c, a))
    return refuse('forbidden', 'Only the office or the assigned department may answer this critique.');
  if (c.replies.length >= LIMITS.replies)
    return refuse('conflict', `A critique takes at most ${LIMITS.replies} answers.`);
  const by = a.role === 'office' ? 'office' : 'department';
  const departmentId = by === 'department' ? c.assignedDepartmentId : undefined;
  const at = ctx.now.toISOString();
  return {
    ok: true,
    critique: next(
      c,
      {
        ...firstAnswer(c, ctx),
        status: c.status === 'rectified' ? 'rectified' : 'answered',
        overdue: false,
        replies: [...c.replies, { at, by, ...(departmentId ? { departmentId } : {}), kind: 'reply', text }],
      },
      { kind: 'replied', by: actorOf(a), ...(departmentId ? { departmentId } : {}) },
      ctx.now,
    ),
  };
}

export function rectify(c: Critique, a: Acting, whatChanged: string, ctx: TransitionContext): Outcome {
  const bad = only(c, ['accepted', 'routed', 'reopened', 'answered'], 'mark as rectified');
  if (bad) return bad;
  if (!mayAnswer(c, a))
    return refuse(
      'forbidden',
      'Only the office or the assigned department may mark this critique rectified.',
    );
  const by = a.role === 'office' ? 'office' : 'department';
  const departmentId = by === 'department' ? c.assignedDepartmentId : undefined;
  const at = ctx.now.toISOString();
  return {
    ok: true,
    critique: next(
      c,
      {
        ...firstAnswer(c, ctx),
        status: 'rectified',
        overdue: false,
        rectifiedAt: at,
        rectification: whatChanged,
        adoptedAt: c.adoptedAt ?? at,
        replies: [
          ...c.replies,
          { at, by, ...(departmentId ? { departmentId } : {}), kind: 'rectification', text: whatChanged },
        ],
      },
      { kind: 'rectified', by: actorOf(a), ...(departmentId ? { departmentId } : {}) },
      ctx.now,
    ),
  };
}

/** A department gives a misrouted critique back to the office, before answering it. */
export function handBack(c: Critique, a: Acting, reason: string, ctx: TransitionContext): Outcome {
  const bad = only(c, ['routed', 'reopened'], 'hand back');
  if (bad) return bad;
  if (a.role !== 'department' || !mayAnswer(c, a)) {
    return refuse('forbidden', 'Only the assigned department may hand a critique back.');
  }
  const departmentId = c.assignedDepartmentId;
  return {
    ok: true,
    critique: next(
      c,
      {
        status: 'accepted',
        assignedDepartmentId: undefined,
        assignedDepartmentName: undefined,
        district: undefined,
        routedAt: undefined,
        replyDue: undefined,
        replyDays: undefined,
        overdue: false,
      },
      { kind: 'handedBack', by: 'department', ...(departmentId ? { departmentId } : {}), text: reason },
      ctx.now,
    ),
  };
}

/**
 * The nitpicker's verdict on an answer. "Solved" is final; "not solved" reopens the
 * critique with a new deadline for whoever answered, and is counted for good.
 */
export function confirm(
  c: Critique,
  solved: boolean,
  comment: string | undefined,
  ctx: TransitionContext,
): Outcome {
  const bad = only(c, ['answered', 'rectified'], 'confirm');
  if (bad) return bad;
  if (c.confirmation === 'solved')
    return refuse('conflict', 'This critique was already confirmed as solved.');
  const at = ctx.now.toISOString();
  if (solved) {
    return {
      ok: true,
      critique: next(
        c,
        { confirmation: 'solved', confirmedAt: at },
        { kind: 'solved', by: 'nitpicker', ...(comment ? { text: comment } : {}) },
        ctx.now,
      ),
    };
  }
  const replyDays = c.replyDays ?? DEFAULT_REPLY_DAYS;
  return {
    ok: true,
    critique: next(
      c,
      {
        status: 'reopened',
        notSolvedCount: c.notSolvedCount + 1,
        replyDue: ctx.calendar.dueDate(beijingDate(ctx.now), replyDays),
        replyDays,
        overdue: false,
      },
      { kind: 'notSolved', by: 'nitpicker', ...(comment ? { text: comment } : {}) },
      ctx.now,
    ),
  };
}

/** The sweeper's flag on a critique whose reply deadline has passed; undefined when nothing changes. */
export function flagOverdue(c: Critique, today: string, now: Date): Critique | undefined {
  if (!AWAITING_ANSWER.includes(c.status) || !c.replyDue || c.overdue || c.replyDue >= today)
    return undefined;
  return next(
    c,
    { overdue: true },
    {
      kind: 'overdue',
      by: 'system',
      ...(c.assignedDepartmentId ? { departmentId: c.assignedDepartmentId } : {}),
      text: c.replyDue,
    },
    now,
  );
}

/** 啄木鸟奖: only for a critique that led to a change, once. */
export function grantAward(c: Critique, citation: string, ctx: TransitionContext): Outcome {
  if (c.status !== 'rectified') {
    return refuse(
      'conflict',
      'A woodpecker award goes to a critique that led to a change (status rectified).',
    );
  }
  if (c.award) return refuse('conflict', 'This critique already has a woodpecker award.');
  const at = ctx.now.toISOString();
  return {
    ok: true,
    critique: next(
      c,
      { award: { citation, grantedAt: at } },
      { kind: 'awarded', by: 'office', text: citation },
      ctx.now,
    ),
  };
}

export function revokeAward(c: Critique, ctx: TransitionContext): Outcome {
  if (!c.award) return refuse('conflict', 'This critique has no woodpecker award.');
  return {
    ok: true,
    critique: next(c, { award: undefined }, { kind: 'awardRevoked', by: 'office' }, ctx.now),
  };
}
