/**
 * Where a refusal becomes what a page says, once for the whole site: a sentence in the
 * page's language for each contract error code (never the API's English message alone;
 * staff pages add it as the technical detail, marked as such), the status the page is
 * answered with, per-field form messages from the refusal's `problems`, and the rating
 * link's problem from its `reason`. Nothing here reads the message text: it may be
 * reworded freely (functions/domain/refusal.ts).
 */
import {
  isRefusal,
  type Refusal,
  type RefusalCode,
  type RefusalReason,
} from '../functions/domain/refusal.js';
import { type Lang, type MessageKey, t } from './i18n.js';
import type { RatingProblem } from './pages/rating/RatingProblemPage.js';

/** The statuses a page answers a refusal with (what `html()` may send). */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 429 | 503;

const BY_CODE: Record<RefusalCode, { key: MessageKey; status: RefusalStatus }> = {
  invalid_request: { key: 'errInvalidRequest', status: 400 },
  unauthenticated: { key: 'errUnauthenticated', status: 401 },
  forbidden: { key: 'errForbidden', status: 403 },
  not_found: { key: 'errNotFound', status: 404 },
  conflict: { key: 'errConflict', status: 409 },
  already_rated: { key: 'errConflict', status: 409 },
  case_not_completed: { key: 'errConflict', status: 409 },
  // A form is never that large; what a page is told about it is that it is not valid.
  too_large: { key: 'errInvalidRequest', status: 400 },
  rate_limited: { key: 'errTooMany', status: 429 },
  unavailable: { key: 'errUnavailable', status: 503 },
};

export interface ErrorTextOptions {
  /** Add the refusal's own message as the technical detail (staff pages, form re-renders). */
  detail?: boolean;
  /** A page's own sentence for some codes or reasons (said instead, without detail). */
  say?: Partial<Record<RefusalCode | RefusalReason, MessageKey>>;
}

/** The page's sentence for an error; with `detail`, the refusal's message follows it. */
export function errorText(lang: Lang, err: unknown, options: ErrorTextOptions = {}): string {
  const refusal = isRefusal(err) ? err : undefined;
  const own = refusal && ((refusal.reason && options.say?.[refusal.reason]) || options.say?.[refusal.code]);
  if (own) return t(lang, own);
  const sentence = t(lang, BY_CODE[refusal?.code ?? 'invalid_request'].key);
  if (!options.detail || !refusal?.message) return sentence;
  return `${sentence} ${t(lang, 'errDetail')}: ${refusal.message}`;
}

/** The status of the page that shows a refusal (never a 5xx for what the user sent). */
export function pageStatusOf(err: Refusal): RefusalStatus {
  return BY_CODE[err.code].status;
}

/**
 * The form messages of a rejected input, one per distinct message, in the order of its
 * `problems`: each problem's field (`callback.phone`) is looked up in `byField`, then
 * its shorter prefixes (`callback`), so `subScores.attitude` finds `subScores`. A
 * problem of no listed field, or a refusal without problems, says `fallback`.
 */
export function fieldMessages(
  lang: Lang,
  err: Refusal,
  byField: Readonly<Record<string, MessageKey>>,
  fallback: MessageKey,
): string[] {
  const keys = new Set<MessageKey>();
  for (const { field } of err.problems) {
    const segments = field.split('.');
    let key: MessageKey | undefined;
    for (let n = segments.length; n > 0 && !key; n--) key = byField[segments.slice(0, n).join('.')];
    keys.add(key ?? fallback);
  }
  if (!keys.size) keys.add(fallback);
  return [...keys].map((k) => t(lang, k));
}

/**
 * Why a rating link cannot be used, for the rater's pages: an expired or an invalid
 * token (by the refusal's `reason`), an unknown case, a case not completed yet; or
 * undefined for any other refusal.
 */
export function ratingProblemOf(err: unknown): RatingProblem | undefined {
  if (!isRefusal(err)) return undefined;
  if (err.code === 'unauthenticated') return err.reason === 'token_expired' ? 'expired' : 'invalid';
  if (err.code === 'not_found') return 'missing';
  if (err.code === 'case_not_completed') return 'notCompleted';
  return undefined;
}
