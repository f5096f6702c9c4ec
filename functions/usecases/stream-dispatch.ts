/**
 * The one reader of the table's stream (AWS advises at most two per shard): a batch
 * goes to the aggregator (the aggregated types, exactly once by its markers) and to the
 * alerts (raising what a change causes, delivering what an alert insert holds, once by
 * their ids). A record either half could not handle is reported, with every later one,
 * as a batch item failure, so Lambda — or the local poller — retries from there.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { aggregatedTypes } from '../domain/aggregates/contributors.js';
import type { Platform } from '../platform.js';
import { aggregateRecords } from '../store/aggregator.js';
import { alertRecords, alertStreamTypes } from './alerts/stream.js';

/** The item types whose changes the dispatcher must see: the stream's event filter, in AWS and locally. */
export const streamItemTypes = (): string[] => [...new Set([...aggregatedTypes(), ...alertStreamTypes()])];

const aggregated = new Set(aggregatedTypes());
const typeOf = (r: DynamoDBRecord) =>
  (r.dynamodb?.NewImage as { type?: { S?: string } } | undefined)?.type?.S ??
  (r.dynamodb?.OldImage as { type?: { S?: string } } | undefined)?.type?.S;

/** Dispatch a batch of stream records to the aggregator and the alerts. */
export async function dispatchRecords(
  p: Platform,
  records: DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> {
  const forAggregates = records.filter((r) => aggregated.has(typeOf(r) ?? ''));
  const agg = await aggregateRecords(p.aggregates, forAggregates);
  const firstAggFailure = agg.batchItemFailures[0]?.itemIdentifier;
  const aggIndex =
    firstAggFailure === undefined
      ? records.length
      : records.findIndex((r) => r.dynamodb?.SequenceNumber === firstAggFailure);
  const alertIndex =
    (await alertRecords(p, records.slice(0, aggIndex < 0 ? records.length : aggIndex))) ?? records.length;
  const first = Math.min(aggIndex < 0 ? records.length : aggIndex, alertIndex);
  return {
    batchItemFailures: records
      .slice(first)
      .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
  };
}
