/**
 * The submit form's fields checked before the use case runs, so the citizen is shown
 * every field's problem at once in their language (the use case refuses the first
 * problem it meets, in English, for the API), and turned into the use case's input.
 */
import { contactKind } from '../../../functions/domain/critiques/contact.js';
import { CATEGORIES, type Category, LIMITS } from '../../../functions/domain/critiques/model.js';
import { cleanNickname, cleanText } from '../../../functions/domain/critiques/text.js';
import { ID_SOURCE } from '../../../functions/domain/schemas.js';
import type { SubmitInput } from '../../../functions/usecases/critiques/submit.js';
import { type Lang, t } from '../../i18n.js';
import type { SubmitField, SubmitValues } from './SubmitPage.js';

/** A submission's target: `general`, or `department:<id>` / `service:<id>`. */
const TARGET = new RegExp(`^(general)$|^(department|service):(${ID_SOURCE})$`);

export type SubmitErrors = Partial<Record<SubmitField, string>>;

/** The form's values (to show again) and either its problems or the use case's input. */
export function submissionFromForm(
  lang: Lang,
  f: Record<string, string>,
): { values: SubmitValues; errors: SubmitErrors; input?: SubmitInput } {
  const values: SubmitValues = {
    category: f.category,
    target: f.target,
    text: f.text,
    nickname: f.nickname,
    contact: f.contact,
    consent: f.consent,
  };
  if (f.website) return { values, errors: { form: t(lang, 'crErrHoneypot') } };
  const errors: SubmitErrors = {};
  if (!CATEGORIES.includes(f.category as Category)) errors.category = t(lang, 'crErrCategory');
  const target = TARGET.exec(f.target || 'general');
  if (!target) errors.target = t(lang, 'crErrTarget');
  const text = cleanText(f.text ?? '');
  if (!text || [...text].length > LIMITS.text) errors.text = t(lang, 'crErrText');
  if (
    f.nickname?.trim() &&
    (!cleanNickname(f.nickname) || [...cleanNickname(f.nickname)!].length > LIMITS.nickname)
  ) {
    errors.nickname = t(lang, 'crErrNickname');
  }
  if (f.contact?.trim() && !contactKind(f.contact)) errors.contact = t(lang, 'crErrContact');
  // PIPL: a contact is kept only with consent to its stated purpose.
  else if (f.contact?.trim() && f.consent !== '1') errors.consent = t(lang, 'crErrConsent');
  if (Object.keys(errors).length || !target) return { values, errors };
  return {
    values,
    errors,
    input: {
      category: f.category as Category,
      text,
      targetType: target[1] ? 'general' : (target[2] as 'department' | 'service'),
      targetId: target[3],
      nickname: f.nickname,
      contact: f.contact,
    },
  };
}
