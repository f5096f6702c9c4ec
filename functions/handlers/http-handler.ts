/**
 * The middy chain every HTTP function shares: Powertools logger context and metrics
 * around Hono's Lambda adapter. A handler file is one line that names its app.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { logger, metrics } from '../shared/powertools.js';

// biome-ignore lint/suspicious/noExplicitAny: Hono apps differ only in their env type.
export function httpHandler(app: Hono<any>) {
  return middy(handle(app))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
