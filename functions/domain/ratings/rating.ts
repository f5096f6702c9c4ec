/**
 * A rating (好差评) of one completed case, as the platform keeps it: the rater's score,
 * optional sub-scores, comment and callback contact, the attribution of the case
 * (department, window, staff member, service, district — 评价到人), and, for a bad
 * review (score 1–2), its follow-up: callback (回访), rectification (整改), appeal and
 * the rater's feedback on the rectification. Pure: no AWS or HTTP.
 */
import { addCalendarDays, beijingDate, type IsoDate, type WorkCalendar } from '../calendar/index.js';
import { hashPhone, maskPhone, normalisePhone } from '../pii.js';
import { contentAt, type IndicatorSet, indicatorSetOf, type RatingChannel } from './content.js';

export const SCORES = [5, 4, 3, 2, 1] as const;
export type Score = (typeof SCORES)[number];

/** The optional sub-scores: 办事效率, 服务态度, 办事指南准确性, 办事便利度. */
export const SUB_SCORES = ['efficiency', 'attitude', 'guideAccuracy', 'convenience'] as const;
export type SubScoreKey = (typeof SUB_SCORES)[number];
export type SubScores = Partial<Record<SubScoreKey, Score>>;

/** Longest comment a rater may leave, in characters. */
export const MAX_COMMENT_CHARS = 500;
/**
 * Working days a department has to call a bad reviewer back unless the city sets its own
 * (`WOODPECKER_CALLBACK_WORKING_DAYS`, functions/shared/config.ts; Zhejiang uses 1).
 */
export const CALLBACK_WORKING_DAYS = 2;

/**
 * How long a department has to call a bad reviewer back: working days (the due date is
 * that working day, Beijing) or working hours (an instant, {@link WorkCalendar.addWorkingHours}).
 * The city sets one (config), a department may be given its own by the office.
 */
export type CallbackPeriod = { workingDays: number } | { workingHours: number };

/** The period in force: the department's own, else the city's, else 2 working days. */
export function callbackPeriodOf(
  department:
    | { callbackWorkingDays?: number | undefined; callbackWorkingHours?: number | undefined }
    | undefined,
  city: CallbackPeriod | undefined,
): CallbackPeriod {
  if (department?.callbackWorkingHours) return { workingHours: department.callbackWorkingHours };
  if (department?.callbackWorkingDays) return { workingDays: department.callbackWorkingDays };
  return city ?? { workingDays: CALLBACK_WORKING_DAYS };
}

/** The deadline of a callback owed for a review given at `ratedAt`: a Beijing date, and an instant for hours. */
export function callbackDeadline(
  ratedAt: Date,
  period: CallbackPeriod,
  calendar: WorkCalendar,
): { callbackDueDate: IsoDate; callbackDueAt?: string } {
  if ('workingHours' in period) {
    const dueAt = calendar.addWorkingHours(ratedAt, period.workingHours);
    return { callbackDueDate: beijingDate(dueAt), callbackDueAt: dueAt.toISOString() };
  }
  return { callbackDueDate: calendar.dueDate(beijingDate(ratedAt), period.workingDays) };
}
/** Working days a department has to rectify a bad review unless it sets its own. */
export const DEFAULT_RECTIFICATION_DAYS = 15;
/** Calendar days a rater's callback contact is kept after the review, then erased. */
export const CONTACT_RETENTION_DAYS = 180;
/** The version of the consent text the rater agreed to (PIPL: purpose and retention). */
export const CONSENT_VERSION = 'callback-consent-v1';

export function isScore(value: unknown): value is Score {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/** Scores 1–2 are bad reviews (差评); 3–5 count as good. */
export function isBadScore(score: number): boolean {
  return score <= 2;
}

/** A rater's contact for a callback, kept only as a keyed hash and a masked form. */
export interface CallbackContact {
  name: string;
  phoneHash: string;
  phoneMasked: string;
  /** Whether the phone is the applicant's phone on the case (the department can reach it). */
  matchesApplicant: boolean;
  consentAt: string;
  consentVersion: string;
  /** Beijing date from which the contact is erased. */
  retainUntil: IsoDate;
}

export const CALLBACK_OUTCOMES = ['resolved', 'explained', 'unresolved', 'unreachable'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface CallbackRecord {
  /** When the call took place (ISO 8601). */
  at: string;
  /** Who called (name or staff id). */
  by: string;
  outcome: CallbackOutcome;
  note?: string | undefined;
  /** When it was recorded, and by which signed-in user (the audit trail has the rest). */
  recordedAt: string;
  recordedBy: string;
  /** Recorded by the callback deadline. */
  onTime: boolean;
  /** Calls recorded so far (an unreachable rater may be called again). */
  attempts: number;
}

export const RECTIFICATION_STATUSES = ['planned', 'done', 'cannot'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export interface RectificationRecord {
  plan: string;
  status: RectificationStatus;
  /** Why it cannot be done (required for `cannot`). */
  explanation?: string | undefined;
  /** What shows it was done: document numbers, photos described, notices issued. */
  evidence?: string | undefined;
  recordedAt: string;
  recordedBy: string;
  /** When it was settled as done or cannot-be-done, and whether by the deadline. */
  settledAt?: string | undefined;
  onTime?: boolean | undefined;
}

export const APPEAL_KINDS = ['malicious', 'mistaken'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export type AppealStatus = 'pending' | 'upheld' | 'rejected';

export interface AppealRecord {
  kind: AppealKind;
  reason: string;
  filedAt: string;
  filedBy: string;
  status: AppealStatus;
  ruledAt?: string | undefined;
  ruledBy?: string | undefined;
  decisionNote?: string | undefined;
}

/**
 * The rater's one 追评 after the rectification: satisfied or not, optionally a level on
 * the five-level scale and a comment. Before 追评 it was only `satisfied` and `comment`.
 */
export interface FeedbackRecord {
  satisfied: boolean;
  /** The 追评 level (5 非常满意 … 1 非常不满意), when the rater gave one. */
  score?: Score | undefined;
  comment?: string | undefined;
  at: string;
  /** A dissatisfied 追评 reopened the review for re-handling. */
  reopened?: boolean | undefined;
}

/** The office is told of a review that needs its attention (a dissatisfied 追评). */
export interface EscalationRecord {
  reason: 'dissatisfied-follow-up';
  at: string;
  to: 'office';
}

/** Where a review's follow-up stands (the inbox filters on it). */
export type FollowUpState = 'none' | 'open' | 'appealed' | 'closed' | 'excluded';

/** What the case contributes to its rating: the attribution, copied at rating time. */
export interface RatedCase {
  caseId: string;
  serviceCode: string;
  departmentId: string;
  district?: string | undefined;
  windowId?: string | undefined;
  staffId?: string | undefined;
  channel?: string | undefined;
  completedAt: string;
  applicantPhoneHash?: string | undefined;
}

export interface Rating extends Omit<RatedCase, 'applicantPhoneHash'> {
  score: Score;
  /** Legacy (before versioned content): four optional sub-scores, kept readable. */
  subScores?: SubScores | undefined;
  /** The evaluation content version it was given under (content.ts). */
  contentVersion: string;
  /** How the rating itself was given (not the case's channel). */
  ratingChannel: RatingChannel;
  /** The indicator set the rating channel picked. */
  indicatorSet: IndicatorSet;
  /** Levels of the set's indicators other than 整体满意度 (which is `score`). */
  indicators?: Record<string, Score> | undefined;
  /** Bad-review reason ids of `contentVersion`. */
  reasons?: string[] | undefined;
  /** Staff-assisted entry: the signed-in staff member who entered it (reported apart). */
  enteredBy?: string | undefined;
  /** System API: the id of the department key that submitted it. */
  submittedByKey?: string | undefined;
  comment?: string | undefined;
  ratedAt: string;
  /** Beijing date and month the rating was given: it counts in that month. */
  ratedDate: IsoDate;
  month: string;
  bad: boolean;
  contact?: CallbackContact | undefined;
  /** Real-name bad review: the rater left a contact or the applicant's phone is known. */
  callbackRequired: boolean;
  callbackDueDate?: IsoDate | undefined;
  /** Set when the callback period is in working hours: the exact deadline (ISO instant). */
  callbackDueAt?: string | undefined;
  /** The callback period the deadline was computed with (absent before it was configurable). */
  callbackPeriod?: CallbackPeriod | undefined;
  rectificationDueDate?: IsoDate | undefined;
  rectificationDays?: number | undefined;
  callback?: CallbackRecord | undefined;
  rectification?: RectificationRecord | undefined;
  /** Rectifications replaced after a dissatisfied 追评 reopened the review, oldest first. */
  earlierRectifications?: RectificationRecord[] | undefined;
  /** When a dissatisfied 追评 reopened the review for re-handling. */
  reopenedAt?: string | undefined;
  escalation?: EscalationRecord | undefined;
  appeal?: AppealRecord | undefined;
  feedback?: FeedbackRecord | undefined;
  callbackOverdue?: boolean | undefined;
  rectificationOverdue?: boolean | undefined;
  /** Set by an upheld appeal: kept with the decision, counted nowhere. */
  excluded: boolean;
  /** When the contact was erased after its retention period. */
  contactErasedAt?: string | undefined;
  /** Optimistic-concurrency revision, bumped by every change. */
  rev: number;
}

/** What a rater submits (already validated). */
export interface RatingInput {
  score: Score;
  subScores?: SubScores | undefined;
  /** Default `web-link` (the rating link, the only way before rating channels). */
  ratingChannel?: RatingChannel | undefined;
  indicators?: Record<string, Score> | undefined;
  reasons?: readonly string[] | undefined;
  enteredBy?: string | undefined;
  submittedByKey?: string | undefined;
  comment?: string | undefined;
  callback?: { name: string; phone: string; consent: true } | undefined;
}

export interface RatingContext {
  now: Date;
  calendar: WorkCalendar;
  /** The platform secret that keys phone hashes. */
  secret: string;
  /** The department's rectification period (working days), when it sets one. */
  rectificationDays?: number | undefined;
  /** The city's callback period (working days), when it sets one. */
  callbackWorkingDays?: number | undefined;
  /** The callback period in force (department's or city's); wins over `callbackWorkingDays`. */
  callbackPeriod?: CallbackPeriod | undefined;
}

/** Trim, drop control characters other than line breaks and tabs; empty → undefined. */
export function cleanText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const trimmed = cleaned.trim();
  return trimmed ? trimmed : undefined;
}

/** The deadlines of a bad review given on `ratedDate`. */
export function followUpDeadlines(
  ratedDate: IsoDate,
  calendar: WorkCalendar,
  rectificationDays = DEFAULT_RECTIFICATION_DAYS,
  callbackWorkingDays = CALLBACK_WORKING_DAYS,
): { callbackDueDate: IsoDate; rectificationDueDate: IsoDate } {
  return {
    callbackDueDate: calendar.dueDate(ratedDate, callbackWorkingDays),
    rectificationDueDate: calendar.dueDate(ratedDate, rectificationDays),
  };
}

/** Build the rating of a completed case from a rater's validated input. */
export function buildRating(input: RatingInput, rated: RatedCase, ctx: RatingContext): Rating {
  const ratedAt = ctx.now.toISOString();
  const ratedDate = beijingDate(ctx.now);
  const bad = isBadScore(input.score);
  let contact: CallbackContact | undefined;
  if (input.callback) {
    const phoneHash = hashPhone(ctx.secret, input.callback.phone);
    contact = {
      name: input.callback.name.trim(),
      phoneHash,
      phoneMasked: maskPhone(input.callback.phone),
      matchesApplicant: rated.applicantPhoneHash === phoneHash,
      consentAt: ratedAt,
      consentVersion: CONSENT_VERSION,
      retainUntil: addCalendarDays(ratedDate, CONTACT_RETENTION_DAYS),
    };
  }
  const subScores = input.subScores && Object.keys(input.subScores).length ? input.subScores : undefined;
  const indicators =
    input.indicators && Object.keys(input.indicators).length ? { ...input.indicators } : undefined;
  const ratingChannel = input.ratingChannel ?? 'web-link';
  const rectificationDays = ctx.rectificationDays ?? DEFAULT_RECTIFICATION_DAYS;
  const callbackPeriod = ctx.callbackPeriod ?? {
    workingDays: ctx.callbackWorkingDays ?? CALLBACK_WORKING_DAYS,
  };
  const deadlines = bad
    ? {
        ...followUpDeadlines(ratedDate, ctx.calendar, rectificationDays),
        ...callbackDeadline(ctx.now, callbackPeriod, ctx.calendar),
      }
    : undefined;
  return {
    caseId: rated.caseId,
    serviceCode: rated.serviceCode,
    departmentId: rated.departmentId,
    district: rated.district,
    windowId: rated.windowId,
    staffId: rated.staffId,
    channel: rated.channel,
    completedAt: rated.completedAt,
    score: input.score,
    subScores,
    contentVersion: contentAt(ratedDate).version,
    ratingChannel,
    indicatorSet: indicatorSetOf(ratingChannel, rated.channel),
    indicators,
    reasons: bad && input.reasons?.length ? [...new Set(input.reasons)] : undefined,
    enteredBy: input.enteredBy,
    submittedByKey: input.submittedByKey,
    comment: cleanText(input.comment),
    ratedAt,
    ratedDate,
    month: ratedDate.slice(0, 7),
    bad,
    contact,
    callbackRequired: bad && (contact !== undefined || typeof rated.applicantPhoneHash === 'string'),
    callbackDueDate: deadlines?.callbackDueDate,
    callbackDueAt: deadlines?.callbackDueAt,
    callbackPeriod: bad ? callbackPeriod : undefined,
    rectificationDueDate: deadlines?.rectificationDueDate,
    rectificationDays: bad ? rectificationDays : undefined,
    excluded: false,
    rev: 1,
  };
}

/** A callback counts as done once someone was reached (an unreachable rater may be called again). */
export function callbackDone(r: Pick<Rating, 'callback'>): boolean {
  return r.callback !== undefined && r.callback.outcome !== 'unreachable';
}

/** A callback is owed (real-name bad review) or was made anyway: it counts as required. */
export function callbackExpected(r: Pick<Rating, 'callbackRequired' | 'callback'>): boolean {
  return r.callbackRequired === true || r.callback !== undefined;
}

/** The callback was done by its deadline. */
export function callbackOnTime(r: Pick<Rating, 'callback'>): boolean {
  return callbackDone(r) && r.callback?.onTime === true;
}

/**
 * Whether the callback's timeliness is known: done, or flagged overdue. The on-time
 * rate counts only these, so a callback not yet due is neither on time nor late.
 */
export function callbackDoneOrOverdue(r: Pick<Rating, 'callback' | 'callbackOverdue'>): boolean {
  return callbackDone(r) || r.callbackOverdue === true;
}

/** A rectification is settled when recorded as done or as cannot-be-done with a reason. */
export function rectificationSettled(r: Pick<Rating, 'rectification'>): boolean {
  return r.rectification !== undefined && r.rectification.status !== 'planned';
}

/** The rectification was settled by its deadline. */
export function rectificationOnTime(r: Pick<Rating, 'rectification'>): boolean {
  return rectificationSettled(r) && r.rectification?.onTime === true;
}

/** Whether the rectification's timeliness is known: settled, or flagged overdue. */
export function rectificationSettledOrOverdue(
  r: Pick<Rating, 'rectification' | 'rectificationOverdue'>,
): boolean {
  return rectificationSettled(r) || r.rectificationOverdue === true;
}

export function followUpState(r: Rating): FollowUpState {
  if (r.excluded) return 'excluded';
  if (!r.bad) return 'none';
  if (r.appeal?.status === 'pending') return 'appealed';
  const callbackSettled = callbackDone(r) || !r.callbackRequired;
  return callbackSettled && rectificationSettled(r) ? 'closed' : 'open';
}

/** Is the phone a mainland mobile number (the only kind a callback SMS or call can use)? */
export function isMobilePhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalisePhone(phone));
}
