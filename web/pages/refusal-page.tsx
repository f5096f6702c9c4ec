/**
 * The page of a refused staff console request that has no form to show the refusal on
 * (the rankings and supervision consoles): the refusal's sentence and detail
 * (web/error-text.ts), with the status its code maps to.
 */
import type { Context } from 'hono';
import { isRefusal, type Refusal } from '../../functions/domain/refusal.js';
import type { PageContext } from '../components/Layout.js';
import { errorText, pageStatusOf } from '../error-text.js';
import { html } from '../render.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The refusal's page; `status` overrides the code's (a public table that is not there is a 404). */
export function refusalPage(c: Context, ctx: PageContext, err: Refusal, status?: 404): Response {
  return html(
    c,
    <NotFoundPage ctx={ctx} message={errorText(ctx.lang, err, { detail: true })} />,
    status ?? pageStatusOf(err),
  );
}

/** The answer of `run`, or the refusal's page when it refuses (anything else is thrown). */
export async function orRefusalPage(
  c: Context,
  ctx: PageContext,
  run: () => Promise<Response>,
): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return refusalPage(c, ctx, err);
  }
}
