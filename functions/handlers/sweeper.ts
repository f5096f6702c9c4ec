/**
 * The scheduled sweeper (EventBridge every few minutes; a timer locally): moves open
 * cases and other due items to their current warning colour.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { platform } from '../platform.js';
import { logger, metrics } from '../shared/powertools.js';
import { sweep } from '../usecases/sweep-warnings.js';

export const runSweep = async () => {
  const result = await sweep(platform());
  logger.info('sweep done', { ...result });
  return result;
};

export const handler = middy(runSweep).use(injectLambdaContext(logger)).use(logMetrics(metrics));
