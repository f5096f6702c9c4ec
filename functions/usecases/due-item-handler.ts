/**
 * The contract between the sweeper and the features whose items carry gsi2 due keys.
 * It lives apart from the registry (`dueItemHandlers` in sweep-warnings.ts) so that a
 * feature's handler depends on this type only, and the registry on the handlers: no cycle.
 */
import type { IsoDate, WorkCalendar } from '../domain/calendar/index.js';
import type { Platform } from '../platform.js';

/** Handles one due item of a type; returns whether it changed anything. */
export type DueItemHandler = (
  p: Platform,
  item: Record<string, unknown>,
  ctx: { today: IsoDate; calendar: WorkCalendar },
) => Promise<boolean>;
