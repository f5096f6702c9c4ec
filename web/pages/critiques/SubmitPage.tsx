/**
 * The submit form: a plain POST that works without JavaScript. Category as radio
 * buttons, the target as one select (general, a department or a service item), the
 * text, an optional public nickname and private contact, and a honeypot field hidden
 * from people (and from assistive technology) that only bots fill in.
 */
import type { Department, Service } from '../../../functions/domain/catalogue.js';
import { CATEGORIES, type Category, LIMITS } from '../../../functions/domain/critiques/model.js';
import { Layout, type PageContext } from '../../components/Layout.js';
import { type MessageKey, t } from '../../i18n.js';
import { CritiqueStyles, categoryLabel } from './parts.js';

export interface SubmitValues {
  category?: string;
  target?: string;
  text?: string;
  nickname?: string;
  contact?: string;
  consent?: string;
}

export type SubmitField = 'category' | 'target' | 'text' | 'nickname' | 'contact' | 'consent' | 'form';

const HINTS: Record<Category, MessageKey> = {
  correction: 'crCatCorrectionHint',
  enquiry: 'crCatEnquiryHint',
  suggestion: 'crCatSuggestionHint',
};

export function SubmitPage(props: {
  ctx: PageContext;
  departments: Department[];
  services: Service[];
  values: SubmitValues;
  errors: Partial<Record<SubmitField, string>>;
}) {
  const { ctx, values, errors } = props;
  const { lang } = ctx;
  const messages = Object.entries(errors);
  const describe = (field: SubmitField, hint?: string) =>
    [hint, errors[field] ? `err-${field}` : undefined].filter(Boolean).join(' ') || undefined;
  const servicesByDept = new Map<string, Service[]>();
  for (const s of props.services)
    servicesByDept.set(s.departmentId, [...(servicesByDept.get(s.departmentId) ?? []), s]);
  return (
    <Layout ctx={ctx} title={t(lang, 'crSubmitTitle')}>
      <CritiqueStyles />
      <h1>{t(lang, 'crSubmitTitle')}</h1>
      {messages.length ? (
        <div class="errors" role="alert">
          <p>{t(lang, 'crFormErrors')}</p>
          <ul>
            {messages.map(([field, message]) => (
              <li id={`err-${field}`}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/critiques/new" class="cr-form" novalidate>
        <fieldset aria-describedby={describe('category')}>
          <legend>{t(lang, 'crCategoryLabel')}</legend>
          {CATEGORIES.map((c) => (
            <label class="cr-radio">
              <input type="radio" name="category" value={c} checked={values.category === c} required />
              <span>
                <strong>{categoryLabel(lang, c)}</strong>
                <span class="hint">{t(lang, HINTS[c])}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'crTarget')}</legend>
          <label for="target" class="visually-hidden">
            {t(lang, 'crTarget')}
          </label>
          <select
            id="target"
            name="target"
            aria-describedby={describe('target', 'target-hint')}
            aria-invalid={errors.target ? 'true' : undefined}
          >
            <option value="general" selected={!values.target || values.target === 'general'}>
              {t(lang, 'crGeneral')}
            </option>
            <optgroup label={t(lang, 'crDepartmentsGroup')}>
              {props.departments.map((d) => (
                <option value={`department:${d.id}`} selected={values.target === `department:${d.id}`}>
                  {d.name}
                </option>
              ))}
            </optgroup>
            {props.departments
              .filter((d) => servicesByDept.has(d.id))
              .map((d) => (
                <optgroup label={`${t(lang, 'crServicesGroup')} · ${d.name}`}>
                  {servicesByDept.get(d.id)!.map((s) => (
                    <option value={`service:${s.code}`} selected={values.target === `service:${s.code}`}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
          <p id="target-hint" class="hint">
            {t(lang, 'crTargetHint')}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'crText')}</legend>
          <label for="text" class="visually-hidden">
            {t(lang, 'crText')}
          </label>
          <textarea
            id="text"
            name="text"
            required
            maxlength={LIMITS.text}
            rows={8}
            aria-describedby={describe('text', 'text-hint')}
            aria-invalid={errors.text ? 'true' : undefined}
          >
            {values.text ?? ''}
          </textarea>
          <p id="text-hint" class="hint">
            {t(lang, 'crTextHint')}
          </p>
          <label for="nickname">{t(lang, 'crNickname')}</label>
          <input
            id="nickname"
            name="nickname"
            type="text"
            maxlength={LIMITS.nickname}
            autocomplete="nickname"
            value={values.nickname ?? ''}
            aria-describedby={describe('nickname', 'nickname-hint')}
            aria-invalid={errors.nickname ? 'true' : undefined}
          />
          <p id="nickname-hint" class="hint">
            {t(lang, 'crNicknameHint')}
          </p>
          <label for="contact">{t(lang, 'crContact')}</label>
          <input
            id="contact"
            name="contact"
            type="text"
            maxlength={LIMITS.contact}
            autocomplete="email"
            value={values.contact ?? ''}
            aria-describedby={describe('contact', 'contact-hint')}
            aria-invalid={errors.contact ? 'true' : undefined}
          />
          <p id="contact-hint" class="hint">
            {t(lang, 'crContactHint')} <a href="/privacy">{t(lang, 'crPrivacyLink')}</a>
          </p>
          <label class="cr-radio">
            <input
              type="checkbox"
              name="consent"
              value="1"
              checked={values.consent === '1'}
              aria-describedby={describe('consent')}
              aria-invalid={errors.consent ? 'true' : undefined}
            />
            <span>{t(lang, 'crConsent')}</span>
          </label>
        </fieldset>
        <div class="hp" aria-hidden="true">
          <label for="website">{t(lang, 'crHoneypot')}</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <button type="submit" class="primary">
          {t(lang, 'crSubmit')}
        </button>
      </form>
    </Layout>
  );
}
