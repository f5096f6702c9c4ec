/**
 * Departments, windows and service items with their limit history, in DynamoDB.
 */
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '../domain/calendar/index.js';
import type { Department, LimitVersion, Service, ServiceWindow } from '../domain/catalogue.js';
import { limitsOn } from '../domain/catalogue.js';
import type { CatalogueStore, Page } from '../domain/ports.js';
import type { StoreClient } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

function serviceOf(item: Record<string, unknown>): Service {
  return {
    code: String(item.code),
    name: String(item.name),
    departmentId: String(item.departmentId),
    kind: item.kind === 'hotline' ? 'hotline' : 'service',
    statutoryDays: Number(item.statutoryDays),
    promisedDays: Number(item.promisedDays),
  };
}

/** The department inside its stored item (fields absent when not set). */
function departmentOf(item: Record<string, unknown>): Department {
  const { id, name, district, rectificationDays, callbackWorkingDays, callbackWorkingHours } = item;
  return {
    id,
    name,
    district,
    rectificationDays,
    ...(callbackWorkingDays === undefined ? {} : { callbackWorkingDays }),
    ...(callbackWorkingHours === undefined ? {} : { callbackWorkingHours }),
  } as Department;
}

export class DynamoCatalogueStore implements CatalogueStore {
  constructor(private readonly store: StoreClient) {}

  async putDepartment(d: Department): Promise<'created' | 'updated'> {
    const out = await this.store.doc.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: { ...keys.department(d.id), ...keys.departmentList(d.id), type: 'department', v: 1, ...d },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes ? 'updated' : 'created';
  }

  async getDepartment(id: string): Promise<Department | undefined> {
    const out = await this.store.doc.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.department(id), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    return departmentOf(out.Item);
  }

  async listDepartments(): Promise<Department[]> {
    const items = await this.gsi1List('DEPARTMENTS');
    return items.map(departmentOf);
  }

  async putWindow(w: ServiceWindow): Promise<'created' | 'updated'> {
    const out = await this.store.doc.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: { ...keys.window(w.id), ...keys.windowList(w.departmentId, w.id), type: 'window', v: 1, ...w },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes ? 'updated' : 'created';
  }

  async listWindows(departmentId: string): Promise<ServiceWindow[]> {
    const items = await this.gsi1List(keys.windowList(departmentId, '').gsi1pk);
    return items.map(({ id, name, departmentId: d }) => ({ id, name, departmentId: d }) as ServiceWindow);
  }

  async putService(
    s: Omit<Service, 'statutoryDays' | 'promisedDays'>,
    limits: LimitVersion,
  ): Promise<'created' | 'updated'> {
    const existing = await this.getService(s.code);
    const history = [
      ...(existing?.limits ?? []).filter((l) => l.effectiveFrom !== limits.effectiveFrom),
      limits,
    ];
    const current = limitsOn(history, beijingDate(new Date())) ?? limits;
    await this.store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.store.tableName,
              Item: {
                ...keys.service(s.code),
                ...keys.serviceList(s.code),
                type: 'service',
                v: 1,
                ...s,
                statutoryDays: current.statutoryDays,
                promisedDays: current.promisedDays,
              },
            },
          },
          {
            Put: {
              TableName: this.store.tableName,
              Item: {
                ...keys.serviceLimit(s.code, limits.effectiveFrom),
                type: 'serviceLimit',
                v: 1,
                code: s.code,
                ...limits,
              },
            },
          },
        ],
      }),
    );
    return existing ? 'updated' : 'created';
  }

  async getService(code: string): Promise<{ service: Service; limits: LimitVersion[] } | undefined> {
    const { items } = await queryAll(this.store, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.service(code).pk },
      ConsistentRead: true,
    });
    const head = items.find((i) => i.sk === 'SVC');
    if (!head) return undefined;
    const limits = items
      .filter((i) => String(i.sk).startsWith(keys.serviceLimitPrefix))
      .map((i) => ({
        effectiveFrom: i.effectiveFrom,
        statutoryDays: i.statutoryDays,
        promisedDays: i.promisedDays,
      }));
    return { service: serviceOf(head), limits };
  }

  async listServices(options: {
    limit: number;
    cursor?: string;
    departmentId?: string;
  }): Promise<Page<Service>> {
    const start = decodeCursor(options.cursor, { index: 'gsi1', partition: keys.serviceList('').gsi1pk });
    if (options.departmentId) {
      // A department has tens of services: read the catalogue listing and keep its own.
      const all = await this.gsi1List('SERVICES');
      return {
        items: all.filter((i) => i.departmentId === options.departmentId).map(serviceOf),
        nextCursor: null,
      };
    }
    const { items, lastKey } = await queryAll(
      this.store,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.serviceList('').gsi1pk },
      },
      { startKey: start, limit: options.limit, maxRequests: 1 },
    );
    return { items: items.map(serviceOf), nextCursor: encodeCursor(lastKey) };
  }

  /** A whole gsi1 listing (departments, a department's windows, services); callers map the fields. */
  private async gsi1List(gsi1pk: string) {
    const { items } = await queryAll(this.store, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :v',
      ExpressionAttributeValues: { ':v': gsi1pk },
    });
    return items;
  }
}
