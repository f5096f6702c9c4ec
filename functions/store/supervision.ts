/**
 * Electronic supervision in DynamoDB: supervision orders (one item each, every change a
 * whole-item put conditional on the revision read, so concurrent steps cannot
 * interleave), and the reads the inspectors' views need — warned open cases by colour
 * (gsi3), every open case (the sparse open index, gsi2), and a department's lists by
 * time (gsi1: orders, bad reviews, critiques). None of them reads the whole table.
 */
import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type OrderStatus, orderNextDue, type SupervisionOrder } from '../domain/supervision/order.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

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
export async function putNewOrder(store: StoreClient, o: SupervisionOrder): Promise<boolean> {
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
export async function saveOrder(
  store: StoreClient,
  o: SupervisionOrder,
  expectedRev: number,
): Promise<boolean> {
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

export async function getOrder(store: StoreClient, id: string): Promise<SupervisionOrder | undefined> {
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
export async function ordersOfDepartment(
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
  const out: QueryCommandOutput = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
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
      Limit: options.limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: (out.Items ?? []).map(orderOf), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** Orders in one status, newest first (the inspectors' list). */
export async function ordersByStatus(
  store: StoreClient,
  status: OrderStatus,
  options: { limit: number; cursor?: string | undefined },
): Promise<OrderPage> {
  const { gsi3pk } = keys.orderByStatus(status, '', '');
  const start = decodeCursor(options.cursor, { index: 'gsi3', partition: gsi3pk });
  const out: QueryCommandOutput = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi3pk },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: (out.Items ?? []).map(orderOf), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** Every order of a department issued in a time range (reports; a department's orders per period are few). */
export async function allOrdersOfDepartment(
  store: StoreClient,
  departmentId: string,
  fromIso: string,
  toIso: string,
): Promise<SupervisionOrder[]> {
  const { items } = await queryAll(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b',
    ExpressionAttributeValues: {
      ':pk': keys.orderByDepartment(departmentId, '', '').gsi1pk,
      ':a': fromIso,
      ':b': `${toIso}\uffff`,
    },
  });
  return items.map(orderOf);
}

/** Fields of an open case the board and the reports show. */
const CASE_PROJECTION = [
  'caseId',
  'serviceCode',
  'departmentId',
  'district',
  'windowId',
  'acceptedAt',
  'acceptedDate',
  'completedDate',
  'suspensions',
  'promisedDays',
  'statutoryDays',
  'dueDate',
  'statutoryDueDate',
  'warning',
  '#status',
  'provisional',
  '#type',
];

/** Open cases of one warning colour (yellow, red, serious) from the board index, oldest first. */
export async function warnedCases(store: StoreClient, level: string): Promise<Record<string, unknown>[]> {
  const { items } = await queryAll(store, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.openByWarning(level, '', '').gsi3pk },
    ProjectionExpression: CASE_PROJECTION.join(', '),
    ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
  });
  return items;
}

/** Every open case (green included) from the sparse open index; cost grows with open cases only. */
export async function openCases(store: StoreClient): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (const partition of keys.openPartitions()) {
    const { items } = await queryAll(store, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: '#type = :case',
      ExpressionAttributeValues: { ':pk': partition, ':case': 'case' },
      ProjectionExpression: CASE_PROJECTION.join(', '),
      ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
    });
    all.push(...items);
  }
  return all;
}

/**
 * Items of a department list on gsi1 (bad reviews, critiques) whose sort key starts
 * with a time in a range, newest first. Reading stops at the first page that brings the
 * count to `max`; that page is kept whole, so a few more than `max` may come back.
 */
export async function departmentItemsBetween(
  store: StoreClient,
  gsi1pk: string,
  fromIso: string,
  toIso: string,
  max = 1000,
): Promise<Record<string, unknown>[]> {
  const { items } = await queryAll(
    store,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':a': fromIso, ':b': `${toIso}\uffff` },
      ScanIndexForward: false,
    },
    { stopAfter: max },
  );
  return items;
}

/** One item by its key, strongly consistent (the target of an order: a rating, a critique). */
export async function getItem(
  store: StoreClient,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> {
  const out = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item;
}
