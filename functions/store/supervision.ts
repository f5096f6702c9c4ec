/**
 * Supervision orders (督办单) in DynamoDB, reached as `p.orders`: one item each, every
 * change a whole-item put conditional on the revision read, so concurrent steps cannot
 * interleave; listed by department and time (gsi1) and by status (gsi3). What the
 * inspectors' views read of other features' items (open cases, bad reviews, critiques)
 * is asked of those features' own stores.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type OrderStatus, orderNextDue, type SupervisionOrder } from '../domain/supervision/order.js';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';
import { gsi1Between, queryAll } from './query-all.js';

/** The item `type` of a supervision order (the sweeper dispatches on it). */
export const ORDER_TYPE = 'supervisionOrder';

export function orderItem(o: SupervisionOrder): Record<string, unknown> {
  const due = orderNextDue(o);
  return {
    ...keys.supervisionOrder(o.id),
    ...keys.orderByDepartment(o.departmentId, o.issuedAt, o.id),
    ...keys.orderByStatus(o.status, o.issuedAt, o.id),
    ...(due ? keys.orderDue(o.id, due) : {}),
    type: ORDER_TYPE,
    v: 1,
    ...o,
  };
}

const ORDER_FIELDS = [
  'id',
  'targetType',
  'targetId',
  'targetLabel',
  'departmentId',
  'district',
  'title',
  'instructions',
  'deadline',
  'status',
  'level',
  'overdue',
  'overdueSince',
  'issuedAt',
  'issuedBy',
  'respondedAt',
  'closedAt',
  'closedBy',
  'outcome',
  'steps',
  'rev',
] as const;

export function orderOf(item: Record<string, unknown>): SupervisionOrder {
  const out: Record<string, unknown> = {};
  for (const f of ORDER_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as SupervisionOrder;
}

/** Store a new order; false when the id is taken. */
async function putNewOrder(store: StoreClient, o: SupervisionOrder): Promise<boolean> {
  return conditionalWrite(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: orderItem(o),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** Replace an order if it is still at the revision read; false when it changed meanwhile. */
async function saveOrder(store: StoreClient, o: SupervisionOrder, expectedRev: number): Promise<boolean> {
  return conditionalWrite(
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: orderItem(o),
        ConditionExpression: '#rev = :rev',
        ExpressionAttributeNames: { '#rev': 'rev' },
        ExpressionAttributeValues: { ':rev': expectedRev },
      }),
    ),
  );
}

async function getOrder(store: StoreClient, id: string): Promise<SupervisionOrder | undefined> {
  const out = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.supervisionOrder(id), ConsistentRead: true }),
  );
  return out.Item ? orderOf(out.Item) : undefined;
}

export interface OrderPage {
  items: SupervisionOrder[];
  nextCursor: string | null;
}

/** Orders of a department, newest first, optionally of one status and issued in a time range. */
async function ordersOfDepartment(
  store: StoreClient,
  departmentId: string,
  options: {
    status?: OrderStatus | undefined;
    fromIso?: string | undefined;
    toIso?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<OrderPage> {
  const { gsi1pk } = keys.orderByDepartment(departmentId, '', '');
  const range = options.fromIso && options.toIso;
  const start = decodeCursor(options.cursor, {
    index: 'gsi1',
    partition: gsi1pk,
    sortRange: range ? { from: options.fromIso!, to: `${options.toIso}\uffff` } : undefined,
  });
  const { items, lastKey } = await queryAll(
    store,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: range ? 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': gsi1pk,
        ...(range ? { ':a': options.fromIso, ':b': `${options.toIso}\uffff` } : {}),
        ...(options.status ? { ':s': options.status } : {}),
      },
      ...(options.status
        ? { FilterExpression: '#status = :s', ExpressionAttributeNames: { '#status': 'status' } }
        : {}),
      ScanIndexForward: false,
    },
    { startKey: start, limit: options.limit, maxRequests: 1 },
  );
  return { items: items.map(orderOf), nextCursor: encodeCursor(lastKey) };
}

/** Orders in one status, newest first (the inspectors' list). */
async function ordersByStatus(
  store: StoreClient,
  status: OrderStatus,
  options: { limit: number; cursor?: string | undefined },
): Promise<OrderPage> {
  const { gsi3pk } = keys.orderByStatus(status, '', '');
  const start = decodeCursor(options.cursor, { index: 'gsi3', partition: gsi3pk });
  const { items, lastKey } = await queryAll(
    store,
    {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi3pk },
      ScanIndexForward: false,
    },
    { startKey: start, limit: options.limit, maxRequests: 1 },
  );
  return { items: items.map(orderOf), nextCursor: encodeCursor(lastKey) };
}

/** Every order of a department issued in a time range (reports; a department's orders per period are few). */
async function allOrdersOfDepartment(
  store: StoreClient,
  departmentId: string,
  fromIso: string,
  toIso: string,
): Promise<SupervisionOrder[]> {
  const items = await gsi1Between(store, keys.orderByDepartment(departmentId, '', '').gsi1pk, {
    fromIso,
    toIso,
  });
  return items.map(orderOf);
}

/** The order store, as `p.orders`: the functions above with the client bound. */
export function orderStore(store: StoreClient) {
  return bindStore(store, {
    putNewOrder,
    saveOrder,
    getOrder,
    ordersOfDepartment,
    ordersByStatus,
    allOrdersOfDepartment,
  });
}

export type OrderStore = ReturnType<typeof orderStore>;
