/**
 * The stream consumer: applies each record's aggregate delta exactly once, raises and
 * delivers staff alerts once by their ids, and reports
 * partial batch failures (Lambda retries from the first failed record).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { platform } from '../platform.js';
import { logger, metrics } from '../shared/powertools.js';
import { dispatchRecords } from '../usecases/stream-dispatch.js';

/** The aggregator and the alerts' sender, as one reader of the stream (usecases/stream-dispatch.ts). */
export const aggregate = (event: DynamoDBStreamEvent) => dispatchRecords(platform(), event.Records);

export const handler = middy(aggregate).use(injectLambdaContext(logger)).use(logMetrics(metrics));
