/**
 * The sparse open-and-due index (gsi2, `keys.openByDue` and the features' own due keys:
 * `ratingDue`, `orderDue`): every item with something left to watch carries the date of
 * its next check, spread over a few `OPEN#<n>` partitions. The sweeper reads what is
 * due by today; what an item is and what to do with it is its feature's (the
 * `dueItemHandlers` of functions/usecases/sweep-warnings.ts, by `type`).
 */
import type { StoreClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

/** A due item as stored: its `type` says whose it is, its feature maps the rest. */
export type DueItem = Record<string, unknown> & { type?: unknown };

export class DynamoDueItemStore {
  constructor(private readonly store: StoreClient) {}

  /**
   * The items due on or before `today` in one partition of the index (`gsi2sk <=
   * today`), in due order. The cost grows with what is due, not with the table.
   */
  async dueBy(partition: string, today: string): Promise<DueItem[]> {
    const { items } = await queryAll(this.store, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :due',
      ExpressionAttributeValues: { ':pk': partition, ':due': `${today}#\uffff` },
    });
    return items;
  }

  /** The index's partitions, to read one at a time. */
  partitions(): string[] {
    return keys.openPartitions();
  }
}
