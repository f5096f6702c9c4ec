/**
 * The months a page's curves and figures cover: the last 24, ending with the current
 * Beijing month. The home, service and department pages and their satisfaction panels
 * show the same window, so it is said once.
 */
import { beijingDate } from '../functions/domain/calendar/index.js';
import { addMonths } from '../functions/domain/months.js';

/** `YYYY-MM` of the first and the last month of the window ending at `now`. */
export function lastTwoYears(now: Date): { from: string; to: string } {
  const to = beijingDate(now).slice(0, 7);
  return { from: addMonths(to, -23), to };
}
