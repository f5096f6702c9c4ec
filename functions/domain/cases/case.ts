/**
 * A case (办件) as the platform keeps it: the upstream state plus everything derived
 * from it with the official calendar — Beijing dates, the limits in force on the
 * acceptance date, working days, due dates and on-time (by the rules of `standing.ts`,
 * which also owns the warning colour). Derivation is pure and deterministic, so
 * ingest, the sweeper, the recount and the tests agree.
 */
import {
  beijingDate,
  type IsoDate,
  type Suspension,
  validateSuspensions,
  type WorkCalendar,
} from '../calendar/index.js';
import { type LimitVersion, limitsOn } from '../catalogue.js';
import { completedOnTime } from './standing.js';

export const CHANNELS = ['window', 'online', 'mobile', 'terminal', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One case as upstream systems send it: the whole current state. */
export interface CaseInput {
  caseId: string;
  serviceCode: string;
  acceptedAt: string;
  completedAt?: string | undefined;
  suspensions?: Suspension[] | undefined;
  windowId?: string | undefined;
  staffId?: string | undefined;
  channel?: Channel | undefined;
  applicantPhone?: string | undefined;
  updatedAt?: string | undefined;
}

export interface CaseRecord {
  caseId: string;
  serviceCode: string;
  departmentId: string;
  district?: string | undefined;
  windowId?: string | undefined;
  staffId?: string | undefined;
  channel: Channel;
  acceptedAt: string;
  completedAt?: string | undefined;
  acceptedDate: IsoDate;
  completedDate?: IsoDate | undefined;
  suspensions: Suspension[];
  updatedAt?: string | undefined;
  /** Limits in force on the acceptance date. */
  statutoryDays: number;
  promisedDays: number;
  dueDate: IsoDate;
  statutoryDueDate: IsoDate;
  /** Working days taken (completed cases only). */
  workingDays?: number | undefined;
  /** Working days spent suspended (so far, for open cases). */
  suspendedDays: number;
  onTime?: boolean | undefined;
  status: 'open' | 'suspended' | 'completed';
  /** True while any date used lies in a year whose official schedule is not loaded. */
  provisional: boolean;
}

export interface CaseContext {
  /** Today's Beijing date: open suspensions are taken to end today. */
  today: IsoDate;
  departmentId: string;
  district?: string | undefined;
  limits: readonly LimitVersion[];
  calendar: WorkCalendar;
}

/** Cases before this date are outside the calendar the platform ships. */
export const EARLIEST_CASE_DATE = '2000-01-01';

export type BuildResult = { ok: true; record: CaseRecord } | { ok: false; errors: string[] };

/**
 * Validate a case against its service and derive everything the platform shows. A
 * date the calendar cannot place is a rejection with a reason, never an exception.
 */
export function buildCase(input: CaseInput, ctx: CaseContext): BuildResult {
  try {
    return deriveCase(input, ctx);
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, errors: [err.message] };
    throw err;
  }
}

function deriveCase(input: CaseInput, ctx: CaseContext): BuildResult {
  const errors: string[] = [];
  const accepted = Date.parse(input.acceptedAt);
  const completed = input.completedAt ? Date.parse(input.completedAt) : undefined;
  if (completed !== undefined && completed < accepted) errors.push('completedAt is before acceptedAt');
  const acceptedDate = beijingDate(input.acceptedAt);
  const completedDate = input.completedAt ? beijingDate(input.completedAt) : undefined;
  if (acceptedDate < EARLIEST_CASE_DATE || acceptedDate > ctx.today) {
    errors.push(`acceptedAt must lie between ${EARLIEST_CASE_DATE} and today`);
  }
  if (completedDate && completedDate > ctx.today) errors.push('completedAt is in the future');
  const suspensions = [...(input.suspensions ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  errors.push(...validateSuspensions(suspensions, acceptedDate, completedDate));
  const limits = limitsOn(ctx.limits, acceptedDate);
  if (!limits) errors.push(`service ${input.serviceCode} has no limits`);
  if (errors.length || !limits) return { ok: false, errors };

  const cal = ctx.calendar;
  let dueDate: IsoDate;
  let statutoryDueDate: IsoDate;
  try {
    dueDate = cal.dueDate(acceptedDate, limits.promisedDays, suspensions, completedDate ?? ctx.today);
    statutoryDueDate = cal.dueDate(
      acceptedDate,
      limits.statutoryDays,
      suspensions,
      completedDate ?? ctx.today,
    );
  } catch (err) {
    return { ok: false, errors: [err instanceof RangeError ? err.message : 'dates are out of range'] };
  }
  const end = completedDate ?? dueDate;
  const workingDays = completedDate
    ? cal.workingDaysBetween(acceptedDate, completedDate, suspensions)
    : undefined;
  const suspendedDays = completedDate
    ? cal.workingDaysBetween(acceptedDate, completedDate) - (workingDays ?? 0)
    : 0;
  const openSuspension = suspensions.some((s) => !s.to);
  const record: CaseRecord = {
    caseId: input.caseId,
    serviceCode: input.serviceCode,
    departmentId: ctx.departmentId,
    district: ctx.district,
    windowId: input.windowId,
    staffId: input.staffId,
    channel: input.channel ?? 'window',
    acceptedAt: input.acceptedAt,
    completedAt: input.completedAt,
    acceptedDate,
    completedDate,
    suspensions,
    updatedAt: input.updatedAt,
    statutoryDays: limits.statutoryDays,
    promisedDays: limits.promisedDays,
    dueDate,
    statutoryDueDate,
    workingDays,
    suspendedDays,
    onTime: workingDays === undefined ? undefined : completedOnTime(workingDays, limits.promisedDays),
    status: completedDate ? 'completed' : openSuspension ? 'suspended' : 'open',
    provisional: cal.provisionalBetween(acceptedDate, end > statutoryDueDate ? end : statutoryDueDate),
  };
  return { ok: true, record };
}

/**
 * A completed case's completion date and working days taken; undefined while open.
 * What counts a case as completed in the aggregates and the curves.
 */
export function completionOf(
  record: Pick<CaseRecord, 'completedDate' | 'workingDays'>,
): { date: IsoDate; workingDays: number } | undefined {
  return typeof record.completedDate === 'string' && typeof record.workingDays === 'number'
    ? { date: record.completedDate, workingDays: record.workingDays }
    : undefined;
}

/** Whether the case came through the 12345 hotline (counted apart in reports). */
export function viaHotline(record: Pick<CaseRecord, 'channel'>): boolean {
  return record.channel === 'hotline';
}
