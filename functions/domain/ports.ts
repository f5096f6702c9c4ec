/**
 * The stores as the rest of the platform sees them: `Platform` (functions/platform.ts)
 * types its catalogue, cases and calendar by these interfaces, so use cases depend on
 * what they ask of a store, not on DynamoDB. `functions/store` is one implementation; a
 * test may supply another.
 */
import type { HolidayYear, WorkCalendar } from './calendar/index.js';
import type { CaseRecord } from './cases/case.js';
import type { BoardLevel, CaseStanding, WarningLevel } from './cases/standing.js';
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

/**
 * A case as stored: the record, what ingest keeps beside it (the applicant's phone,
 * hashed and masked), its colour as last swept, and the hash of its content that
 * conditional rewrites are checked against.
 */
export type StoredCase = CaseRecord & {
  contentHash: string;
  warning?: WarningLevel | undefined;
} & Record<string, unknown>;

/** An open case as the warnings board and the reports read it (the fields they show). */
export type OpenCase = Pick<
  CaseRecord,
  | 'caseId'
  | 'serviceCode'
  | 'departmentId'
  | 'district'
  | 'windowId'
  | 'acceptedAt'
  | 'acceptedDate'
  | 'completedDate'
  | 'suspensions'
  | 'promisedDays'
  | 'statutoryDays'
  | 'dueDate'
  | 'statutoryDueDate'
  | 'status'
  | 'provisional'
> & { warning?: WarningLevel | undefined };

export interface CaseStore {
  /** Write a case's whole state; `updatedAt` decides which state wins. */
  putCase(
    record: CaseRecord,
    extra: Record<string, unknown>,
    standing: CaseStanding,
    options?: PutCaseOptions,
  ): Promise<PutCaseOutcome>;
  getCase(caseId: string): Promise<StoredCase | undefined>;
  /** A department's latest cases by acceptance time, newest first, one page of at most `limit` (a window device's next case). */
  recentCasesOfDepartment(departmentId: string, limit: number): Promise<StoredCase[]>;
  /**
   * Record the sweeper's view of an open case (its colour, next check date and place on
   * the warnings board); false, and nothing written, when the case changed meanwhile.
   */
  setStanding(
    record: Pick<CaseRecord, 'caseId' | 'acceptedAt' | 'status'>,
    standing: CaseStanding,
    contentHash: string,
  ): Promise<boolean>;
  /**
   * Replace a case's whole state derived again from what is stored (a calendar reload),
   * only while it is still at `contentHash`; false when it changed meanwhile.
   */
  replaceUnchanged(
    record: CaseRecord,
    extra: Record<string, unknown>,
    standing: CaseStanding,
    contentHash: string,
  ): Promise<boolean>;
  /** Open cases of one warning colour (the warnings board), oldest first. */
  warnedCases(level: BoardLevel): Promise<OpenCase[]>;
  /** Every open case, green included (the reports' colour counts). */
  openCases(): Promise<OpenCase[]>;
  /** Every open case in full (to derive them again after a calendar reload). */
  openCaseItems(): Promise<StoredCase[]>;
}

export interface CalendarStore {
  loadedYears(): Promise<HolidayYear[]>;
  putYear(year: HolidayYear): Promise<void>;
  /** The bundled calendar plus every year the office has loaded (cached briefly). */
  calendar(): Promise<WorkCalendar>;
  /** Forget the cached calendar, so the next `calendar()` reads the table. */
  invalidate(): void;
}
