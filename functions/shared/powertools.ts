/**
 * Powertools utilities, created once per process at module scope and shared by every
 * handler. Import narrowly (`import { logger } from '.../powertools.js'`) so esbuild
 * keeps only what a bundle uses.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'woodpecker';

export const logger = new Logger({
  serviceName,
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});

export const metrics = new Metrics({ namespace: 'Woodpecker', serviceName });
