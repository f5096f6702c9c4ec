/**
 * Counts what every write the platform sends costs, per partition key: the table's and
 * each global secondary index's, in write request units by item size as DynamoDB bills
 * them (infra/cost/item-size.ts). Installed as a middleware on a store client, it sees
 * the very commands the stores build from the key builders — nothing is re-modelled — and
 * reads each written item before and after (through a second client it does not watch),
 * because a write costs by the larger image and an index entry moves when its key does.
 * It also keeps the images, so the stream the table would emit can be replayed.
 */
import { type AttributeValue, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StoreClient } from '../../../functions/store/client.js';
import { tableDefinition } from '../../../functions/store/table-definition.js';
import { itemBytes, transactionalWriteUnits, writeUnits } from '../../../infra/cost/item-size.js';

type Image = Record<string, unknown>;

/** Write units one partition key took, and how many writes. */
export interface KeyLoad {
  /** `table` or the index name. */
  index: string;
  key: string;
  units: number;
  writes: number;
}

/** One changed item, as a stream record would carry it. */
export interface Change {
  oldImage: Image | undefined;
  newImage: Image | undefined;
}

interface WriteOf {
  key: Record<string, AttributeValue>;
  transactional: boolean;
}

/** The keys a write command touches, from its marshalled input. */
function writesOf(command: string, input: Record<string, any>): WriteOf[] {
  const keyOf = (item: Record<string, AttributeValue>) => ({ pk: item.pk!, sk: item.sk! });
  switch (command) {
    case 'PutCommand':
    case 'PutItemCommand':
      return [{ key: keyOf(input.Item), transactional: false }];
    case 'UpdateCommand':
    case 'UpdateItemCommand':
    case 'DeleteCommand':
    case 'DeleteItemCommand':
      return [{ key: keyOf(input.Key), transactional: false }];
    case 'TransactWriteCommand':
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as Record<string, any>[]).flatMap((t) =>
        t.Put
          ? [{ key: keyOf(t.Put.Item), transactional: true }]
          : t.Update
            ? [{ key: keyOf(t.Update.Key), transactional: true }]
            : t.Delete
              ? [{ key: keyOf(t.Delete.Key), transactional: true }]
              : [],
      );
    case 'BatchWriteCommand':
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems as Record<string, Record<string, any>[]>).flatMap((reqs) =>
        reqs.map((r) => ({
          key: keyOf(r.PutRequest ? r.PutRequest.Item : r.DeleteRequest.Key),
          transactional: false,
        })),
      );
    default:
      return [];
  }
}

/**
 * Watch `store`'s writes. `peek` is a second client on the same table (its reads are not
 * counted). `stop` removes the middleware.
 */
export function recordWrites(store: StoreClient, peek: StoreClient) {
  const loads = new Map<string, KeyLoad>();
  const changes: Change[] = [];
  let paused = false;
  const read = async (key: Record<string, AttributeValue>): Promise<Image | undefined> => {
    const out = await peek.raw.send(
      new GetItemCommand({ TableName: peek.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item ? unmarshall(out.Item) : undefined;
  };
  const add = (index: string, key: string, units: number) => {
    const id = `${index}|${key}`;
    const load = loads.get(id) ?? { index, key, units: 0, writes: 0 };
    load.units += units;
    load.writes += 1;
    loads.set(id, load);
  };
  const account = (w: WriteOf, before: Image | undefined, after: Image | undefined) => {
    const size = Math.max(before ? itemBytes(before) : 0, after ? itemBytes(after) : 0);
    const units = w.transactional ? transactionalWriteUnits(size) : writeUnits(size);
    add('table', String((after ?? before)!.pk), units);
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      const oldKey = before?.[gsi.partitionKey] as string | undefined;
      const newKey = after?.[gsi.partitionKey] as string | undefined;
      const oldSort = before?.[gsi.sortKey];
      const newSort = after?.[gsi.sortKey];
      // An index entry costs a write by its projected (whole) item; a moved entry is a
      // delete on the old key and a put on the new one.
      if (oldKey && (oldKey !== newKey || oldSort !== newSort))
        add(gsi.name, oldKey, writeUnits(itemBytes(before!)));
      if (newKey) add(gsi.name, newKey, writeUnits(itemBytes(after!)));
    }
  };
  const name = 'woodpeckerWriteRecorder';
  store.raw.middlewareStack.add(
    (next, context) => async (args) => {
      if (paused) return next(args);
      const writes = writesOf(context.commandName ?? '', args.input as Record<string, any>);
      if (!writes.length) return next(args);
      const before = await Promise.all(writes.map((w) => read(w.key)));
      try {
        return await next(args);
      } finally {
        const after = await Promise.all(writes.map((w) => read(w.key)));
        writes.forEach((w, i) => {
          const unchanged = JSON.stringify(before[i]) === JSON.stringify(after[i]);
          if (unchanged) {
            // Refused by its condition (or a no-op): DynamoDB still bills the write, by the
            // item's size, on the table's key; no index changes, no stream record.
            const size = before[i] ? itemBytes(before[i]!) : 0;
            add(
              'table',
              String(w.key.pk?.S),
              w.transactional ? transactionalWriteUnits(size) : writeUnits(size),
            );
            return;
          }
          account(w, before[i], after[i]);
          changes.push({ oldImage: before[i], newImage: after[i] });
        });
      }
    },
    { step: 'build', name },
  );
  return {
    loads: () => [...loads.values()],
    /** The changes since the last call (what the stream would deliver next). */
    takeChanges: (): Change[] => changes.splice(0),
    /** Stop counting (set-up writes) and start again. */
    pause: (on: boolean) => {
      paused = on;
    },
    reset: () => {
      loads.clear();
      changes.length = 0;
    },
    stop: () => store.raw.middlewareStack.remove(name),
  };
}
