/**
 * Open311 api_keys issued by the efficiency office to partner apps. A key reads
 * `<id>.<secret>`: the id finds the record with one GetItem, the 256-bit secret is
 * stored only as its SHA-256 and compared in constant time, so a leaked table does not
 * leak usable keys. Revoked keys stay listed with their revocation time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newTrackingCode } from '../domain/critiques/tracking-code.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
}

const KEY_FORMAT = /^([0-9A-Z]{10})\.([A-Za-z0-9_-]{43})$/;

const digest = (secret: string) => createHash('sha256').update(secret).digest();

function recordOf(item: Record<string, unknown>): ApiKeyRecord {
  return {
    id: String(item.id),
    name: String(item.name),
    createdAt: String(item.createdAt),
    createdBy: String(item.createdBy),
    ...(item.revokedAt ? { revokedAt: String(item.revokedAt) } : {}),
  };
}

export class DynamoApiKeyStore {
  constructor(private readonly store: StoreClient) {}

  /** Issue a key; the clear key is returned once and never stored. */
  async issue(input: {
    name: string;
    createdAt: string;
    createdBy: string;
  }): Promise<ApiKeyRecord & { apiKey: string }> {
    for (;;) {
      const id = newTrackingCode();
      const secret = randomBytes(32).toString('base64url');
      const issued = await conditionalWrite(
        this.store.doc.send(
          new PutCommand({
            TableName: this.store.tableName,
            Item: {
              ...keys.open311Key(id),
              ...keys.open311KeyList(input.createdAt, id),
              type: 'open311Key',
              v: 1,
              id,
              ...input,
              secretHash: digest(secret).toString('base64url'),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (issued) return { id, ...input, apiKey: `${id}.${secret}` };
    }
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { items } = await queryAll(this.store, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.open311KeyList('', '').gsi1pk },
      ScanIndexForward: false,
    });
    return items.map(recordOf);
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const out = await this.store.doc.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.open311Key(id), ConsistentRead: true }),
    );
    return out.Item ? recordOf(out.Item) : undefined;
  }

  /** Revoke a key; false when there is no such key or it was already revoked. */
  async revoke(id: string, at: string): Promise<boolean> {
    return conditionalWrite(
      this.store.doc.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.open311Key(id),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  /** The live key record an api_key belongs to, or undefined (malformed, unknown, wrong secret, revoked). */
  async verify(apiKey: string): Promise<ApiKeyRecord | undefined> {
    const m = KEY_FORMAT.exec(apiKey);
    if (!m) return undefined;
    const out = await this.store.doc.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.open311Key(m[1]!), ConsistentRead: true }),
    );
    const stored =
      typeof out.Item?.secretHash === 'string' ? Buffer.from(out.Item.secretHash, 'base64url') : undefined;
    const given = digest(m[2]!);
    if (!out.Item || !stored || stored.length !== given.length || !timingSafeEqual(stored, given))
      return undefined;
    if (out.Item.revokedAt) return undefined;
    return recordOf(out.Item);
  }
}
