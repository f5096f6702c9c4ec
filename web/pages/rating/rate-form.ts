/**
 * The rating form's fields as the JSON API's body, so the page and `POST /api/v1/ratings`
 * share one validation (functions/usecases/ratings/schemas.ts), and what the rater is
 * told per field when it refuses: a message for each input of the form, found by the
 * refusal's `problems[].field` (web/error-text.ts `fieldMessages`).
 */
import { SUB_SCORES, type SubScoreKey } from '../../../functions/domain/ratings/rating.js';
import type { MessageKey } from '../../i18n.js';
import type { RateFormValues } from './RatePage.js';

/** The rater's message for a problem with each field of the rating body. */
export const RATE_FIELD_MESSAGES: Readonly<Record<string, MessageKey>> = {
  score: 'errScore',
  subScores: 'errSubScore',
  comment: 'errComment',
  'callback.name': 'errName',
  'callback.phone': 'errPhone',
  'callback.consent': 'errConsent',
};

/** The posted form as the API's rating body, the values to show again, and the token. */
export function ratingFromForm(caseId: string, form: Record<string, string>) {
  const str = (k: string) => form[k];
  const sub: Partial<Record<SubScoreKey, string>> = {};
  const subScores: Partial<Record<SubScoreKey, number>> = {};
  for (const k of SUB_SCORES) {
    const v = str(k);
    if (v) {
      sub[k] = v;
      subScores[k] = Number(v);
    }
  }
  const values: RateFormValues = {
    score: str('score'),
    sub,
    comment: str('comment'),
    callback: str('callback') === '1',
    name: str('name'),
    phone: str('phone'),
    consent: str('consent') === '1',
  };
  const wantsCallback = values.callback || Boolean(values.name?.trim()) || Boolean(values.phone?.trim());
  const payload = {
    caseId,
    token: str('t'),
    score: values.score === undefined ? undefined : Number(values.score),
    ...(values.comment?.trim() ? { comment: values.comment } : {}),
    ...(Object.keys(subScores).length ? { subScores } : {}),
    ...(wantsCallback
      ? { callback: { name: values.name ?? '', phone: values.phone ?? '', consent: values.consent } }
      : {}),
  };
  return { payload, values, token: str('t') ?? '' };
}

/** The rectification feedback form as the API's feedback body. */
export function feedbackFromForm(form: Record<string, string>) {
  const token = form.t ?? '';
  const satisfied = form.satisfied === 'yes' ? true : form.satisfied === 'no' ? false : undefined;
  const comment = form.comment?.trim() ? form.comment : undefined;
  return { token, body: { token, satisfied, ...(comment ? { comment } : {}) } };
}
