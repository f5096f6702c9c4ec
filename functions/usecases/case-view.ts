/**
 * How a case is shown to staff: its state at top level plus the derived figures, and
 * never the phone hash (only the masked form).
 */
import type { CaseRecord } from '../domain/cases/case.js';
import type { CaseProgress } from '../domain/cases/standing.js';

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
