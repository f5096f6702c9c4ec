/**
 * Whether the table answers: the health check's one read. A GetItem of a small, always
 * cheap key (the calendar partition's head, `keys.calendarYear(0)`, which need not
 * exist) proves the endpoint, the credentials and the table without reading data.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreClient } from './client.js';
import { keys } from './keys.js';

export class DynamoHealthStore {
  constructor(private readonly store: StoreClient) {}

  /** Resolves when the table answered a read; rejects with DynamoDB's error otherwise. */
  async ping(): Promise<void> {
    await this.store.doc.send(new GetCommand({ TableName: this.store.tableName, Key: keys.calendarYear(0) }));
  }
}
