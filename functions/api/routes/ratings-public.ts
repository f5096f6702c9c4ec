/**
 * Public rating writes, authorised by the case's rating token (no login): rate a
 * completed case, and tell whether the rectification of a bad review satisfied you.
 * Outside systems (hotline/IVR, partner systems, self-service terminals) rate through
 * `POST /ratings/system` with an office-issued rating key in `X-Api-Key` instead.
 * Bodies are small: anything over 16 KB is refused before it is read (413).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { platform } from '../../platform.js';
import { authenticateChannelKey, rateWithKey } from '../../usecases/ratings/channel-rating.js';
import { submitFeedback } from '../../usecases/ratings/rater.js';
import { submitRating } from '../../usecases/ratings/submit-rating.js';
import { raterView } from '../../usecases/ratings/views.js';
import { errorBody } from '../errors.js';
import { jsonBody } from '../validation.js';

export const MAX_RATING_BODY_BYTES = 16 * 1024;

const smallBody = bodyLimit({
  maxSize: MAX_RATING_BODY_BYTES,
  onError: (c) =>
    c.json(errorBody('too_large', `A rating body may be at most ${MAX_RATING_BODY_BYTES} bytes.`), 413),
});

export const ratingsPublicRoutes = new Hono()
  .post('/ratings', smallBody, async (c) => {
    const receipt = await submitRating(platform(), await jsonBody(c, z.unknown()));
    return c.json(receipt, 201);
  })
  .post('/ratings/system', smallBody, async (c) => {
    const p = platform();
    const key = await authenticateChannelKey(p, c.req.header('x-api-key'));
    const { receipt, created } = await rateWithKey(p, key, await jsonBody(c, z.unknown()));
    return c.json(receipt, created ? 201 : 200);
  })
  .post('/ratings/:caseId/rectification-feedback', smallBody, async (c) => {
    const rating = await submitFeedback(platform(), c.req.param('caseId'), await jsonBody(c, z.unknown()));
    return c.json(raterView(rating));
  });
