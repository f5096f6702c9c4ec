/**
 * The stream consumer: applies each record's aggregate delta exactly once and reports
 * partial batch failures (Lambda retries from the first failed record).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { platform } from '../platform.js';
import { logger, metrics } from '../shared/powertools.js';
import { aggregateRecords } from '../store/aggregator.js';

export const aggregate = (event: DynamoDBStreamEvent) =>
  aggregateRecords(platform().aggregates, event.Records);

export const handler = middy(aggregate).use(injectLambdaContext(logger)).use(logMetrics(metrics));
