/**
 * How supervision reads the items other features own — bad reviews (ratings) and
 * critiques — for its reports and overdue lists. It reads them by field name and
 * tolerates anything missing, so a report works whatever those items carry; it never
 * writes them (their own sweeper handlers flag overdue follow-ups). Text is shown to
 * staff only, with phone and ID numbers masked all the same.
 */
import { type Critique, overdueUnanswered } from '../critiques/model.js';
import { maskPersonalNumbers } from '../pii.js';
import { type CallbackRecord, callbackDone, type Rating } from '../ratings/rating.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Staff-facing text: numbers masked, cut to a line. */
export function excerpt(text: unknown, max = 120): string {
  const s = typeof text === 'string' ? maskPersonalNumbers(text.replace(/\s+/g, ' ').trim()) : '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export type CallbackState = 'notRequired' | 'pending' | 'done' | 'overdue';
export type RectificationState = 'pending' | 'planned' | 'done' | 'cannot' | 'overdue' | 'excluded';

export interface BadReviewRow {
  caseId: string;
  departmentId: string;
  score: number | null;
  ratedAt: string;
  comment: string;
  callback: CallbackState;
  rectification: RectificationState;
  rectificationDueDate: string | undefined;
  /** Appeal status when appealed (pending, upheld, rejected). */
  appeal: string | undefined;
  overdue: boolean;
}

/** A bad review's row: the stored rating (its store's typed entity), read tolerantly by field. */
export function badReviewRow(review: Rating | Obj): BadReviewRow {
  const item = review as Obj;
  const callback = obj(item.callback);
  const rect = obj(item.rectification);
  const appeal = obj(item.appeal);
  const excluded = item.excluded === true;
  const callbackState: CallbackState =
    callback && callbackDone({ callback: callback as unknown as CallbackRecord })
      ? 'done'
      : item.callbackOverdue === true
        ? 'overdue'
        : item.callbackRequired === true
          ? 'pending'
          : 'notRequired';
  const status = str(rect?.status);
  const rectification: RectificationState = excluded
    ? 'excluded'
    : status === 'done' || status === 'cannot'
      ? status
      : item.rectificationOverdue === true
        ? 'overdue'
        : status === 'planned'
          ? 'planned'
          : 'pending';
  return {
    caseId: String(item.caseId ?? ''),
    departmentId: String(item.departmentId ?? ''),
    score: typeof item.score === 'number' ? item.score : null,
    ratedAt: String(item.ratedAt ?? ''),
    comment: excerpt(item.comment),
    callback: callbackState,
    rectification,
    rectificationDueDate: str(item.rectificationDueDate),
    appeal: str(appeal?.status),
    overdue: !excluded && (callbackState === 'overdue' || rectification === 'overdue'),
  };
}

export interface CritiqueRow {
  trackingCode: string;
  category: string;
  status: string;
  createdAt: string;
  text: string;
  replyDue: string | undefined;
  answered: boolean;
  answeredOnTime: boolean | undefined;
  firstAnsweredAt: string | undefined;
  overdue: boolean;
}

/** A critique's row: the stored critique (its store's typed entity), read tolerantly by field. */
export function critiqueRow(critique: Critique | Obj): CritiqueRow {
  const item = critique as Obj;
  const status = String(item.status ?? '');
  return {
    trackingCode: String(item.trackingCode ?? ''),
    category: String(item.category ?? ''),
    status,
    createdAt: String(item.createdAt ?? ''),
    text: excerpt(item.text),
    replyDue: str(item.replyDue),
    answered: typeof item.firstAnsweredAt === 'string',
    answeredOnTime: typeof item.answeredOnTime === 'boolean' ? item.answeredOnTime : undefined,
    firstAnsweredAt: str(item.firstAnsweredAt),
    overdue: overdueUnanswered(item),
  };
}
