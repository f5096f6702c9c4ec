/**
 * The console's action forms as the inputs of the staff actions (functions/usecases/
 * critiques/staff-actions.ts), checked with the very schemas the JSON API checks its
 * bodies with (functions/api/routes/critiques-schemas.ts). Free text is cleaned first
 * (a text of only spaces is no text), as typed into a form.
 */
import {
  citationBody,
  duplicateBody,
  reasonBody,
  routeBody,
  textBody,
} from '../../../functions/api/routes/critiques-schemas.js';
import { cleanText } from '../../../functions/domain/critiques/text.js';
import { parseWith } from '../../../functions/domain/schemas.js';
import type {
  CritiqueAction,
  CritiqueActionInput,
} from '../../../functions/usecases/critiques/staff-actions.js';

type Form = Record<string, string>;
const clean = (v: string | undefined) => cleanText(v ?? '');

const FROM_FORM: { [A in CritiqueAction]: (f: Form) => CritiqueActionInput<A> } = {
  accept: () => ({}),
  reject: (f) => parseWith(reasonBody, { reason: clean(f.reason) }),
  duplicate: (f) => parseWith(duplicateBody, { duplicateOf: f.duplicateOf ?? '' }),
  route: (f) =>
    parseWith(routeBody, {
      departmentId: f.departmentId ?? '',
      ...(f.replyDays ? { replyDays: Number(f.replyDays) } : {}),
    }),
  reply: (f) => parseWith(textBody, { text: clean(f.text) }),
  rectify: (f) => parseWith(textBody, { text: clean(f.text) }),
  'hand-back': (f) => parseWith(reasonBody, { reason: clean(f.reason) }),
  award: (f) => parseWith(citationBody, { citation: clean(f.citation) }),
  'revoke-award': () => ({}),
};

/** An action's input from its form (400 refusal with `problems` when it does not fit). */
export function actionInputFromForm<A extends CritiqueAction>(action: A, form: Form): CritiqueActionInput<A> {
  return FROM_FORM[action](form);
}
