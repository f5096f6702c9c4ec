/**
 * The office-issued keys of outside systems — one mechanism for two uses: Open311
 * api_keys of partner apps (no scope), and rating-channel keys (a `scope`: one
 * department and one rating channel, for the hotline/IVR, partner systems and the
 * window rating devices, which a device key also binds to a window and staff member).
 * Each use asks for its own kind, so an Open311 key cannot rate and a rating key
 * cannot file critiques. A key reads
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

/** What a rating-channel key may do: rate its department's cases, through its channel. */
export interface ApiKeyScope {
  departmentId: string;
  ratingChannel: string;
  /** A window device's window and staff member (评价器). */
  windowId?: string | undefined;
  staffId?: string | undefined;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  /** Absent on Open311 keys. */
  scope?: ApiKeyScope;
}

const KEY_FORMAT = /^([0-9A-Z]{10})\.([A-Za-z0-9_-]{43})$/;

const digest = (secret: string) => createHash('sha256').update(secret).digest();

function scopeOf(s: ApiKeyScope): ApiKeyScope {
  return {
    departmentId: String(s.departmentId),
    ratingChannel: String(s.ratingChannel),
    ...(s.windowId ? { windowId: String(s.windowId) } : {}),
    ...(s.staffId ? { staffId: String(s.staffId) } : {}),
  };
}

function recordOf(item: Record<string, unknown>): ApiKeyRecord {
  return {
    id: String(item.id),
    name: String(item.name),
    createdAt: String(item.createdAt),
    createdBy: String(item.createdBy),
    ...(item.revokedAt ? { revokedAt: String(item.revokedAt) } : {}),
    ...(item.scope && typeof item.scope === 'object' ? { scope: scopeOf(item.scope as ApiKeyScope) } : {}),
  };
}

export class DynamoApiKeyStore {
  constructor(private readonly store: StoreClient) {}

  /** Issue a key (scoped for a rating channel, or not for Open311); the clear key is returned once and never stored. */
  async issue(input: {
    name: string;
    createdAt: string;
    createdBy: string;
    scope?: ApiKeyScope | undefined;
  }): Promise<ApiKeyRecord & { apiKey: string }> {
    const { scope, ...rest } = input;
    const record = { ...rest, ...(scope ? { scope: scopeOf(scope) } : {}) };
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
              ...record,
              secretHash: digest(secret).toString('base64url'),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (issued) return { id, ...record, apiKey: `${id}.${secret}` };
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
