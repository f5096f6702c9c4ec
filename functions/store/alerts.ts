/**
 * Staff alerts as items: one per alert id (`keys.alert`), in its recipient's inbox
 * (gsi1 `INBOX#<sub>`), under the item it is about (gsi3), and while a reminder or
 * escalation is pending in the sweeper's due index (gsi2, type `alert`). The alert item
 * is also the outbox entry of its e-mail and SMS: the table's stream hands its insert
 * to the sender, which claims each channel with a conditional update (a lease), so a
 * redelivered record or a second sender cannot send it twice, and erases the address
 * (kept sealed: functions/usecases/alerts/seal.ts) once sent or parked; TTL removes the
 * item either way. The put, its SMS short link and the unread counter move in one
 * transaction.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Alert, shortCodeOf, subjectPath } from '../domain/alerts/index.js';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** Days an alert is kept before TTL may delete it. */
const ALERT_TTL_SECONDS = 180 * 24 * 3600;

/** Where a channel's delivery stands. */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'deferred' | 'failed';

export type DeliveryChannel = 'email' | 'sms';

/** An alert as stored, with its delivery state per channel. */
export interface StoredAlert extends Alert {
  delivery: Partial<
    Record<DeliveryChannel, { state: DeliveryState; attempts: number; at?: string; error?: string }>
  >;
}

function alertItem(a: Alert, nowSeconds: number): Record<string, unknown> {
  const delivery: StoredAlert['delivery'] = {};
  for (const c of a.channels) if (c !== 'inbox') delivery[c] = { state: 'pending', attempts: 0 };
  return {
    ...keys.alert(a.id),
    ...keys.alertInbox(a.recipient.sub, a.createdAt, a.id),
    ...keys.alertBySubject(a.subject.type, a.subject.id, a.createdAt, a.id),
    ...(a.next ? keys.alertDue(a.id, a.next.on) : {}),
    type: 'alert',
    v: 1,
    ...a,
    // An empty map would reach the local stream reader as an attribute it cannot read.
    ...(Object.keys(delivery).length ? { delivery } : {}),
    ttl: nowSeconds + ALERT_TTL_SECONDS,
  };
}

const KEY_FIELDS = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'type',
  'v',
  'ttl',
];

/** An item as the alert it holds. */
export function storedAlertOf(item: Record<string, unknown>): StoredAlert {
  const a: Record<string, unknown> = { ...item };
  for (const k of KEY_FIELDS) delete a[k];
  return { delivery: {}, ...a } as unknown as StoredAlert;
}

/**
 * Keep a new alert and count it unread, in one transaction conditional on the id being
 * new. False when it was already there: the retry of something already done.
 */
async function putAlert(store: StoreClient, a: Alert, now: Date): Promise<boolean> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: alertItem(a, Math.floor(now.getTime() / 1000)),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(a.channels.includes('sms')
            ? [{ Put: { TableName: store.tableName, Item: shortLinkItem(a, now) } }]
            : []),
          {
            Update: {
              TableName: store.tableName,
              Key: keys.inboxCounter(a.recipient.sub),
              UpdateExpression: 'ADD unread :one SET #t = if_not_exists(#t, :t), v = if_not_exists(v, :v)',
              ExpressionAttributeNames: { '#t': 'type' },
              ExpressionAttributeValues: { ':one': 1, ':t': 'inboxCounter', ':v': 1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (err) {
    if (
      err instanceof TransactionCanceledException &&
      err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    )
      return false;
    throw err;
  }
}

/** The short link of an alert's SMS: its code, the page it opens, kept as long as the alert. */
function shortLinkItem(a: Alert, now: Date): Record<string, unknown> {
  return {
    ...keys.shortLink(shortCodeOf(a.id)),
    type: 'shortLink',
    v: 1,
    alertId: a.id,
    target: subjectPath(a.subject),
    ttl: Math.floor(now.getTime() / 1000) + ALERT_TTL_SECONDS,
  };
}

/** The page a short code opens (a site path), or undefined for an unknown or expired code. */
async function shortLinkTarget(store: StoreClient, code: string, now: Date): Promise<string | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.shortLink(code) }),
  );
  // TTL deletes within days, not at once: an expired link is gone from the moment it expires.
  if (!Item || typeof Item.target !== 'string' || Number(Item.ttl) * 1000 <= now.getTime()) return undefined;
  return Item.target;
}

/** One alert by id (strongly consistent), or undefined. */
async function getAlert(store: StoreClient, id: string): Promise<StoredAlert | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.alert(id), ConsistentRead: true }),
  );
  return Item ? storedAlertOf(Item) : undefined;
}

/** A staff member's inbox, newest first (one gsi1 Query page of at most `limit`). */
async function inboxOf(store: StoreClient, sub: string, limit = 50): Promise<StoredAlert[]> {
  const { items } = await queryAll(
    store,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.alertInbox(sub, '', '').gsi1pk },
      ScanIndexForward: false,
    },
    { limit, maxRequests: 1 },
  );
  return items.map(storedAlertOf);
}

/** The alerts about one item, oldest first (gsi3): who was told and how delivery went. */
async function alertsAbout(
  store: StoreClient,
  subjectType: string,
  subjectId: string,
): Promise<StoredAlert[]> {
  const { items } = await queryAll(store, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.alertBySubject(subjectType, subjectId, '', '').gsi3pk },
  });
  return items.map(storedAlertOf);
}

/** A staff member's unread count (one strongly consistent GetItem). */
async function unreadCount(store: StoreClient, sub: string): Promise<number> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.inboxCounter(sub), ConsistentRead: true }),
  );
  return Math.max(0, Number(Item?.unread ?? 0));
}

/**
 * Acknowledge (签收) an alert as its recipient: sets `ackedAt` and counts it read, in
 * one transaction, only once and only for the recipient. `false` when it was already
 * acknowledged or is someone else's.
 */
async function acknowledgeAlert(store: StoreClient, id: string, sub: string, at: string): Promise<boolean> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: keys.alert(id),
              UpdateExpression: 'SET ackedAt = :at',
              ConditionExpression:
                'attribute_exists(pk) AND recipient.#sub = :sub AND attribute_not_exists(ackedAt)',
              ExpressionAttributeNames: { '#sub': 'sub' },
              ExpressionAttributeValues: { ':at': at, ':sub': sub },
            },
          },
          {
            Update: {
              TableName: store.tableName,
              Key: keys.inboxCounter(sub),
              UpdateExpression: 'ADD unread :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof TransactionCanceledException) return false;
    throw err;
  }
}

/**
 * Move a notice to its next sweeper step (or out of the due index when there is none),
 * only if it is still at the step it was read at: two sweeps racing do it once.
 */
async function advanceAlert(
  store: StoreClient,
  a: Pick<Alert, 'id' | 'next'>,
  next: Alert['next'],
  dueOn: string | undefined = next?.on,
): Promise<boolean> {
  const due = dueOn ? keys.alertDue(a.id, dueOn) : undefined;
  return conditionalWrite(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.alert(a.id),
        UpdateExpression: [
          next ? 'SET #next = :next' : '',
          due ? `${next ? ',' : 'SET'} gsi2pk = :g2pk, gsi2sk = :g2sk` : '',
          !next || !due
            ? `REMOVE ${[!next ? '#next' : '', !due ? 'gsi2pk, gsi2sk' : ''].filter(Boolean).join(', ')}`
            : '',
        ].join(' '),
        ConditionExpression: a.next
          ? '#next.#on = :on AND #next.#step = :step AND #next.#level = :level'
          : 'attribute_not_exists(#next)',
        ExpressionAttributeNames: {
          '#next': 'next',
          ...(a.next ? { '#on': 'on', '#step': 'step', '#level': 'level' } : {}),
        },
        // DynamoDB refuses an empty map (a notice with no step leaving the due index).
        ...(next || due || a.next
          ? {
              ExpressionAttributeValues: {
                ...(next ? { ':next': next } : {}),
                ...(due ? { ':g2pk': due.gsi2pk, ':g2sk': due.gsi2sk } : {}),
                ...(a.next ? { ':on': a.next.on, ':step': a.next.step, ':level': a.next.level } : {}),
              },
            }
          : {}),
      }),
    ),
  );
}

/**
 * Claim a channel's delivery for one send: pending, deferred, or a send whose lease ran
 * out (a sender killed mid-send). False when another sender holds it or it is done.
 */
async function claimDelivery(
  store: StoreClient,
  id: string,
  channel: DeliveryChannel,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  return conditionalWrite(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.alert(id),
        UpdateExpression:
          'SET delivery.#c.#s = :sending, delivery.#c.#lease = :until, delivery.#c.#n = delivery.#c.#n + :one',
        ConditionExpression:
          'delivery.#c.#s IN (:pending, :deferred) OR (delivery.#c.#s = :sending AND delivery.#c.#lease < :now)',
        ExpressionAttributeNames: { '#c': channel, '#s': 'state', '#lease': 'lease', '#n': 'attempts' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':deferred': 'deferred',
          ':until': new Date(now.getTime() + leaseMs).toISOString(),
          ':now': now.toISOString(),
          ':one': 1,
        },
      }),
    ),
  );
}

/**
 * Settle a claimed delivery: sent, failed for good (parked), or back to pending for a
 * retry (`deferred`, e.g. in quiet hours). A sent or parked message's address is erased.
 */
async function settleDelivery(
  store: StoreClient,
  id: string,
  channel: DeliveryChannel,
  outcome: { state: 'sent' | 'failed' | 'deferred'; at: string; error?: string | undefined },
): Promise<void> {
  const field = channel === 'email' ? 'email' : 'phone';
  const erase = outcome.state === 'deferred' ? '' : ` REMOVE recipient.#addr`;
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.alert(id),
      UpdateExpression: `SET delivery.#c.#s = :s, delivery.#c.#at = :at, delivery.#c.#e = :e${erase}`,
      ExpressionAttributeNames: {
        '#c': channel,
        '#s': 'state',
        '#at': 'at',
        '#e': 'error',
        ...(erase ? { '#addr': field } : {}),
      },
      ExpressionAttributeValues: { ':s': outcome.state, ':at': outcome.at, ':e': outcome.error ?? '' },
    }),
  );
}

/**
 * Put a parked (failed) delivery back to pending with the contact's current address,
 * sealed (the console's resend: functions/usecases/alerts/resend.ts seals it).
 */
async function resetDelivery(
  store: StoreClient,
  id: string,
  channel: DeliveryChannel,
  sealedAddress: string,
): Promise<boolean> {
  return conditionalWrite(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.alert(id),
        UpdateExpression: 'SET delivery.#c.#s = :pending, delivery.#c.#n = :zero, recipient.#addr = :addr',
        ConditionExpression: 'delivery.#c.#s = :failed',
        ExpressionAttributeNames: {
          '#c': channel,
          '#s': 'state',
          '#n': 'attempts',
          '#addr': channel === 'email' ? 'email' : 'phone',
        },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':failed': 'failed',
          ':zero': 0,
          ':addr': sealedAddress,
        },
      }),
    ),
  );
}

/** The alerts store, as `p.alerts`. */
export function alertStore(store: StoreClient) {
  return bindStore(store, {
    putAlert,
    getAlert,
    inboxOf,
    alertsAbout,
    unreadCount,
    acknowledgeAlert,
    advanceAlert,
    claimDelivery,
    settleDelivery,
    resetDelivery,
    shortLinkTarget,
  });
}

export type AlertStore = ReturnType<typeof alertStore>;
