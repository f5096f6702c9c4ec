/**
 * The office's Open311 api_keys console `/staff/open311-keys`: the keys issued, a form to
 * issue one (its clear key shown once, on the answer to that post) and one to revoke
 * each — the same use cases as `/api/v1/staff/open311-keys`, with the same name check.
 */
import type { Context, Hono } from 'hono';
import { apiKeyBody } from '../../../functions/api/routes/critiques-schemas.js';
import { cleanText } from '../../../functions/domain/critiques/text.js';
import { isRefusal } from '../../../functions/domain/refusal.js';
import { parseWith } from '../../../functions/domain/schemas.js';
import { platform } from '../../../functions/platform.js';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../../functions/usecases/critiques/api-keys.js';
import type { PageContext } from '../../components/Layout.js';
import { errorText, pageStatusOf } from '../../error-text.js';
import { formOf } from '../../page-guard.js';
import { html } from '../../render.js';
import { type StaffEnv, staffOnly } from '../../staff-gate.js';
import { StaffKeysPage } from './StaffPages.js';

async function keysPage(c: Context, ctx: PageContext, extra: { issued?: string; refused?: unknown } = {}) {
  const refused = isRefusal(extra.refused) ? extra.refused : undefined;
  return html(
    c,
    <StaffKeysPage
      ctx={ctx}
      keys={await listApiKeys(platform())}
      issued={extra.issued}
      error={refused ? errorText(ctx.lang, refused, { detail: true }) : undefined}
    />,
    refused ? pageStatusOf(refused) : 200,
  );
}

/** Run a key action; a refusal is shown on the keys page, anything else is thrown. */
async function refusedOn(c: Context<StaffEnv>, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return keysPage(c, c.var.ctx, { refused: err });
  }
}

export function registerKeyPages(app: Hono): void {
  app.get('/staff/open311-keys', staffOnly('office'), (c) => keysPage(c, c.var.ctx));

  app.post('/staff/open311-keys', staffOnly('office'), (c) =>
    refusedOn(c, async () => {
      const { name } = parseWith(apiKeyBody, { name: cleanText((await formOf(c)).name ?? '') });
      const issued = await issueApiKey(platform(), c.var.staff, name);
      return keysPage(c, c.var.ctx, { issued: issued.apiKey });
    }),
  );

  app.post('/staff/open311-keys/:id/revoke', staffOnly('office'), (c) =>
    refusedOn(c, async () => {
      await revokeApiKey(platform(), c.var.staff, c.req.param('id'));
      return c.redirect('/staff/open311-keys', 303);
    }),
  );
}
