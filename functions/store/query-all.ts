/**
 * The one paging loop over a DynamoDB Query (and, for offline tools, a Scan). DynamoDB
 * answers a Query a page at a time
 * (at most 1 MB, or `Limit` items) and returns `LastEvaluatedKey` to go on from; a
 * store that reads a whole list, or reads on until it has enough, has to follow those
 * keys. Doing it here, once, keeps every such read in the same order with the same
 * stopping rules, and gives callers what they report: the key to resume from (a
 * cursor) and how many items DynamoDB examined (the read's cost, used by benchmarks).
 */
import {
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { StoreClient } from './client.js';

/** An item as the document client returns it. */
export type QueryItem = NonNullable<QueryCommandOutput['Items']>[number];

export interface QueryAllOptions {
  /** Resume after this key (a decoded cursor) instead of at the start. */
  startKey?: Record<string, unknown> | undefined;
  /**
   * At most this many items: each request asks (`Limit`) only for those still missing,
   * and reading stops once they are in. With a filter, fewer may come back.
   */
  limit?: number | undefined;
  /**
   * Stop following pages once at least this many items are in hand. No `Limit` is sent,
   * so the last page is kept whole and the result may hold more than this.
   */
  stopAfter?: number | undefined;
  /** Send at most this many requests (a filtered list could otherwise read on and on). */
  maxRequests?: number | undefined;
}

export interface QueryAllResult {
  /** The items of every page read, in the order DynamoDB returned them. */
  items: QueryItem[];
  /** The last page's `LastEvaluatedKey`: where to resume; undefined when nothing is left. */
  lastKey: Record<string, unknown> | undefined;
  /** Items DynamoDB examined before any filter (`ScannedCount` summed over the pages). */
  scannedCount: number;
}

/** One page of a Query or Scan: its items, where it stopped, and what it examined. */
type PageOutput = Pick<QueryCommandOutput, 'Items' | 'LastEvaluatedKey' | 'ScannedCount'>;

/**
 * Run a Query on the store's table page by page (always at least one request), until
 * the results are exhausted or an option says stop.
 */
export async function queryAll(
  store: StoreClient,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  options: QueryAllOptions = {},
): Promise<QueryAllResult> {
  return pageAll(
    (startKey, limit) =>
      store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          ...input,
          ...(limit === undefined ? {} : { Limit: limit }),
          ExclusiveStartKey: startKey,
        }),
      ),
    options,
  );
}

/**
 * Run a Scan of the whole table page by page, with the same options and result as
 * {@link queryAll}. Only for offline tools (the recount): no request path scans.
 */
export async function scanAll(
  store: StoreClient,
  input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  options: QueryAllOptions = {},
): Promise<QueryAllResult> {
  return pageAll(
    (startKey, limit) =>
      store.doc.send(
        new ScanCommand({
          TableName: store.tableName,
          ...input,
          ...(limit === undefined ? {} : { Limit: limit }),
          ExclusiveStartKey: startKey,
        }),
      ),
    options,
  );
}

/** The loop itself: `send` asks for one page from a start key, with at most `limit` items. */
async function pageAll(
  send: (startKey: Record<string, unknown> | undefined, limit: number | undefined) => Promise<PageOutput>,
  options: QueryAllOptions,
): Promise<QueryAllResult> {
  const { limit, maxRequests = Number.POSITIVE_INFINITY } = options;
  const enough = limit ?? options.stopAfter ?? Number.POSITIVE_INFINITY;
  const items: QueryItem[] = [];
  let lastKey = options.startKey;
  let scannedCount = 0;
  let requests = 0;
  do {
    requests++;
    const out = await send(lastKey, limit === undefined ? undefined : limit - items.length);
    items.push(...(out.Items ?? []));
    scannedCount += out.ScannedCount ?? 0;
    lastKey = out.LastEvaluatedKey;
  } while (lastKey && items.length < enough && requests < maxRequests);
  return { items, lastKey, scannedCount };
}

/**
 * The items of one gsi1 list (an owner's items, sorted by time) whose time falls in
 * `[fromIso, toIso]`, the whole of `toIso`'s second and its suffixes included: the
 * department lists the supervision reports read (bad reviews, critiques, orders).
 */
export async function gsi1Between(
  store: StoreClient,
  gsi1pk: string,
  range: { fromIso: string; toIso: string; newestFirst?: boolean },
  options: QueryAllOptions = {},
): Promise<QueryItem[]> {
  const { items } = await queryAll(
    store,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':a': range.fromIso, ':b': `${range.toIso}\uffff` },
      ...(range.newestFirst ? { ScanIndexForward: false } : {}),
    },
    options,
  );
  return items;
}
