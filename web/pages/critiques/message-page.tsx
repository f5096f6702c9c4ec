/**
 * The find-fault window's one-sentence page: a mistyped tracking code, a critique not
 * found, or a refusal of a staff page, with a way back to the board.
 */
import type { Context } from 'hono';
import { Layout } from '../../components/Layout.js';
import type { RefusalStatus } from '../../error-text.js';
import { t } from '../../i18n.js';
import { html, pageContext } from '../../render.js';

/** A page saying `text` (role=alert) under the board's title, with a link to the board. */
export async function critiqueMessage(c: Context, status: RefusalStatus, text: string): Promise<Response> {
  const ctx = await pageContext(c);
  return html(
    c,
    <Layout ctx={ctx} title={t(ctx.lang, 'crBoardTitle')}>
      <h1>{t(ctx.lang, 'crBoardTitle')}</h1>
      <p role="alert">{text}</p>
      <p>
        <a href="/critiques">{t(ctx.lang, 'crBoardTitle')}</a>
      </p>
    </Layout>,
    status,
  );
}

/** The 404 page of a path segment that is not a tracking code. */
export async function badTrackingCode(c: Context): Promise<Response> {
  return critiqueMessage(c, 404, t((await pageContext(c)).lang, 'crTrackBad'));
}
