/**
 * Where a case stands on a given day: its warning colour and, while open, the next
 * date that colour changes. Shared by ingest, the sweeper and the calendar reload.
 */
import type { IsoDate, WorkCalendar } from '../domain/calendar/index.js';
import { type CaseRecord, nextWarningChange, progressOf } from '../domain/cases/case.js';
import type { CaseStanding } from '../store/cases.js';

export function standingOf(record: CaseRecord, today: IsoDate, calendar: WorkCalendar): CaseStanding {
  const progress = progressOf(record, today, calendar);
  return {
    warning: progress.warning,
    nextCheck: record.status === 'completed' ? undefined : nextWarningChange(record, today, calendar),
  };
}
