/**
 * The site publisher (EventBridge schedule and after data changes): renders the public
 * pages with the same Hono components through Hono's SSG into the site bucket.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { publishSite } from '../../web/publish.js';
import { logger, metrics } from '../shared/powertools.js';
import { s3FileSystem } from '../store/site-bucket.js';

export const publish = async () => {
  const bucket = process.env.SITE_BUCKET;
  if (!bucket) throw new Error('SITE_BUCKET is not set.');
  const files = await publishSite(s3FileSystem(bucket), '/');
  logger.info('site published', { files: files.length });
  return { files: files.length };
};

export const handler = middy(publish).use(injectLambdaContext(logger)).use(logMetrics(metrics));
