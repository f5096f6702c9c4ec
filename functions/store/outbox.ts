/**
 * The notification outbox: every SMS and e-mail the platform sends (or, locally, would
 * send) as one item, listed newest first through gsi1 (`keys.outbox`) for the local
 * outbox page and the tests. It holds only the masked recipient; items expire by TTL.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** A message as the outbox keeps it (the recipient already masked). */
export interface OutboxMessage {
  id: string;
  at: string;
  channel: 'sms' | 'email';
  to: string;
  text: string;
  /** What caused it, e.g. `rating-invitation:<caseId>`. */
  reason: string;
}

/** Days a message stays in the outbox before TTL may delete it. */
const OUTBOX_TTL_SECONDS = 30 * 24 * 3600;

export class DynamoOutboxStore {
  constructor(private readonly store: StoreClient) {}

  /** Keep a message (one PutItem; its id is fresh, so nothing is overwritten). */
  async put(message: OutboxMessage): Promise<void> {
    await this.store.doc.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: {
          ...keys.outbox(message.id, message.at),
          type: 'outbox',
          v: 1,
          ...message,
          ttl: Math.floor(Date.now() / 1000) + OUTBOX_TTL_SECONDS,
        },
      }),
    );
  }

  /** The latest messages, newest first (gsi1 `OUTBOX`: one request of at most `limit`). */
  async recent(limit = 100): Promise<OutboxMessage[]> {
    const { items } = await queryAll(
      this.store,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.outbox('', '').gsi1pk },
        ScanIndexForward: false,
      },
      { limit, maxRequests: 1 },
    );
    return items.map(({ id, at, channel, to, text, reason }) => ({ id, at, channel, to, text, reason }));
  }
}
