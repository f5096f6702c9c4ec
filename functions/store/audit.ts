/**
 * The audit trail of staff writes: who, when, what, and the state before and after.
 * Kept per target so one target's history is one Query; also listed by time for the
 * office through gsi1.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

export interface AuditEntry {
  actor: string;
  roles: string[];
  action: string;
  target: string;
  at: string;
  before?: unknown;
  after?: unknown;
}

/** Record a staff write: one put in the target's partition, listed by time through gsi1 (`AUDIT`). */
async function recordAudit(
  store: StoreClient,
  entry: Omit<AuditEntry, 'at'> & { at?: string },
): Promise<void> {
  const at = entry.at ?? new Date().toISOString();
  const id = randomUUID();
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.audit(entry.target, at, id),
        gsi1pk: 'AUDIT',
        gsi1sk: `${at}#${id}`,
        type: 'audit',
        v: 1,
        ...entry,
        at,
      },
    }),
  );
}

/** A target's history, oldest first (one Query of its partition, `keys.audit`). */
async function auditOf(store: StoreClient, target: string): Promise<AuditEntry[]> {
  const { items } = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.audit(target, '', '').pk },
    ConsistentRead: true,
  });
  return items.map(({ actor, roles, action, target: t, at, before, after }) => ({
    actor,
    roles,
    action,
    target: t,
    at,
    before,
    after,
  }));
}

/** The audit trail, as `p.audit`: the functions above with the client bound. */
export function auditStore(store: StoreClient) {
  return bindStore(store, { recordAudit, auditOf });
}

export type AuditStore = ReturnType<typeof auditStore>;
