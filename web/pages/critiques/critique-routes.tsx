/**
 * A critique's public page `/critiques/:code` and its "solved / not solved" form. The
 * nitpicker's private link is this page with `?key=<private key>`; the verdict needs the
 * key, carried from the link or typed from the receipt — the same use case as
 * `POST /api/v1/critiques/:code/confirmation`.
 */
import type { Context, Hono } from 'hono';
import { submitterOf } from '../../../functions/api/routes/critiques-client.js';
import { LIMITS } from '../../../functions/domain/critiques/model.js';
import { parseNitpickerKey } from '../../../functions/domain/critiques/nitpicker-key.js';
import { cleanText } from '../../../functions/domain/critiques/text.js';
import { parseTrackingCode } from '../../../functions/domain/critiques/tracking-code.js';
import { invalid, isRefusal } from '../../../functions/domain/refusal.js';
import { platform } from '../../../functions/platform.js';
import {
  confirmCritique,
  critiqueForNitpicker,
  nitpickerPrivateUrl,
} from '../../../functions/usecases/critiques/public.js';
import { errorText, pageStatusOf, type RefusalStatus } from '../../error-text.js';
import { t } from '../../i18n.js';
import { formOf } from '../../page-guard.js';
import { html, pageContext } from '../../render.js';
import { CritiquePage } from './CritiquePage.js';
import { badTrackingCode, critiqueMessage } from './message-page.js';

async function critiquePage(
  c: Context,
  code: string,
  extra: { key?: string; confirmed?: boolean; error?: string; status?: RefusalStatus } = {},
): Promise<Response> {
  const key = extra.key ?? c.req.query('key');
  let view: Awaited<ReturnType<typeof critiqueForNitpicker>>;
  try {
    view = await critiqueForNitpicker(platform(), code, key);
  } catch (err) {
    if (!isRefusal(err, 'not_found')) throw err;
    return critiqueMessage(c, 404, t((await pageContext(c)).lang, 'crNotFound'));
  }
  const nitpickerKey = view.key === 'valid' ? parseNitpickerKey(key) : undefined;
  return html(
    c,
    <CritiquePage
      ctx={await pageContext(c)}
      c={view.critique}
      justSubmitted={c.req.query('new') === '1'}
      nitpicker={
        nitpickerKey ? { key: nitpickerKey, url: nitpickerPrivateUrl(code, nitpickerKey) } : undefined
      }
      keyRefused={view.key === 'invalid' && !extra.error}
      confirmed={extra.confirmed}
      error={extra.error}
    />,
    extra.status ?? 200,
  );
}

/** The verdict form as the use case's verdict (read only once the key is checked). */
const verdictOf = (f: Record<string, string>) => () => {
  if (f.verdict !== 'solved' && f.verdict !== 'not-solved') throw invalid('Choose “solved” or “not solved”.');
  const comment = cleanText(f.comment ?? '').slice(0, LIMITS.comment);
  return { solved: f.verdict === 'solved', ...(comment ? { comment } : {}) };
};

export function registerCritiquePage(app: Hono): void {
  app.get('/critiques/:code', async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return badTrackingCode(c);
    if (code !== c.req.param('code'))
      return c.redirect(`/critiques/${code}${new URL(c.req.url).search}`, 301);
    return critiquePage(c, code, { confirmed: c.req.query('confirmed') === '1' });
  });

  app.post('/critiques/:code/confirm', async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (!code) return badTrackingCode(c);
    const f = await formOf(c);
    const key = f.key ?? '';
    try {
      await confirmCritique(platform(), code, key, verdictOf(f), await submitterOf(c, 'web'));
      return c.redirect(`/critiques/${code}?key=${parseNitpickerKey(key)}&confirmed=1`, 303);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const { lang } = await pageContext(c);
      const error = errorText(lang, err, { detail: true, say: { unauthenticated: 'crKeyRefused' } });
      return critiquePage(c, code, { key, error, status: pageStatusOf(err) });
    }
  });
}
