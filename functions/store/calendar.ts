/**
 * Official calendar years loaded by the efficiency office at run time (the State
 * Council publishes next year's schedule in late autumn). The bundled years ship with
 * the code; loaded ones live in the table and are merged in, cached briefly per
 * process so a request does not re-read them.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defaultCalendar, type HolidayYear, type WorkCalendar } from '../domain/calendar/index.js';
import type { CalendarStore } from '../domain/ports.js';
import { logger } from '../shared/powertools.js';
import type { StoreClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-all.js';

const CACHE_MS = 60_000;

export class DynamoCalendarStore implements CalendarStore {
  private cached: { at: number; calendar: WorkCalendar } | undefined;

  constructor(private readonly store: StoreClient) {}

  async loadedYears(): Promise<HolidayYear[]> {
    const { items } = await queryAll(this.store, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.calendarYear(0).pk },
      ConsistentRead: true,
    });
    return items.map((i) => ({ year: Number(i.year), days: i.days as HolidayYear['days'] }));
  }

  async putYear(year: HolidayYear): Promise<void> {
    await this.store.doc.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: {
          ...keys.calendarYear(year.year),
          type: 'calendarYear',
          v: 1,
          year: year.year,
          days: year.days,
        },
      }),
    );
    this.cached = undefined;
  }

  /** The bundled calendar plus every year the office has loaded. */
  async calendar(): Promise<WorkCalendar> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.calendar;
    let calendar = defaultCalendar();
    for (const year of await this.loadedYears()) {
      try {
        calendar = calendar.withYear(year);
      } catch (err) {
        // A stored year that does not validate is skipped (its dates stay provisional), never fatal.
        logger.error('invalid calendar year in the table', { year: year.year, error: String(err) });
      }
    }
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
