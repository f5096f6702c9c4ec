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

/** Into the site bucket in AWS (`SITE_BUCKET`); into a folder locally (`WOODPECKER_SITE_DIR`). */
export const publish = async () => {
  const bucket = process.env.SITE_BUCKET;
  const dir = process.env.WOODPECKER_SITE_DIR;
  if (!bucket && !dir) throw new Error('Neither SITE_BUCKET nor WOODPECKER_SITE_DIR is set.');
  const files = bucket
    ? await publishSite(s3FileSystem(bucket), '/')
    : await publishSite(localFileSystem, dir!);
  logger.info('site published', { files: files.length });
  return { files: files.length };
};

const localFileSystem = {
  writeFile: (path: string, data: string | Uint8Array) =>
    import('node:fs/promises').then((fs) => fs.writeFile(path, data)),
  mkdir: (path: string, options: { recursive: boolean }) =>
    import('node:fs/promises').then((fs) => fs.mkdir(path, options)),
};

export const handler = middy(publish).use(injectLambdaContext(logger)).use(logMetrics(metrics));
