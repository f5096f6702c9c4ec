/**
 * The scheduled sweeper: reads from the sparse open-items index only the cases whose
 * warning colour changes by today, sets their colour and next check date. Its cost
 * grows with the number of cases changing colour, not with the size of the table.
 * Other features register their own due-item handlers by item type.
 */
import { beijingDate } from '../domain/calendar/index.js';
import type { CaseRecord } from '../domain/cases/case.js';
import { standingOf } from '../domain/cases/standing.js';
import type { Platform } from '../platform.js';
import { alertDueHandler } from './alerts/due.js';
import { critiqueDueHandler } from './critiques/due.js';
import type { DueItemHandler } from './due-item-handler.js';
import { ratingDueHandler } from './ratings/due.js';
import { orderDueHandler } from './supervision/overdue.js';

export interface SweepResult {
  itemsRead: number;
  updated: number;
  byType: Record<string, number>;
}

const caseHandler: DueItemHandler = async (p, item, { today, calendar }) => {
  const record = item as unknown as CaseRecord & { contentHash: string };
  if (record.status === 'completed') return false;
  const standing = standingOf(record, today, calendar);
  return p.cases.setStanding(record, standing, record.contentHash);
};

export const dueItemHandlers: Record<string, DueItemHandler> = {
  case: caseHandler,
  supervisionOrder: orderDueHandler,
  rating: ratingDueHandler,
  critique: critiqueDueHandler,
  alert: alertDueHandler,
};

export async function sweep(p: Platform): Promise<SweepResult> {
  const calendar = await p.calendar.calendar();
  const today = beijingDate(p.clock.now());
  const result: SweepResult = { itemsRead: 0, updated: 0, byType: {} };
  for (const partition of p.dueItems.partitions()) {
    for (const item of await p.dueItems.dueBy(partition, today)) {
      result.itemsRead++;
      const type = String(item.type);
      const handler = dueItemHandlers[type];
      if (handler && (await handler(p, item, { today, calendar }))) {
        result.updated++;
        result.byType[type] = (result.byType[type] ?? 0) + 1;
      }
    }
  }
  return result;
}
