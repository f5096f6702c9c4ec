/**
 * The alerts' half of the stream dispatcher: a batch of the table's stream records (the
 * one reader the aggregator already is — AWS advises against a third) becomes the alerts
 * the changes cause, and the alerts inserted (or put back to pending by a resend) are
 * delivered. Records it could not handle come back by index so the dispatcher reports
 * them as batch item failures, retried, never dropped; ids make the retry harmless.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { ALERTING_TYPES, alertEventsOf, type Image } from '../../domain/alerts/index.js';
import type { Platform } from '../../platform.js';
import { logger } from '../../shared/powertools.js';
import { storedAlertOf } from '../../store/alerts.js';
import { streamImageOf } from '../../store/stream-image.js';
import { deliverAlert } from './deliver.js';
import { raiseAlerts } from './raise.js';

/** The item types the alerts read from the stream (added to the event filter). */
export const alertStreamTypes = (): string[] => [...ALERTING_TYPES, 'alert'];

const wanted = new Set(alertStreamTypes());

const imageOf = (image: unknown): Image | undefined => streamImageOf(image, wanted);

const pending = (i: Image | undefined) =>
  Object.values((i?.delivery ?? {}) as Record<string, { state?: string }>).some((d) => d.state === 'pending');

/** Handle one record: raise what it causes, deliver what it inserted. */
async function handleRecord(p: Platform, r: DynamoDBRecord): Promise<void> {
  const newImage = imageOf(r.dynamodb?.NewImage);
  if (!newImage) return;
  if (newImage.type === 'alert') {
    if (pending(newImage) && (r.eventName === 'INSERT' || !pending(imageOf(r.dynamodb?.OldImage))))
      await deliverAlert(p, storedAlertOf(newImage));
    return;
  }
  await raiseAlerts(p, alertEventsOf(imageOf(r.dynamodb?.OldImage), newImage));
}

/** Handle a batch; answers the index of the first record that failed, if one did. */
export async function alertRecords(
  p: Platform,
  records: readonly DynamoDBRecord[],
): Promise<number | undefined> {
  for (const [i, r] of records.entries()) {
    try {
      await handleRecord(p, r);
    } catch (err) {
      logger.warn('alert record failed', { eventId: r.eventID, error: String(err) });
      return i;
    }
  }
  return undefined;
}
