/**
 * The stream aggregator: turns a batch of stream records (Lambda's event shape, also
 * produced by the local poller) into exactly-once aggregate deltas, and reports the
 * records it could not apply as batch item failures so they are retried, not dropped.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Item } from '../domain/aggregates/contribution.js';
import { aggregatedTypes, deltaOf } from '../domain/aggregates/contributors.js';
import type { AggregateStore, SourceDelta } from './aggregates.js';

const aggregated = new Set(aggregatedTypes());

/**
 * An image as an item. Only the types that feed aggregates are read in full: in the
 * cloud the event filter lets no others through (`aggregatedTypes`), but the local
 * poller delivers every change, and its stream client reads an empty map (a ranking
 * unit without months) as an attribute with no value, which unmarshall refuses — a
 * batch that would be retried for ever. Key and type suffice for the rest: they move
 * no figure.
 */
function imageOf(image: unknown): Item | undefined {
  if (!image) return undefined;
  const attrs = image as Record<string, AttributeValue>;
  const type = attrs.type?.S;
  if (type === undefined || !aggregated.has(type)) return { pk: attrs.pk?.S, type };
  return unmarshall(attrs);
}

export function deltasOfRecords(records: DynamoDBRecord[]): SourceDelta[] {
  return records.map((r) => {
    const oldItem = imageOf(r.dynamodb?.OldImage);
    const newItem = imageOf(r.dynamodb?.NewImage);
    const keyItem = newItem ?? oldItem;
    return {
      eventId: r.eventID ?? `${r.dynamodb?.SequenceNumber}`,
      sourceId: String(keyItem?.pk ?? ''),
      deltas: deltaOf(oldItem, newItem),
    };
  });
}

/**
 * Apply a batch of stream records to the aggregates (`p.aggregates`), each exactly once;
 * the records not applied come back as batch item failures, from the first of them.
 */
export async function aggregateRecords(
  aggregates: Pick<AggregateStore, 'applyDeltas'>,
  records: DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> {
  const deltas = deltasOfRecords(records);
  const result = await aggregates.applyDeltas(deltas);
  if (!result.failed.length) return { batchItemFailures: [] };
  const failed = new Set(result.failed);
  const firstFailed = records.findIndex((_, i) => failed.has(deltas[i]!.eventId));
  // Lambda retries from the lowest failure; later records are deduplicated by markers.
  return {
    batchItemFailures: records
      .slice(Math.max(firstFailed, 0))
      .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
  };
}
