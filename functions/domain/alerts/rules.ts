/**
 * Who is told what: a change to a rating, critique, supervision order or case (its old
 * and new image, as the table's stream delivers them) becomes the alert events it
 * causes. Only transitions count — the first time a review is bad, a critique becomes
 * routed, a case turns a colour — so a record seen twice, or a later unrelated change,
 * causes nothing new. Each event's `cause` names the transition, which the alert ids
 * are built from.
 */
import { WARNING_SEVERITY, type WarningLevel } from '../cases/standing.js';
import type { AlertEvent } from './model.js';

/** An item image as the stream gives it (unmarshalled). */
export type Image = Record<string, unknown>;

/** The item types whose changes can cause alerts (the stream filter adds them). */
export const ALERTING_TYPES = ['rating', 'critique', 'supervisionOrder', 'case'] as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function ratingEvents(o: Image | undefined, n: Image): AlertEvent[] {
  const events: AlertEvent[] = [];
  const caseId = str(n.caseId);
  const departmentId = str(n.departmentId);
  if (!caseId || !departmentId) return events;
  const subject = { type: 'rating', id: caseId } as const;
  if (n.bad === true && o?.bad !== true && n.excluded !== true) {
    events.push({
      kind: 'badReview',
      audience: 'department',
      departmentId,
      subject,
      cause: `rating:${caseId}`,
      deadline: n.callbackRequired === true ? str(n.callbackDueDate) : undefined,
      severity: 'normal',
      params: { caseId, score: String(n.score ?? '') },
    });
  }
  const appeal = n.appeal as { filedAt?: unknown } | undefined;
  const oldAppeal = o?.appeal as { filedAt?: unknown } | undefined;
  const filedAt = str(appeal?.filedAt);
  if (filedAt && filedAt !== str(oldAppeal?.filedAt)) {
    events.push({
      kind: 'appealFiled',
      audience: 'office',
      departmentId,
      subject,
      cause: `appeal:${caseId}:${filedAt}`,
      severity: 'normal',
      params: { caseId },
    });
  }
  return events;
}

function critiqueEvents(o: Image | undefined, n: Image): AlertEvent[] {
  const code = str(n.trackingCode);
  const status = str(n.status);
  if (!code || !status || status === str(o?.status)) return [];
  if (status !== 'routed' && status !== 'reopened') return [];
  const departmentId = str(n.assignedDepartmentId) ?? str(n.targetDepartmentId);
  const at = str(n.updatedAt) ?? '';
  return [
    {
      kind: status === 'routed' ? 'critiqueRouted' : 'critiqueReopened',
      audience: departmentId ? 'department' : 'office',
      departmentId,
      subject: { type: 'critique', id: code },
      cause: `critique:${code}:${status}:${at}`,
      deadline: str(n.replyDue),
      severity: 'normal',
      params: { trackingCode: code },
    },
  ];
}

function orderEvents(o: Image | undefined, n: Image): AlertEvent[] {
  const id = str(n.id);
  const departmentId = str(n.departmentId);
  if (!id || !departmentId) return [];
  const subject = { type: 'supervisionOrder', id } as const;
  const level = Number(n.level ?? 1);
  const events: AlertEvent[] = [];
  const awaiting = n.status === 'issued' || n.status === 'escalated';
  if (awaiting && (o === undefined || Number(o.level ?? 0) !== level || o.status === 'responded')) {
    events.push({
      kind: 'orderIssued',
      audience: 'department',
      departmentId,
      subject,
      cause: `order:${id}:${level}:${str(n.deadline) ?? ''}`,
      deadline: str(n.deadline),
      severity: level > 1 ? 'serious' : 'normal',
      params: { orderId: id, title: str(n.title) ?? '', level: String(level) },
    });
  }
  if (n.overdue === true && o?.overdue !== true) {
    const cause = `order-overdue:${id}:${level}:${str(n.deadline) ?? ''}`;
    const params = { orderId: id, title: str(n.title) ?? '', level: String(level) };
    events.push(
      { kind: 'orderOverdue', audience: 'office', departmentId, subject, cause, severity: 'normal', params },
      {
        kind: 'orderUnanswered',
        audience: 'inspector',
        departmentId,
        subject,
        cause,
        severity: 'serious',
        params,
      },
    );
  }
  return events;
}

function caseEvents(o: Image | undefined, n: Image): AlertEvent[] {
  const caseId = str(n.caseId);
  const departmentId = str(n.departmentId);
  const level = str(n.warning) as WarningLevel | undefined;
  const before = (str(o?.warning) as WarningLevel | undefined) ?? 'green';
  if (!caseId || !departmentId || !level || level === 'green' || n.status === 'completed') return [];
  if ((WARNING_SEVERITY[level] ?? 0) <= (WARNING_SEVERITY[before] ?? 0)) return [];
  const subject = { type: 'case', id: caseId } as const;
  const cause = `case:${caseId}:${level}`;
  const severity = level === 'serious' ? 'serious' : 'normal';
  const events: AlertEvent[] = [
    {
      kind: 'caseWarning',
      audience: 'department',
      departmentId,
      subject,
      cause,
      severity,
      params: { caseId, level },
    },
  ];
  if (level === 'serious') {
    events.push({
      kind: 'seriousCase',
      audience: 'inspector',
      departmentId,
      subject,
      cause,
      severity,
      params: { caseId, level },
    });
  }
  return events;
}

/** The alert events a change causes (none for a deletion or an uninteresting change). */
export function alertEventsOf(oldImage: Image | undefined, newImage: Image | undefined): AlertEvent[] {
  if (!newImage) return [];
  switch (newImage.type) {
    case 'rating':
      return ratingEvents(oldImage, newImage);
    case 'critique':
      return critiqueEvents(oldImage, newImage);
    case 'supervisionOrder':
      return orderEvents(oldImage, newImage);
    case 'case':
      return caseEvents(oldImage, newImage);
    default:
      return [];
  }
}
