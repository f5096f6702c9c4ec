/**
 * Public critique writes: submit a critique (201 with its public tracking code and the
 * nitpicker's private key and link, shown only in this answer; an identical
 * resubmission from the same client within minutes answers 200 with the same code),
 * and the nitpicker's "solved / not solved" verdict, which needs that private key.
 * Rate-limited per client (429 with Retry-After); bodies over 32 KB are refused before
 * they are read.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { isRefusal } from '../../domain/refusal.js';
import { parseWith } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { trackingCodeOf } from '../../usecases/critiques/change.js';
import { confirmCritique, nitpickerPrivateUrl } from '../../usecases/critiques/public.js';
import { submitCritique } from '../../usecases/critiques/submit.js';
import { errorBody } from '../errors.js';
import { jsonBody } from '../validation.js';
import { submitterOf } from './critiques-client.js';
import { confirmationBody, submitBody } from './critiques-schemas.js';

export const MAX_CRITIQUE_BODY_BYTES = 32 * 1024;

const smallBody = bodyLimit({
  maxSize: MAX_CRITIQUE_BODY_BYTES,
  onError: (c) =>
    c.json(errorBody('too_large', `A critique body may be at most ${MAX_CRITIQUE_BODY_BYTES} bytes.`), 413),
});

/** Run a write, adding Retry-After to a 429. */
export async function withRetryAfter<T>(c: Context, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isRefusal(err, 'rate_limited')) {
      const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (seconds) c.header('retry-after', String(seconds));
    }
    throw err;
  }
}

export const critiquesSubmitRoutes = new Hono()
  .post('/critiques', smallBody, async (c) => {
    const body = await jsonBody(c, submitBody);
    const who = await submitterOf(c, 'api');
    const out = await withRetryAfter(c, () => submitCritique(platform(), body, who));
    return c.json(
      {
        trackingCode: out.trackingCode,
        ...(out.nitpickerKey
          ? {
              nitpickerKey: out.nitpickerKey,
              privateUrl: nitpickerPrivateUrl(out.trackingCode, out.nitpickerKey),
            }
          : {}),
      },
      out.created ? 201 : 200,
    );
  })
  .post('/critiques/:code/confirmation', smallBody, async (c) => {
    const code = trackingCodeOf(c.req.param('code'));
    const payload = await jsonBody(c, z.unknown());
    const key =
      payload && typeof payload === 'object'
        ? (payload as { nitpickerKey?: unknown }).nitpickerKey
        : undefined;
    const who = await submitterOf(c, 'api');
    const verdict = () => parseWith(confirmationBody, payload, 'confirmation');
    return c.json(await withRetryAfter(c, () => confirmCritique(platform(), code, key, verdict, who)));
  });
