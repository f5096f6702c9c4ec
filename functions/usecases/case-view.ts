/**
 * How a case is shown to staff: its state at top level plus the derived figures, and
 * never the phone hash (only the masked form).
 */
import { beijingDate } from '../domain/calendar/index.js';
import type { CaseRecord } from '../domain/cases/case.js';
import { type CaseProgress, progressOf } from '../domain/cases/standing.js';
import { canSeeDepartment, type Principal } from '../domain/identity.js';
import { forbidden, notFound } from '../domain/refusal.js';
import type { Platform } from '../platform.js';

/**
 * A case as staff see it today (`GET /api/v1/cases/:caseId`): 404 when there is none,
 * 403 when it belongs to a department the caller may not see.
 */
export async function caseForStaff(p: Platform, who: Principal, caseId: string) {
  const record = await p.cases.getCase(caseId);
  if (!record) throw notFound(`No case ${caseId}.`);
  if (!canSeeDepartment(who, record.departmentId)) {
    throw forbidden('This case belongs to another department.');
  }
  const calendar = await p.calendar.calendar();
  return caseView(record, progressOf(record, beijingDate(p.clock.now()), calendar));
}

export function caseView(record: CaseRecord & Record<string, unknown>, progress: CaseProgress) {
  return {
    caseId: record.caseId,
    serviceCode: record.serviceCode,
    departmentId: record.departmentId,
    district: record.district,
    windowId: record.windowId,
    staffId: record.staffId,
    channel: record.channel,
    status: record.status,
    acceptedAt: record.acceptedAt,
    completedAt: record.completedAt,
    suspensions: record.suspensions,
    updatedAt: record.updatedAt,
    statutoryDays: record.statutoryDays,
    promisedDays: record.promisedDays,
    dueDate: record.dueDate,
    statutoryDueDate: record.statutoryDueDate,
    workingDays: record.completedDate ? record.workingDays : undefined,
    elapsedWorkingDays: progress.elapsedDays,
    suspendedDays: record.suspendedDays,
    onTime: record.onTime,
    warning: progress.warning,
    provisional: progress.provisional,
    applicantPhone: typeof record.applicantPhoneMasked === 'string' ? record.applicantPhoneMasked : undefined,
  };
}
