/**
 * Two years of demo cases per service, written straight to the table in batches (the
 * stream then builds the aggregates exactly as for live traffic). Every case goes
 * through the same `buildCase` derivation as ingest, so the demo obeys every rule.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  addCalendarDays,
  beijingDate,
  type IsoDate,
  type WorkCalendar,
} from '../../../functions/domain/calendar/index.js';
import { type buildCase, type CaseRecord, CHANNELS } from '../../../functions/domain/cases/case.js';
import { standingOf } from '../../../functions/domain/cases/standing.js';
import type { Platform } from '../../../functions/platform.js';
import { caseItem } from '../../../functions/store/cases.js';
import type { DemoService } from './catalogue.js';
import type { Random } from './random.js';

/** Scales every service's monthly volume so the whole demo seeds within two minutes here. */
export const DEMO_VOLUME = 0.55;

/** A Beijing working-hours instant on a date, as ISO 8601 with +08:00. */
function instantOn(date: IsoDate, rnd: Random): string {
  const h = rnd.int(9, 16);
  const m = rnd.int(0, 59);
  return `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
}

/**
 * The demo's case inputs, service by service and day by day. `share` scales the volume
 * further (1 = the whole demo; tests and benchmarks of the first start use a small one).
 */
export function* demoCases(
  services: readonly DemoService[],
  windowsByDept: Map<string, string[]>,
  calendar: WorkCalendar,
  now: Date,
  rnd: Random,
  share = 1,
): Generator<{ service: DemoService; input: Parameters<typeof buildCase>[0] }> {
  const today = beijingDate(now);
  const start = addCalendarDays(today, -730);
  for (const service of services) {
    let n = 0;
    for (let d = start; d <= today; d = addCalendarDays(d, 1)) {
      if (!calendar.isWorkingDay(d)) continue;
      const perDay = (service.monthlyVolume * DEMO_VOLUME * share) / 21;
      const count = Math.floor(perDay) + (rnd.chance(perDay % 1) ? 1 : 0);
      for (let i = 0; i < count; i++) {
        const reformed = service.reform && d >= service.reform.effectiveFrom;
        const mean = reformed ? service.reform!.actualMean : service.actualMean;
        // A few cases run late, and a few get suspended for expert review.
        const late = rnd.chance(0.04) ? rnd.int(1, 6) : 0;
        const days = rnd.duration(mean) + late;
        const suspended = service.statutoryDays >= 20 && rnd.chance(0.06);
        const suspension = suspended
          ? { from: addCalendarDays(d, rnd.int(1, 3)), to: undefined as IsoDate | undefined }
          : undefined;
        if (suspension) suspension.to = addCalendarDays(suspension.from, rnd.int(2, 9));
        const suspensions = suspension ? [{ from: suspension.from, to: suspension.to! }] : [];
        const completedDate = calendar.dueDate(d, days, suspensions, today);
        const windows = windowsByDept.get(service.departmentId) ?? [];
        const acceptedAt = instantOn(d, rnd);
        let completedAt: string | undefined =
          completedDate <= today ? instantOn(completedDate, rnd) : undefined;
        if (completedAt && Date.parse(completedAt) > now.getTime()) completedAt = undefined;
        if (completedAt && Date.parse(completedAt) < Date.parse(acceptedAt)) completedAt = acceptedAt;
        const openSuspensionStillRunning = !completedAt && suspension && suspension.to! > today;
        n++;
        yield {
          service,
          input: {
            caseId: `${service.code}-${d.replaceAll('-', '')}-${String(n).padStart(5, '0')}`,
            serviceCode: service.code,
            acceptedAt,
            completedAt,
            suspensions: openSuspensionStillRunning
              ? [{ from: suspension!.from }]
              : suspensions.filter((s) => s.from <= today && s.to <= today),
            windowId: service.kind === 'hotline' ? undefined : windows.length ? rnd.pick(windows) : undefined,
            staffId: `s${rnd.int(1, 6)}`,
            channel:
              service.kind === 'hotline' ? 'hotline' : rnd.pick(CHANNELS.filter((c) => c !== 'hotline')),
            updatedAt: completedAt ?? acceptedAt,
          },
        };
      }
    }
  }
}

/** Write items with BatchWriteItem, retrying unprocessed ones. */
export async function batchWrite(p: Platform, items: Record<string, unknown>[]): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length; attempt++) {
    const out = await p.store.doc.send(
      new BatchWriteCommand({ RequestItems: { [p.store.tableName]: pending } }),
    );
    pending = (out.UnprocessedItems?.[p.store.tableName] ?? []) as typeof pending;
    if (pending.length) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
  }
}

export function demoCaseItem(
  record: CaseRecord,
  today: IsoDate,
  calendar: WorkCalendar,
): Record<string, unknown> {
  return caseItem(record, {}, standingOf(record, today, calendar));
}
