/**
 * The base every Hono app of the platform starts from: the contract's error shape for
 * every failure, a 1 MB body limit (413 `too_large`), JSON 404s under `/api/v1`, and
 * one log line per request with its request id.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { Refusal } from '../domain/refusal.js';
import { logger } from '../shared/powertools.js';
import { errorBody, httpStatusOf } from './errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp<E extends object = object>(options: { middleware?: boolean } = {}): Hono<E> {
  const app = new Hono<E>();
  if (options.middleware !== false) addMiddleware(app);
  app.onError((err, c) => {
    if (err instanceof Refusal)
      return c.json(errorBody(err.code, err.message, err.details), httpStatusOf(err.code));
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'too_large' : status === 401 ? 'unauthenticated' : 'invalid_request';
      if (status < 500) return c.json(errorBody(code, err.message || 'Bad request.'), status);
    }
    logger.error('unhandled error', { path: c.req.path, error: err as Error });
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  return app;
}

function addMiddleware<E extends object>(app: Hono<E>): void {
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? crypto.randomUUID();
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    if (process.env.WOODPECKER_ACCESS_LOG !== 'off') {
      logger.info('request', {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    }
  });
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`), 413),
  });
  // Open311 enforces its own, smaller limit and answers in Open311's error format.
  app.use('*', (c, next) => (c.req.path.startsWith('/open311/v2/') ? next() : limit(c, next)));
}
