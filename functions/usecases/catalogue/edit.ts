/**
 * The efficiency office keeps the catalogue: departments, windows and service items
 * with effective-dated limits, one at a time or as a CSV import. Every write lands in
 * the audit trail with what it replaced. A window or a service names a department that
 * must exist (404 otherwise).
 */
import { beijingDate } from '../../domain/calendar/index.js';
import {
  type Department,
  EARLIEST,
  type LimitVersion,
  limitProblems,
  type Service,
  type ServiceWindow,
} from '../../domain/catalogue.js';
import type { Principal } from '../../domain/identity.js';
import { invalid, notFound } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import {
  type ImportRowResult,
  importCatalogue,
  MAX_IMPORT_ROWS,
  parseCatalogueCsv,
} from '../catalogue-csv.js';
import { departmentById, serviceByCode } from './directory.js';

/** Whether a put created the item or replaced one (201 or 200). */
export type PutOutcome = 'created' | 'updated';

/** Create or replace a department. */
export async function saveDepartment(
  p: Platform,
  who: Principal,
  department: Department,
): Promise<{ department: Department; outcome: PutOutcome }> {
  const before = await departmentById(p, department.id);
  const outcome = await p.catalogue.putDepartment(department);
  await audit(p, who, 'department.put', `department:${department.id}`, before, department);
  return { department, outcome };
}

/** Create or replace a service window of an existing department. */
export async function saveWindow(
  p: Platform,
  who: Principal,
  window: ServiceWindow,
): Promise<{ window: ServiceWindow; outcome: PutOutcome }> {
  await existingDepartment(p, window.departmentId);
  const outcome = await p.catalogue.putWindow(window);
  await audit(p, who, 'window.put', `window:${window.id}`, undefined, window);
  return { window, outcome };
}

/** A service as the office sends it: today's limits, from a date or (by default) from now on. */
export interface ServiceChange {
  name: string;
  departmentId: string;
  statutoryDays: number;
  promisedDays: number;
  effectiveFrom?: string | undefined;
  kind?: Service['kind'] | undefined;
}

/**
 * Create a service or change it, adding a limit version: from `effectiveFrom`, else
 * from today for a known service and from the start of time for a new one. Limits that
 * contradict each other are a 400 before anything is read.
 */
export async function saveService(
  p: Platform,
  who: Principal,
  code: string,
  change: ServiceChange,
): Promise<{ service: Service | undefined; limits: LimitVersion[] | undefined; outcome: PutOutcome }> {
  const problems = limitProblems(change.statutoryDays, change.promisedDays);
  if (problems.length) throw invalid(problems.join('; '));
  await existingDepartment(p, change.departmentId);
  const before = await serviceByCode(p, code);
  const limits = {
    effectiveFrom: change.effectiveFrom ?? (before ? beijingDate(p.clock.now()) : EARLIEST),
    statutoryDays: change.statutoryDays,
    promisedDays: change.promisedDays,
  };
  const outcome = await p.catalogue.putService(
    { code, name: change.name, departmentId: change.departmentId, kind: change.kind ?? 'service' },
    limits,
  );
  const after = await serviceByCode(p, code);
  await audit(p, who, 'service.put', `service:${code}`, before, after);
  return { service: after?.service, limits: after?.limits, outcome };
}

/**
 * Import the catalogue's CSV (at most `MAX_IMPORT_ROWS` rows; an unreadable file is a
 * 400): each row is checked and written on its own, and the audit keeps the counts.
 */
export async function importServices(
  p: Platform,
  who: Principal,
  csvText: string,
): Promise<{ results: ImportRowResult[]; counts: Record<string, number> }> {
  const parsed = parseCatalogueCsv(csvText);
  if ('error' in parsed) throw invalid(parsed.error);
  if (parsed.records.length > MAX_IMPORT_ROWS) throw invalid(`At most ${MAX_IMPORT_ROWS} rows per import.`);
  const results = await importCatalogue(p, parsed.records);
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  await audit(p, who, 'services.import', 'catalogue', undefined, counts);
  return { results, counts };
}

async function existingDepartment(p: Platform, id: string): Promise<void> {
  if (!(await departmentById(p, id))) throw notFound(`No department ${id}.`);
}

function audit(p: Platform, who: Principal, action: string, target: string, before: unknown, after: unknown) {
  return p.audit.recordAudit({ actor: who.subject, roles: [...who.roles], action, target, before, after });
}
