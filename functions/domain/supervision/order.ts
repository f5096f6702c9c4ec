/**
 * A supervision order (督办单): an inspector tells a department to deal with a case, a
 * bad review, a critique or its work as a whole by a deadline. The department responds;
 * the inspector closes it (办结销号) or escalates it with a new deadline; the sweeper
 * flags it overdue when a deadline passes without a response. Each transition checks
 * the role and the current state and returns the new state, so the API, the console
 * pages and the tests share one set of rules. Pure: no AWS or HTTP.
 */
import { addCalendarDays, type IsoDate } from '../calendar/index.js';
import type { Principal } from '../identity.js';

export const ORDER_TARGET_TYPES = ['case', 'rating', 'critique', 'department'] as const;
export type OrderTargetType = (typeof ORDER_TARGET_TYPES)[number];

export const ORDER_STATUSES = ['issued', 'responded', 'escalated', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses in which the department owes a response by the deadline. */
export const AWAITING_RESPONSE: readonly OrderStatus[] = ['issued', 'escalated'];

export type OrderAction = 'issue' | 'respond' | 'escalate' | 'close' | 'overdue';

export const MAX_ORDER_TEXT = 2000;
export const MAX_ESCALATION_LEVEL = 5;

export interface OrderStep {
  action: OrderAction;
  at: string;
  by: string;
  note?: string | undefined;
  /** The deadline set by this step (issue, escalate). */
  deadline?: IsoDate | undefined;
}

export interface SupervisionOrder {
  id: string;
  targetType: OrderTargetType;
  targetId: string;
  /** A short description of the target for lists (case's service, review score...). */
  targetLabel?: string | undefined;
  departmentId: string;
  district?: string | undefined;
  title: string;
  instructions: string;
  deadline: IsoDate;
  status: OrderStatus;
  /** 1 when issued, +1 for every escalation. */
  level: number;
  overdue: boolean;
  overdueSince?: IsoDate | undefined;
  issuedAt: string;
  issuedBy: string;
  respondedAt?: string | undefined;
  closedAt?: string | undefined;
  closedBy?: string | undefined;
  /** The inspector's closing note (how it was resolved). */
  outcome?: string | undefined;
  steps: OrderStep[];
  /** Optimistic-concurrency revision, bumped by every change. */
  rev: number;
}

export type OrderTransition =
  | { ok: true; order: SupervisionOrder }
  | { ok: false; code: 'forbidden' | 'conflict' | 'invalid_request'; message: string };

const fail = (code: 'forbidden' | 'conflict' | 'invalid_request', message: string): OrderTransition => ({
  ok: false,
  code,
  message,
});

/** Who may issue, close and escalate orders. */
export function isInspector(p: Principal): boolean {
  return p.roles.has('inspector');
}

/** Who may read an order: inspectors and the office everything, a department its own. */
export function canReadOrder(p: Principal, order: Pick<SupervisionOrder, 'departmentId'>): boolean {
  return p.roles.has('inspector') || p.roles.has('office') || p.departments.has(order.departmentId);
}

/** The Beijing date from which an order awaiting a response is overdue. */
export function overdueFrom(deadline: IsoDate): IsoDate {
  return addCalendarDays(deadline, 1);
}

export interface NewOrderInput {
  id: string;
  targetType: OrderTargetType;
  targetId: string;
  targetLabel?: string | undefined;
  departmentId: string;
  district?: string | undefined;
  title: string;
  instructions: string;
  deadline: IsoDate;
}

/** Issue a new order (inspectors only; the deadline may not lie in the past). */
export function issueOrder(input: NewOrderInput, who: Principal, now: Date, today: IsoDate): OrderTransition {
  if (!isInspector(who)) return fail('forbidden', 'Only inspectors issue supervision orders.');
  if (input.deadline < today)
    return fail('invalid_request', 'deadline: the deadline may not lie in the past.');
  const at = now.toISOString();
  return {
    ok: true,
    order: {
      ...input,
      status: 'issued',
      level: 1,
      overdue: false,
      issuedAt: at,
      issuedBy: who.subject,
      steps: [{ action: 'issue', at, by: who.subject, note: input.instructions, deadline: input.deadline }],
      rev: 1,
    },
  };
}

const next = (o: SupervisionOrder, changes: Partial<SupervisionOrder>, step: OrderStep): OrderTransition => ({
  ok: true,
  order: { ...o, ...changes, steps: [...o.steps, step], rev: o.rev + 1 },
});

/** The department answers: what it did or will do. */
export function respondToOrder(
  o: SupervisionOrder,
  note: string,
  who: Principal,
  now: Date,
): OrderTransition {
  if (!who.departments.has(o.departmentId))
    return fail('forbidden', 'Only staff of the department the order is addressed to may respond.');
  if (o.status === 'closed') return fail('conflict', 'This order is closed.');
  if (o.status === 'responded')
    return fail('conflict', 'The department has already responded; the inspector closes or escalates it.');
  const at = now.toISOString();
  return next(o, { status: 'responded', respondedAt: at }, { action: 'respond', at, by: who.subject, note });
}

/** The inspector closes the order (办结销号) once the department has responded. */
export function closeOrder(o: SupervisionOrder, outcome: string, who: Principal, now: Date): OrderTransition {
  if (!isInspector(who)) return fail('forbidden', 'Only inspectors close supervision orders.');
  if (o.status === 'closed') return fail('conflict', 'This order is already closed.');
  if (o.status !== 'responded')
    return fail('conflict', 'The department has not responded yet: escalate it, or wait for the response.');
  const at = now.toISOString();
  return next(
    o,
    { status: 'closed', closedAt: at, closedBy: who.subject, outcome },
    { action: 'close', at, by: who.subject, note: outcome },
  );
}

/** The inspector escalates: a higher level, a new deadline, the department must respond again. */
export function escalateOrder(
  o: SupervisionOrder,
  input: { note: string; deadline: IsoDate },
  who: Principal,
  now: Date,
  today: IsoDate,
): OrderTransition {
  if (!isInspector(who)) return fail('forbidden', 'Only inspectors escalate supervision orders.');
  if (o.status === 'closed') return fail('conflict', 'This order is closed.');
  if (o.level >= MAX_ESCALATION_LEVEL)
    return fail('conflict', `This order is already at the highest level (${MAX_ESCALATION_LEVEL}).`);
  if (input.deadline < today)
    return fail('invalid_request', 'deadline: the deadline may not lie in the past.');
  const at = now.toISOString();
  return next(
    o,
    {
      status: 'escalated',
      level: o.level + 1,
      deadline: input.deadline,
      overdue: false,
      overdueSince: undefined,
    },
    { action: 'escalate', at, by: who.subject, note: input.note, deadline: input.deadline },
  );
}

/** The sweeper's view on `today`: flag an order whose deadline passed without a response. */
export function sweepOrder(o: SupervisionOrder, today: IsoDate, now: Date): SupervisionOrder | undefined {
  if (!AWAITING_RESPONSE.includes(o.status) || o.overdue || today < overdueFrom(o.deadline)) return undefined;
  return {
    ...o,
    overdue: true,
    overdueSince: overdueFrom(o.deadline),
    steps: [...o.steps, { action: 'overdue', at: now.toISOString(), by: 'sweeper', deadline: o.deadline }],
    rev: o.rev + 1,
  };
}

/** When the sweeper must next look at an order; undefined when nothing can become overdue. */
export function orderNextDue(o: SupervisionOrder): IsoDate | undefined {
  return AWAITING_RESPONSE.includes(o.status) && !o.overdue ? overdueFrom(o.deadline) : undefined;
}
