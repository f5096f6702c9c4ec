/**
 * The find-fault window's critique (找茬): what a nitpicker submitted, where the office
 * sent it, and every public answer. One item per critique, keyed by its tracking code;
 * the lifecycle rules live in `lifecycle.ts`, the public projections elsewhere here.
 */

/** 纠错 correction, 咨询 enquiry, 建议 suggestion. */
export const CATEGORIES = ['correction', 'enquiry', 'suggestion'] as const;
export type Category = (typeof CATEGORIES)[number];

/** What a critique is about: a service item, a department, or a process in general. */
export const TARGET_TYPES = ['service', 'department', 'general'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/**
 * - `submitted`: waiting for the office's triage; not public.
 * - `accepted`: on the public board, held by the office (not routed yet, or handed back).
 * - `routed`: sent to a department with a reply deadline.
 * - `answered`: the department (or office) replied in public.
 * - `rectified`: it led to a change, described in public.
 * - `reopened`: the nitpicker said the answer did not solve it; back with a new deadline.
 * - `rejected`: not accepted, with a reason the nitpicker can read.
 * - `duplicate`: merged into another critique, which counts a "me too".
 */
export const STATUSES = [
  'submitted',
  'accepted',
  'routed',
  'answered',
  'rectified',
  'reopened',
  'rejected',
  'duplicate',
] as const;
export type CritiqueStatus = (typeof STATUSES)[number];

/** Statuses shown on the public board (accepted by the office, not merged or rejected). */
export const PUBLIC_STATUSES: readonly CritiqueStatus[] = [
  'accepted',
  'routed',
  'answered',
  'rectified',
  'reopened',
];

/** Statuses waiting for an answer from the department or office. */
export const AWAITING_ANSWER: readonly CritiqueStatus[] = ['accepted', 'routed', 'reopened'];

/** Whether a critique waits for an answer (an unknown status does not). */
export function awaitingAnswer(c: { status?: unknown }): boolean {
  return (AWAITING_ANSWER as readonly unknown[]).includes(c.status);
}

/**
 * Flagged overdue and still waiting for an answer: what the aggregates' overdue count,
 * the reports' overdue lists and the ranking's denominator all mean by "overdue" (an
 * answer after the flag ends it; the flag itself stays as history).
 */
export function overdueUnanswered(c: { status?: unknown; overdue?: unknown }): boolean {
  return c.overdue === true && awaitingAnswer(c);
}

/** The board's status filter: waiting for an answer, answered, or led to a change. */
export const BOARD_STATUSES = ['open', 'answered', 'rectified'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** Where submissions come from (kept for abuse analysis and figures). */
export type Channel = 'web' | 'api' | 'open311';

/** Who acted, as the public timeline shows it: never a staff member's identity. */
export type Actor = 'nitpicker' | 'office' | 'department' | 'system';

export type EventKind =
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'duplicate'
  | 'routed'
  | 'replied'
  | 'rectified'
  | 'handedBack'
  | 'solved'
  | 'notSolved'
  | 'overdue'
  | 'meToo'
  | 'awarded'
  | 'awardRevoked';

/** One step of a critique's public timeline. */
export interface CritiqueEvent {
  at: string;
  kind: EventKind;
  by: Actor;
  departmentId?: string;
  text?: string;
  /** For `duplicate`: the critique it was merged into; for `meToo`: the duplicate. */
  ref?: string;
}

/** A public answer: a reply or a rectification ("what changed"). */
export interface Reply {
  at: string;
  by: 'office' | 'department';
  departmentId?: string;
  kind: 'reply' | 'rectification';
  text: string;
}

/** The private contact, never shown in public: masked form, keyed hash and sealed value. */
export interface StoredContact {
  kind: 'phone' | 'email';
  masked: string;
  hash: string;
  sealed: string;
}

export interface Award {
  citation: string;
  grantedAt: string;
}

export interface Critique {
  trackingCode: string;
  category: Category;
  /** As submitted (may hold numbers): staff views only; public views mask it. */
  text: string;
  targetType: TargetType;
  targetId?: string;
  /** The target's name when submitted (service or department). */
  targetName?: string;
  /** The service item, when the target is one. */
  serviceCode?: string;
  /** The department the target belongs to (the service's, or the department itself). */
  targetDepartmentId?: string;
  targetDepartmentName?: string;
  targetDistrict?: string;
  nickname?: string;
  contact?: StoredContact;
  channel: Channel;
  /** Keyed hash of the submitting client (address + user agent, or api key). */
  clientHash: string;
  /**
   * Hashes of the nitpicker's private keys (see nitpicker-key.ts): holding one, not the
   * public tracking code, is what lets the nitpicker confirm. Never shown to anyone.
   * Absent on critiques stored before keys existed.
   */
  nitpickerKeyHashes?: string[];
  status: CritiqueStatus;
  createdAt: string;
  updatedAt: string;
  triagedAt?: string;
  rejectReason?: string;
  duplicateOf?: string;
  /** Duplicates merged into this one: the public "me too" count. */
  meToo: number;
  /** Department answering now (routed); absent while the office holds it. */
  assignedDepartmentId?: string;
  assignedDepartmentName?: string;
  /** The assigned department's district. */
  district?: string;
  routedAt?: string;
  /** Beijing `YYYY-MM-DD`: last day to answer. */
  replyDue?: string;
  replyDays?: number;
  overdue?: boolean;
  replies: Reply[];
  firstAnsweredAt?: string;
  /** Working days from routing (or acceptance) to the first answer. */
  responseDays?: number;
  answeredOnTime?: boolean;
  rectifiedAt?: string;
  rectification?: string;
  /** Set once, the first time it led to a change (the leaderboard counts it once). */
  adoptedAt?: string;
  confirmation?: 'solved';
  confirmedAt?: string;
  /** Times the nitpicker said an answer did not solve it (counted, never hidden). */
  notSolvedCount: number;
  award?: Award;
  events: CritiqueEvent[];
  /** Optimistic-concurrency revision, bumped by every change. */
  rev: number;
}

/** Limits on what a nitpicker or staff member may write. */
export const LIMITS = {
  text: 4000,
  nickname: 32,
  contact: 100,
  reason: 1000,
  reply: 4000,
  citation: 1000,
  comment: 500,
  /** Events kept on one critique; older ones beyond this are dropped from the timeline. */
  events: 200,
  replies: 50,
} as const;

/** Working days a department has to answer when the office does not say otherwise. */
export const DEFAULT_REPLY_DAYS = 5;
export const MAX_REPLY_DAYS = 30;

export function isPublic(c: Pick<Critique, 'status'>): boolean {
  return PUBLIC_STATUSES.includes(c.status);
}

/** The board's status group of a public critique. */
export function boardStatusOf(status: CritiqueStatus): BoardStatus | undefined {
  if (status === 'answered') return 'answered';
  if (status === 'rectified') return 'rectified';
  if (AWAITING_ANSWER.includes(status)) return 'open';
  return undefined;
}

/** The department responsible for a critique now: the assigned one, else the target's. */
export function responsibleDepartment(c: Pick<Critique, 'assignedDepartmentId' | 'targetDepartmentId'>) {
  return c.assignedDepartmentId ?? c.targetDepartmentId;
}

/** That department's name, as stored when the critique was submitted or routed. */
export function responsibleDepartmentName(
  c: Pick<Critique, 'assignedDepartmentId' | 'assignedDepartmentName' | 'targetDepartmentName'>,
): string | undefined {
  return c.assignedDepartmentId ? c.assignedDepartmentName : c.targetDepartmentName;
}
