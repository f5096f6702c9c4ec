/**
 * The store as the rest of the platform sees it: interfaces the API and jobs talk to.
 * DynamoDB (functions/store) is one implementation; tests of pure logic may supply
 * another.
 */
import type { HolidayYear } from './calendar/index.js';
import type { CaseRecord } from './cases/case.js';
import type { CaseStanding } from './cases/standing.js';
import type { Department, LimitVersion, Service, ServiceWindow } from './catalogue.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CatalogueStore {
  putDepartment(d: Department): Promise<'created' | 'updated'>;
  getDepartment(id: string): Promise<Department | undefined>;
  listDepartments(): Promise<Department[]>;
  putWindow(w: ServiceWindow): Promise<'created' | 'updated'>;
  listWindows(departmentId: string): Promise<ServiceWindow[]>;
  /** Create or update a service and, when limits are given, add a limit version. */
  putService(
    s: Omit<Service, 'statutoryDays' | 'promisedDays'>,
    limits: LimitVersion,
  ): Promise<'created' | 'updated'>;
  getService(code: string): Promise<{ service: Service; limits: LimitVersion[] } | undefined>;
  listServices(options: {
    limit: number;
    cursor?: string | undefined;
    departmentId?: string | undefined;
  }): Promise<Page<Service>>;
}

export type IngestStatus = 'created' | 'updated' | 'unchanged' | 'stale';

/** What is stored for a case after a put, whichever state won: rating links come from it. */
export interface StoredCaseFacts {
  departmentId: string;
  status: CaseRecord['status'];
  completedAt?: string | undefined;
}

export type PutCaseOutcome =
  | {
      status: IngestStatus;
      /** The stored status before this write, when it replaced one. */
      previousStatus?: CaseRecord['status'];
      /** The case as stored now (this write's state, or the one that beat it). */
      stored: StoredCaseFacts;
    }
  /** The case is stored in another department than the write was pinned to: nothing written. */
  | { status: 'foreign' };

export interface PutCaseOptions {
  /**
   * Pin the write to a department: an existing case is replaced only while it is stored
   * in this department, checked in the write's own condition, so no race can move a
   * case between departments. Department staff always write pinned.
   */
  storedIn?: string | undefined;
}

export interface CaseStore {
  /** Write a case's whole state; `updatedAt` decides which state wins. */
  putCase(
    record: CaseRecord,
    extra: Record<string, unknown>,
    standing: CaseStanding,
    options?: PutCaseOptions,
  ): Promise<PutCaseOutcome>;
  getCase(caseId: string): Promise<(CaseRecord & Record<string, unknown>) | undefined>;
}

export interface CalendarStore {
  loadedYears(): Promise<HolidayYear[]>;
  putYear(year: HolidayYear): Promise<void>;
}
