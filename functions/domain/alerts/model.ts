/**
 * Staff alerts (电子监察 notices): what the platform tells the people responsible when
 * something needs them, and by when. One alert is one message to one staff member;
 * its id is derived from its cause, kind, recipient and deadline so that a retried
 * stream record or a re-run sweep writes the same alert again, never a second one.
 * Pure: no AWS or HTTP.
 */
import type { IsoDate } from '../calendar/index.js';

/** What an alert is about. Escalations and reminders carry the kind of the alert they follow. */
export const ALERT_KINDS = [
  'badReview',
  'critiqueRouted',
  'critiqueReopened',
  'orderIssued',
  'caseWarning',
  'appealFiled',
  'orderOverdue',
  'seriousCase',
  'orderUnanswered',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Who is told: a department's duty staff, the efficiency office, the inspectors. */
export const AUDIENCES = ['department', 'office', 'inspector'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The unit id the office's and the inspectors' duty contacts are kept under. */
export const OFFICE_UNIT = '@office';
export const INSPECTOR_UNIT = '@inspector';

/** A first notice, the reminder one working day before its deadline, or an escalation on breach. */
export type AlertStage = 'notice' | 'reminder' | 'escalation';

export type Severity = 'normal' | 'serious';

/** What the item's page is: the console link the alert points to. */
export interface AlertSubject {
  type: 'rating' | 'critique' | 'supervisionOrder' | 'case';
  id: string;
}

/** Something happened that someone must be told of (before recipients are known). */
export interface AlertEvent {
  kind: AlertKind;
  audience: Audience;
  /** The department concerned (absent for city-wide notices). */
  departmentId?: string | undefined;
  subject: AlertSubject;
  /** What caused it, stable across retries: e.g. `rating:<caseId>`, `order:<id>:2`. */
  cause: string;
  /** The last Beijing date by which the recipient must act, when there is one. */
  deadline?: IsoDate | undefined;
  severity: Severity;
  /** Values the message templates fill in (colour, score, level…). */
  params: Record<string, string>;
}

/** One staff member to tell, as the duty roster maps them. */
export interface Recipient {
  /** The OIDC `sub` of the staff identity. */
  sub: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  /** The unit whose contact this is (a department id, `@office`, `@inspector`). */
  unit: string;
  /** True when the department had no duty contact and the office was told instead. */
  fallback: boolean;
}

export type Channel = 'inbox' | 'email' | 'sms';

/** An alert as kept for its recipient (the console inbox item and the outbox entry). */
export interface Alert extends AlertEvent {
  id: string;
  stage: AlertStage;
  recipient: Recipient;
  createdAt: string;
  /** Channels besides the inbox to deliver on (the inbox always). */
  channels: Channel[];
  ackedAt?: string | undefined;
  /** For a notice with a deadline: the next sweeper step and its date. */
  next?: { step: 'reminder' | 'escalation'; on: IsoDate; level: number } | undefined;
}
