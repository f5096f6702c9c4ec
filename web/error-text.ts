/**
 * What a page says when a use case refuses a form: a sentence in the page's language
 * for each contract error code, never the API's English message alone. Staff pages
 * add the technical detail (which field, which state), marked as English.
 */
import { Refusal } from '../functions/domain/refusal.js';
import { type Lang, type MessageKey, t } from './i18n.js';

const CODE_KEYS: Record<string, MessageKey> = {
  invalid_request: 'errInvalidRequest',
  unauthenticated: 'errUnauthenticated',
  forbidden: 'errForbidden',
  not_found: 'errNotFound',
  conflict: 'errConflict',
  already_rated: 'errConflict',
  case_not_completed: 'errConflict',
  too_large: 'errInvalidRequest',
  rate_limited: 'errTooMany',
};

/** The page's sentence for an error; with `detail`, the API's message follows it. */
export function errorText(lang: Lang, err: unknown, options: { detail?: boolean } = {}): string {
  const code = err instanceof Refusal ? err.code : 'invalid_request';
  const sentence = t(lang, CODE_KEYS[code] ?? 'errInvalidRequest');
  if (!options.detail || !(err instanceof Refusal) || !err.message) return sentence;
  return `${sentence} ${t(lang, 'errDetail')}: ${err.message}`;
}
