/**
 * A case (办件) as the platform keeps it: the upstream state plus everything derived
 * from it with the official calendar — Beijing dates, the limits in force on the
 * acceptance date, working days, due dates, on-time and warning level. Derivation is
 * pure and deterministic, so ingest, the sweeper, the recount and the tests agree.
 */
import {
  beijingDate,
  type IsoDate,
  type Suspension,
  validateSuspensions,
  type WorkCalendar,
  warningLevel,
} from '../calendar/index.js';
import { type LimitVersion, limitsOn } from '../catalogue.js';

export const CHANNELS = ['window', 'online', 'mobile', 'terminal', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];
export type WarningLevel = ReturnType<typeof warningLevel>;

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
    onTime: workingDays === undefined ? undefined : workingDays <= limits.promisedDays,
    status: completedDate ? 'completed' : openSuspension ? 'suspended' : 'open',
    provisional: cal.provisionalBetween(acceptedDate, end > statutoryDueDate ? end : statutoryDueDate),
  };
  return { ok: true, record };
}

export interface CaseProgress {
  /** Working days counted so far (or in total, once completed). */
  elapsedDays: number;
  warning: WarningLevel;
  provisional: boolean;
}

/** Where a case stands on `today` (Beijing date): elapsed days and warning colour. */
export function progressOf(
  record: Pick<
    CaseRecord,
    'acceptedDate' | 'completedDate' | 'suspensions' | 'promisedDays' | 'statutoryDays' | 'provisional'
  >,
  today: IsoDate,
  cal: WorkCalendar,
): CaseProgress {
  const end = record.completedDate ?? today;
  const elapsedDays = cal.workingDaysBetween(record.acceptedDate, end, record.suspensions);
  return {
    elapsedDays,
    warning: warningLevel(elapsedDays, record.promisedDays, record.statutoryDays),
    provisional: record.provisional || cal.provisionalBetween(record.acceptedDate, end),
  };
}

/**
 * The next Beijing date after `today` on which an open case's warning colour changes
 * (yellow, red, serious thresholds), or undefined when nothing more can change. The
 * sparse open-items index is sorted by this date, so the sweeper reads only the cases
 * that change colour today, never every open case.
 */
export function nextWarningChange(
  record: Pick<CaseRecord, 'acceptedDate' | 'suspensions' | 'promisedDays' | 'statutoryDays'>,
  today: IsoDate,
  cal: WorkCalendar,
): IsoDate | undefined {
  const thresholds = [
    Math.floor(record.promisedDays * 0.8) + 1,
    record.promisedDays + 1,
    record.statutoryDays + 1,
  ];
  for (const n of thresholds) {
    const date = cal.dueDate(record.acceptedDate, n, record.suspensions, today);
    if (date > today) return date;
  }
  return undefined;
}
