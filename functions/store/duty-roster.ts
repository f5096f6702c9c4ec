/**
 * The duty roster: per unit (a department, `@office`, `@inspector`) the staff on duty
 * and their deputies, each mapped to the OIDC `sub` of a staff identity, with how they
 * want to be reached. Contacts and their history share the unit's partition
 * (`keys.dutyContact`, `keys.dutyHistory`): the roster is one Query, its history another,
 * and every change writes both in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DutyContact } from '../domain/alerts/index.js';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** One change to a unit's roster, as its history keeps it. */
export interface DutyChange {
  unit: string;
  sub: string;
  action: 'set' | 'remove';
  at: string;
  by: string;
  contact?: DutyContact | undefined;
}

const contactOf = (i: Record<string, unknown>): DutyContact => {
  const { pk: _pk, sk: _sk, type: _t, v: _v, ...rest } = i;
  return rest as unknown as DutyContact;
};

/** A unit's contacts (one strongly consistent Query of its `C#` rows). */
async function contactsOf(store: StoreClient, unit: string): Promise<DutyContact[]> {
  const { items } = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
    ExpressionAttributeValues: { ':pk': keys.dutyPartition(unit), ':c': keys.dutyContactPrefix },
    ConsistentRead: true,
  });
  return items.map(contactOf);
}

function historyPut(store: StoreClient, change: DutyChange) {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...keys.dutyHistory(change.unit, change.at, randomUUID()),
        type: 'dutyChange',
        v: 1,
        ...change,
      },
    },
  };
}

/** Add or replace a contact, with its history row, in one transaction. */
async function setContact(store: StoreClient, contact: DutyContact): Promise<void> {
  await store.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.tableName,
            Item: { ...keys.dutyContact(contact.unit, contact.sub), type: 'dutyContact', v: 1, ...contact },
          },
        },
        historyPut(store, {
          unit: contact.unit,
          sub: contact.sub,
          action: 'set',
          at: contact.updatedAt,
          by: contact.updatedBy,
          contact,
        }),
      ],
    }),
  );
}

/** Take a contact off the roster, with its history row, in one transaction. */
async function removeContact(
  store: StoreClient,
  unit: string,
  sub: string,
  at: string,
  by: string,
): Promise<void> {
  await store.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: store.tableName, Key: keys.dutyContact(unit, sub) } },
        historyPut(store, { unit, sub, action: 'remove', at, by }),
      ],
    }),
  );
}

/** A unit's roster history, newest first (one Query page of its `H#` rows). */
async function rosterHistory(store: StoreClient, unit: string, limit = 50): Promise<DutyChange[]> {
  const { items } = await queryAll(
    store,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':pk': keys.dutyPartition(unit), ':h': keys.dutyHistoryPrefix },
      ScanIndexForward: false,
    },
    { limit, maxRequests: 1 },
  );
  return items.map(({ unit: u, sub, action, at, by, contact }) => ({
    unit: u,
    sub,
    action,
    at,
    by,
    contact,
  }));
}

/** The duty roster, as `p.dutyRoster`. */
export function dutyRosterStore(store: StoreClient) {
  return bindStore(store, { contactsOf, setContact, removeContact, rosterHistory });
}

export type DutyRosterStore = ReturnType<typeof dutyRosterStore>;
