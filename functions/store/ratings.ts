/**
 * Ratings in DynamoDB. A rating is ONE conditional PutItem (`attribute_not_exists`) in
 * its case's partition, so a case is rated once whatever the concurrency; the stream
 * aggregator, not the request, updates the statistics. A bad review also carries the
 * department inbox keys (gsi1), its next follow-up deadline in the sparse due index
 * (gsi2) and, once appealed, the appeals queue keys (gsi3). Follow-up writes replace
 * the item conditionally on its revision, so concurrent staff writes never interleave.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nextDueDate } from '../domain/ratings/follow-up.js';
import { followUpState, type Rating } from '../domain/ratings/rating.js';
import { upgradeRating } from '../domain/ratings/rating-migration.js';
import { batchGetAll } from './batch.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys } from './keys.js';
import { gsi1Between, queryAll } from './query-all.js';
import { hitsOf, rateLimitKey } from './rate-limit.js';
import { itemAttributes } from './table-definition.js';

/** Attributes of the stored item that are not part of the rating itself. */
const ITEM_ONLY = new Set<string>([...itemAttributes, 'state']);

/** The stored item of a rating with every index key its state calls for. */
export function ratingItem(r: Rating): Record<string, unknown> {
  const due = nextDueDate(r);
  return {
    ...keys.rating(r.caseId),
    ...(r.bad ? keys.badReviewByDepartment(r.departmentId, r.ratedAt, r.caseId) : {}),
    ...(due ? keys.ratingDue(r.caseId, due) : {}),
    ...(r.appeal ? keys.appealByStatus(r.appeal.status, r.appeal.filedAt, r.caseId) : {}),
    type: 'rating',
    v: 1,
    ...r,
    state: followUpState(r),
  };
}

/** The rating inside a stored item. */
export function ratingOf(item: Record<string, unknown>): Rating {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!ITEM_ONLY.has(k)) out[k] = v;
  return upgradeRating(out as unknown as Rating);
}

export type InboxFilter = 'open' | 'overdue' | 'appealed' | 'closed' | 'excluded' | 'all';

export interface RatingPage {
  items: Rating[];
  nextCursor: string | null;
}

export class DynamoRatingStore {
  constructor(private readonly store: StoreClient) {}

  /** Store a new rating; 'exists' when the case was already rated (nothing written). */
  async create(r: Rating): Promise<'created' | 'exists'> {
    const created = await conditionalWrite(
      this.store.doc.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: ratingItem(r),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return created ? 'created' : 'exists';
  }

  async get(caseId: string): Promise<Rating | undefined> {
    const out = await this.store.doc.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.rating(caseId), ConsistentRead: true }),
    );
    return out.Item ? ratingOf(out.Item) : undefined;
  }

  /** Which of these cases are rated already (one batch read, for a window device's next case). */
  async ratedAmong(caseIds: readonly string[]): Promise<Set<string>> {
    if (!caseIds.length) return new Set();
    const found = await batchGetAll(
      this.store,
      caseIds.map((id) => keys.rating(id)),
      { attempts: 5, failure: 'The ratings could not be read; please try again.' },
    );
    return new Set(found.map((i) => String(i.caseId)));
  }

  /** Replace a rating if it is still at `expectedRev`; false when it changed meanwhile. */
  async replace(r: Rating, expectedRev: number): Promise<boolean> {
    return conditionalWrite(
      this.store.doc.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: ratingItem(r),
          ConditionExpression: '#rev = :rev',
          ExpressionAttributeNames: { '#rev': 'rev' },
          ExpressionAttributeValues: { ':rev': expectedRev },
        }),
      ),
    );
  }

  /** A department's bad reviews, newest first (gsi1), filtered by follow-up state. */
  async badReviews(
    departmentId: string,
    options: { filter: InboxFilter; limit: number; cursor?: string | undefined },
  ): Promise<RatingPage> {
    const { gsi1pk } = keys.badReviewByDepartment(departmentId, '', '');
    const filter = filterExpression(options.filter);
    // Filtered pages may come back short: keep reading (a bounded number of times)
    // until the page is full; the cursor picks up where this stopped.
    const { items, lastKey } = await queryAll(
      this.store,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk, ...filter?.values },
        ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names } : {}),
        ScanIndexForward: false,
      },
      {
        startKey: decodeCursor(options.cursor, { index: 'gsi1', partition: gsi1pk }),
        limit: options.limit,
        maxRequests: 10,
      },
    );
    return { items: items.map(ratingOf), nextCursor: encodeCursor(lastKey) };
  }

  /** Appeals by status, oldest first (the office works through them in order). */
  async appeals(
    status: 'pending' | 'upheld' | 'rejected',
    options: { limit: number; cursor?: string | undefined },
  ): Promise<RatingPage> {
    const { gsi3pk } = keys.appealByStatus(status, '', '');
    const start = decodeCursor(options.cursor, { index: 'gsi3', partition: gsi3pk });
    const { items, lastKey } = await queryAll(
      this.store,
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi3pk },
        ScanIndexForward: status === 'pending',
      },
      { startKey: start, limit: options.limit, maxRequests: 1 },
    );
    return { items: items.map(ratingOf), nextCursor: encodeCursor(lastKey) };
  }

  /** Remember that a staff member of a department has been rated (for 评价到人 lists). */
  async addRatedStaff(departmentId: string, staffIds: string[]): Promise<void> {
    if (!staffIds.length) return;
    await this.store.doc.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.ratedStaff(departmentId),
        UpdateExpression: 'SET #type = :type, #v = :v, departmentId = :d ADD staffIds :s',
        ExpressionAttributeNames: { '#type': 'type', '#v': 'v' },
        ExpressionAttributeValues: {
          ':type': 'ratedStaff',
          ':v': 1,
          ':d': departmentId,
          ':s': new Set(staffIds),
        },
      }),
    );
  }

  /**
   * A department's bad reviews given in a time range, newest first (gsi1
   * `DEPT#<id>#BADREVIEWS`, `keys.badReviewByDepartment`, sort key from the time): the
   * supervision reports. Reading stops at the first page that brings the count to
   * `max`; that page is kept whole, so a few more than `max` may come back.
   */
  async badReviewsBetween(
    departmentId: string,
    fromIso: string,
    toIso: string,
    max = 1000,
  ): Promise<Rating[]> {
    const items = await gsi1Between(
      this.store,
      keys.badReviewByDepartment(departmentId, '', '').gsi1pk,
      { fromIso, toIso, newestFirst: true },
      { stopAfter: max },
    );
    return items.filter((i) => i.type === 'rating').map(ratingOf);
  }

  /**
   * Where every upheld appeal's review counts: its month and units (gsi3
   * `APPEAL#upheld`, `keys.appealByStatus`; a few items). Rankings add them as a counter.
   */
  async upheldAppeals(): Promise<Pick<Rating, 'month' | 'departmentId' | 'district' | 'windowId'>[]> {
    const { items } = await queryAll(this.store, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.appealByStatus('upheld', '', '').gsi3pk },
      ProjectionExpression: '#m, departmentId, district, windowId',
      ExpressionAttributeNames: { '#m': 'month' },
    });
    return items.map(({ month, departmentId, district, windowId }) => ({
      month,
      departmentId,
      district,
      windowId,
    }));
  }

  async ratedStaff(departmentId: string): Promise<string[]> {
    const out = await this.store.doc.send(
      new GetCommand({
        TableName: this.store.tableName,
        Key: keys.ratedStaff(departmentId),
        ConsistentRead: true,
      }),
    );
    const ids = out.Item?.staffIds;
    return ids instanceof Set ? [...ids].map(String).sort() : [];
  }

  /**
   * A case and the hits in a rate-limit window, read together (one BatchGetItem,
   * consistent): a rating submission needs both before it writes, and on a busy day
   * the round trip saved is a third of its requests.
   */
  async caseWithHits(
    caseId: string,
    bucket: string,
    windowSeconds: number,
    now: Date,
  ): Promise<{ caseItem: Record<string, unknown> | undefined; hits: number }> {
    const caseKey = keys.case(caseId);
    const counterKey = rateLimitKey(bucket, windowSeconds, now);
    const found = await batchGetAll(this.store, [caseKey, counterKey], {
      attempts: 5,
      failure: 'The case could not be read; please try again.',
    });
    const match = (k: Record<string, unknown>) => found.find((i) => i.pk === k.pk && i.sk === k.sk);
    return { caseItem: match(caseKey), hits: hitsOf(match(counterKey)) };
  }
}

function filterExpression(filter: InboxFilter) {
  const names = { '#state': 'state' };
  switch (filter) {
    case 'all':
      return undefined;
    case 'open':
      return {
        expression: '#state IN (:open, :appealed)',
        names,
        values: { ':open': 'open', ':appealed': 'appealed' },
      };
    case 'overdue':
      return {
        expression: '#state IN (:open, :appealed) AND (callbackOverdue = :t OR rectificationOverdue = :t)',
        names,
        values: { ':open': 'open', ':appealed': 'appealed', ':t': true },
      };
    default:
      return { expression: '#state = :s', names, values: { ':s': filter } };
  }
}
