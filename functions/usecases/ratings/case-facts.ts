/**
 * What the rater's pages show about the case being rated: its id, the service and the
 * department by name (not by code), and when it was completed. The rating form, its
 * re-render after a refusal, the rating's standing and the printable receipt show the
 * same facts, read here once.
 */
import type { Platform } from '../../platform.js';
import { departmentById, serviceByCode } from '../catalogue/directory.js';

export interface CaseFacts {
  caseId: string;
  serviceName: string;
  departmentName: string;
  completedAt: string | undefined;
}

/** The facts of a case record; a code stands in for a name the catalogue no longer has. */
export async function caseFacts(
  p: Platform,
  record: { caseId: string; serviceCode: string; departmentId: string; completedAt?: string | undefined },
): Promise<CaseFacts> {
  const [service, department] = await Promise.all([
    serviceByCode(p, record.serviceCode),
    departmentById(p, record.departmentId),
  ]);
  return {
    caseId: record.caseId,
    serviceName: service?.service.name ?? record.serviceCode,
    departmentName: department?.name ?? record.departmentId,
    completedAt: record.completedAt,
  };
}

/** The facts of the case with this id, or undefined when there is no such case. */
export async function caseFactsOf(p: Platform, caseId: string): Promise<CaseFacts | undefined> {
  const found = await p.cases.getCase(caseId);
  return found ? caseFacts(p, found) : undefined;
}
