/**
 * What staff do with critiques. The office triages (accept, reject with a reason,
 * merge a duplicate, route to a department with a reply deadline); the assigned
 * department — or the office — answers in public, reports a rectification, or (the
 * department) hands a misrouted critique back. Every write lands in the audit trail
 * with the state before and after; department staff only ever see or touch critiques
 * assigned to their department (403 otherwise).
 */

import {
  type Acting,
  accept,
  handBack,
  markDuplicate,
  mayDepartmentSee,
  rectify,
  reject,
  reply,
  route,
  type TransitionContext,
} from '../../domain/critiques/lifecycle.js';
import { type Critique, type CritiqueStatus, DEFAULT_REPLY_DAYS } from '../../domain/critiques/model.js';
import { staffCritique } from '../../domain/critiques/public-view.js';
import type { Principal } from '../../domain/identity.js';
import { forbidden, invalid } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { changeCritique, loadCritique } from './change.js';
import { leaderWrites } from './leaders.js';
import { notifyNitpicker } from './notify.js';

export function actingOf(who: Principal): Acting {
  return who.roles.has('office') ? { role: 'office' } : { role: 'department', departments: who.departments };
}

export async function transitionContext(p: Platform): Promise<TransitionContext> {
  return { now: p.clock.now(), calendar: await p.calendar.calendar() };
}

/** Office and inspectors see every critique; department staff those assigned to them. */
export function staffMaySee(who: Principal, c: Critique): boolean {
  return who.roles.has('office') || who.roles.has('inspector') || mayDepartmentSee(c, who.departments);
}

/** Load a critique for a staff member, 404 if missing, 403 if not theirs to see. */
export async function critiqueForStaff(p: Platform, who: Principal, code: string): Promise<Critique> {
  const c = await loadCritique(p, code);
  if (!staffMaySee(who, c)) throw forbidden('This critique is assigned to another department.');
  return c;
}

function auditState(c: Critique) {
  return {
    status: c.status,
    rev: c.rev,
    ...(c.assignedDepartmentId ? { assignedDepartmentId: c.assignedDepartmentId } : {}),
    ...(c.replyDue ? { replyDue: c.replyDue } : {}),
    ...(c.overdue ? { overdue: true } : {}),
    ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}),
    ...(c.rejectReason ? { rejectReason: c.rejectReason } : {}),
    meToo: c.meToo,
    replies: c.replies.length,
    ...(c.rectification ? { rectification: c.rectification } : {}),
    ...(c.award ? { award: c.award } : {}),
  };
}

async function audit(
  p: Platform,
  who: Principal,
  action: string,
  prev: Critique,
  next: Critique,
  extra?: object,
) {
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: `critique.${action}`,
    target: `critique:${next.trackingCode}`,
    at: p.clock.now().toISOString(),
    before: auditState(prev),
    after: { ...auditState(next), ...extra },
  });
}

async function act(
  p: Platform,
  who: Principal,
  code: string,
  action: string,
  transition: (c: Critique, ctx: TransitionContext) => ReturnType<typeof accept>,
  extra?: object,
) {
  const ctx = await transitionContext(p);
  const [change] = await changeCritique(p, code, async (c) => {
    const out = transition(c, ctx);
    if (!out.ok) return out;
    return {
      ok: true,
      changes: [{ prev: c, next: out.critique }],
      extra: await leaderWrites(p, c, out.critique),
    };
  });
  await audit(p, who, action, change!.prev, change!.next, extra);
  return change!.next;
}

export async function acceptCritique(p: Platform, who: Principal, code: string) {
  return staffCritique(await act(p, who, code, 'accept', accept));
}

export async function rejectCritique(p: Platform, who: Principal, code: string, reason: string) {
  const next = await act(p, who, code, 'reject', (c, ctx) => reject(c, reason, ctx));
  await notifyNitpicker(next, 'rejected');
  return staffCritique(next);
}

export async function routeCritique(
  p: Platform,
  who: Principal,
  code: string,
  departmentId: string,
  replyDays = DEFAULT_REPLY_DAYS,
) {
  const department = await p.catalogue.getDepartment(departmentId);
  if (!department) throw invalid(`No department with id ${departmentId}.`);
  return staffCritique(await act(p, who, code, 'route', (c, ctx) => route(c, department, replyDays, ctx)));
}

export async function replyToCritique(p: Platform, who: Principal, code: string, text: string) {
  const acting = actingOf(who);
  const next = await act(p, who, code, 'reply', (c, ctx) => reply(c, acting, text, ctx), { text });
  await notifyNitpicker(next, 'answered');
  return staffCritique(next);
}

export async function rectifyCritique(p: Platform, who: Principal, code: string, whatChanged: string) {
  const acting = actingOf(who);
  const next = await act(p, who, code, 'rectify', (c, ctx) => rectify(c, acting, whatChanged, ctx));
  await notifyNitpicker(next, 'rectified');
  return staffCritique(next);
}

export async function handBackCritique(p: Platform, who: Principal, code: string, reason: string) {
  const acting = actingOf(who);
  return staffCritique(
    await act(p, who, code, 'handBack', (c, ctx) => handBack(c, acting, reason, ctx), { reason }),
  );
}

/** Merge a critique into another public one: both change in one transaction. */
export async function markDuplicateCritique(p: Platform, who: Principal, code: string, originalCode: string) {
  const ctx = await transitionContext(p);
  const store = p.critiques;
  const changes = await changeCritique(p, code, async (c) => {
    const original = await store.get(originalCode);
    if (!original)
      return {
        ok: false,
        code: 'invalid_request',
        message: `No critique with tracking code ${originalCode}.`,
      };
    const out = markDuplicate(c, original, ctx);
    if (!out.ok) return out;
    return {
      ok: true,
      changes: [
        { prev: c, next: out.critique.duplicate },
        { prev: original, next: out.critique.original },
      ],
    };
  });
  await audit(p, who, 'duplicate', changes[0]!.prev, changes[0]!.next);
  await audit(p, who, 'meToo', changes[1]!.prev, changes[1]!.next, { duplicate: code });
  return staffCritique(changes[0]!.next);
}

export interface StaffListQuery {
  status?: CritiqueStatus | undefined;
  departmentId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Staff lists: the office and inspectors by status (the triage queue is `submitted`,
 * oldest first) or by department; department staff their own department's inbox only.
 */
export async function listCritiquesForStaff(p: Platform, who: Principal, q: StaffListQuery) {
  const store = p.critiques;
  const seesAll = who.roles.has('office') || who.roles.has('inspector');
  let departmentId = q.departmentId;
  if (!seesAll) {
    if (!departmentId) {
      if (who.departments.size !== 1)
        throw invalid('departmentId is required: you act for several departments.');
      departmentId = [...who.departments][0];
    }
    if (!who.departments.has(departmentId!))
      throw forbidden('You may only list your own department’s critiques.');
  }
  const page = departmentId
    ? await store.listByDepartment(departmentId, { limit: q.limit, cursor: q.cursor, status: q.status })
    : await store.listByStatus(q.status ?? 'submitted', {
        limit: q.limit,
        cursor: q.cursor,
        oldestFirst: (q.status ?? 'submitted') === 'submitted',
      });
  return { items: page.items.map(staffCritique), nextCursor: page.nextCursor };
}

export async function critiqueForStaffView(p: Platform, who: Principal, code: string) {
  return staffCritique(await critiqueForStaff(p, who, code));
}

/** A critique's audit trail, for a caller who may see the critique (404/403 otherwise). */
export async function critiqueAuditTrail(p: Platform, who: Principal, code: string) {
  await critiqueForStaff(p, who, code);
  return p.audit.auditOf(`critique:${code}`);
}
