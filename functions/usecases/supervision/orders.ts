/**
 * Supervision orders (督办单) end to end: an inspector issues one on a case, a bad
 * review, a critique or a whole department (the target must exist; its department is
 * taken from it); the department responds; the inspector closes or escalates. Each
 * step is a conditional write of the whole order plus an audit entry (who, when, what,
 * before and after). A refused step changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { beijingDate, type IsoDate } from '../../domain/calendar/index.js';
import type { Principal } from '../../domain/identity.js';
import { conflict, forbidden, invalid, notFound, Refusal } from '../../domain/refusal.js';
import {
  AWAITING_RESPONSE,
  canReadOrder,
  closeOrder,
  escalateOrder,
  issueOrder,
  type OrderStatus,
  type OrderTargetType,
  type OrderTransition,
  respondToOrder,
  type SupervisionOrder,
} from '../../domain/supervision/order.js';
import type { Platform } from '../../platform.js';
import { AGAIN, retrying } from '../../shared/retry.js';
import type { AuditEntry } from '../../store/audit.js';
import type { OrderPage } from '../../store/supervision.js';

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * `DB20261120-7KQ2XM`: the issue date and six unguessable characters. `random` (a byte
 * 0..255) is for the demo seed, whose orders must get the same ids when a cut-short
 * seed runs again.
 */
export function newOrderId(today: IsoDate, random?: () => number): string {
  const bytes = random ? Array.from({ length: 6 }, random) : randomBytes(6);
  let tail = '';
  for (const b of bytes) tail += BASE32[b % BASE32.length];
  return `DB${today.replaceAll('-', '')}-${tail}`;
}

export interface IssueRequest {
  targetType: OrderTargetType;
  targetId: string;
  /** Needed only for a critique the office has not routed to a department yet. */
  departmentId?: string | undefined;
  title: string;
  instructions: string;
  deadline: IsoDate;
}

interface ResolvedTarget {
  departmentId: string;
  label: string;
}

/** Find the target and its department; 404 when it does not exist. */
async function resolveTarget(p: Platform, req: IssueRequest): Promise<ResolvedTarget> {
  switch (req.targetType) {
    case 'case': {
      const c = await p.cases.getCase(req.targetId);
      if (!c) throw notFound(`No case ${req.targetId}.`);
      return {
        departmentId: c.departmentId,
        label: `${c.serviceCode} · ${c.status} · ${c.warning ?? ''}`.trim(),
      };
    }
    case 'rating': {
      const r = await p.ratings.get(req.targetId);
      if (!r) throw notFound(`No rating of case ${req.targetId}.`);
      if (typeof r.score === 'number' && r.score > 2)
        throw invalid(`The rating of case ${req.targetId} is not a bad review (score ${r.score}).`);
      return { departmentId: String(r.departmentId), label: `${req.targetId} · ${String(r.score ?? '')}` };
    }
    case 'critique': {
      const c = await p.critiques.get(req.targetId);
      if (!c) throw notFound(`No critique ${req.targetId}.`);
      const dept =
        (typeof c.assignedDepartmentId === 'string' && c.assignedDepartmentId) ||
        (typeof c.targetDepartmentId === 'string' && c.targetDepartmentId) ||
        req.departmentId;
      if (!dept)
        throw invalid(`Critique ${req.targetId} has no department yet: say which one with departmentId.`);
      return { departmentId: dept, label: `${req.targetId} · ${String(c.category ?? '')}` };
    }
    case 'department': {
      const d = await p.catalogue.getDepartment(req.targetId);
      if (!d) throw notFound(`No department ${req.targetId}.`);
      return { departmentId: d.id, label: d.name };
    }
  }
}

function orThrow(t: OrderTransition): SupervisionOrder {
  if (t.ok) return t.order;
  throw new Refusal(t.code, t.message);
}

const audit = (
  p: Platform,
  who: Principal,
  action: string,
  before: SupervisionOrder | undefined,
  after: SupervisionOrder,
) =>
  p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action,
    target: `order:${after.id}`,
    at: after.steps.at(-1)?.at ?? p.clock.now().toISOString(),
    before: before ? summary(before) : undefined,
    after: summary(after),
  });

function summary(o: SupervisionOrder) {
  return {
    rev: o.rev,
    status: o.status,
    level: o.level,
    deadline: o.deadline,
    overdue: o.overdue,
    note: o.steps.at(-1)?.note,
  };
}

/** An inspector issues an order. */
export async function issue(p: Platform, who: Principal, req: IssueRequest): Promise<SupervisionOrder> {
  if (!who.roles.has('inspector')) throw forbidden('Only inspectors issue supervision orders.');
  if (req.deadline < beijingDate(p.clock.now()))
    throw invalid('deadline: the deadline may not lie in the past.', { field: 'deadline' });
  const target = await resolveTarget(p, req);
  const department = await p.catalogue.getDepartment(target.departmentId);
  if (!department) throw notFound(`No department ${target.departmentId}.`);
  const now = p.clock.now();
  const today = beijingDate(now);
  // A random id that is already taken (by chance) is drawn again.
  return retrying(
    async () => {
      const order = orThrow(
        issueOrder(
          {
            id: newOrderId(today),
            targetType: req.targetType,
            targetId: req.targetId,
            targetLabel: target.label,
            departmentId: department.id,
            district: department.district,
            title: req.title,
            instructions: req.instructions,
            deadline: req.deadline,
          },
          who,
          now,
          today,
        ),
      );
      if (!(await p.orders.putNewOrder(order))) return AGAIN;
      await audit(p, who, 'supervision.order.issue', undefined, order);
      return order;
    },
    {
      attempts: 5,
      exhausted: () => {
        throw new Error('Could not allocate an order id.');
      },
    },
  );
}

/** Load an order the caller may see: 404 when missing, 403 for another department's staff. */
export async function visibleOrder(p: Platform, who: Principal, id: string): Promise<SupervisionOrder> {
  const order = await p.orders.getOrder(id);
  if (!order) throw notFound(`No supervision order ${id}.`);
  if (!canReadOrder(who, order)) throw forbidden('This order is addressed to another department.');
  return order;
}

async function step(
  p: Platform,
  who: Principal,
  id: string,
  action: string,
  apply: (o: SupervisionOrder) => OrderTransition,
): Promise<SupervisionOrder> {
  return retrying(
    async () => {
      const before = await visibleOrder(p, who, id);
      const after = orThrow(apply(before));
      if (!(await p.orders.saveOrder(after, before.rev))) return AGAIN;
      await audit(p, who, action, before, after);
      return after;
    },
    {
      attempts: 3,
      exhausted: () => {
        throw conflict('The order changed while you were saving; reload and try again.');
      },
    },
  );
}

export const respond = (p: Platform, who: Principal, id: string, note: string) =>
  step(p, who, id, 'supervision.order.respond', (o) => respondToOrder(o, note, who, p.clock.now()));

export const close = (p: Platform, who: Principal, id: string, outcome: string) =>
  step(p, who, id, 'supervision.order.close', (o) => closeOrder(o, outcome, who, p.clock.now()));

export const escalate = (
  p: Platform,
  who: Principal,
  id: string,
  input: { note: string; deadline: IsoDate },
) =>
  step(p, who, id, 'supervision.order.escalate', (o) =>
    escalateOrder(o, input, who, p.clock.now(), beijingDate(p.clock.now())),
  );

/** An order with its audit trail (oldest first). */
export async function orderDetail(
  p: Platform,
  who: Principal,
  id: string,
): Promise<{ order: SupervisionOrder; audit: AuditEntry[] }> {
  const order = await visibleOrder(p, who, id);
  // Steps saved within the same millisecond are put in order by the revision they wrote.
  const rev = (a: AuditEntry) => Number((a.after as { rev?: unknown } | undefined)?.rev ?? 0);
  const trail = (await p.audit.auditOf(`order:${id}`)).sort(
    (a, b) => a.at.localeCompare(b.at) || rev(a) - rev(b),
  );
  return { order, audit: trail };
}

export interface OrderListQuery {
  status?: OrderStatus | 'open' | undefined;
  departmentId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Orders a caller may see: by department (newest first, paginated) or, for inspectors
 * and the office, by status (`open` = awaiting a response or a decision).
 */
export async function listOrders(p: Platform, who: Principal, q: OrderListQuery): Promise<OrderPage> {
  const everyone = who.roles.has('inspector') || who.roles.has('office');
  let departmentId = q.departmentId;
  if (departmentId && !everyone && !who.departments.has(departmentId))
    throw forbidden('Department staff see their own department only.');
  if (!departmentId && !everyone) {
    const own = [...who.departments];
    if (own.length !== 1)
      throw invalid('departmentId: say which of your departments to list.', { field: 'departmentId' });
    departmentId = own[0];
  }
  if (departmentId) {
    const page = await p.orders.ordersOfDepartment(departmentId, {
      status: q.status === 'open' ? undefined : q.status,
      limit: q.limit,
      cursor: q.cursor,
    });
    return q.status === 'open' ? { ...page, items: page.items.filter((o) => o.status !== 'closed') } : page;
  }
  if (q.status && q.status !== 'open') return p.orders.ordersByStatus(q.status, q);
  // Open orders: each open status in full (a few hundred at most), newest first.
  const statuses: OrderStatus[] = [...AWAITING_RESPONSE, 'responded'];
  const pages = await Promise.all(statuses.map((s) => p.orders.ordersByStatus(s, { limit: 1000 })));
  const items = pages.flatMap((pg) => pg.items).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return { items: items.slice(0, q.limit), nextCursor: null };
}
