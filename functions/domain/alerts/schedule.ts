/**
 * Reminders and escalation on the working-day calendar: a notice with a deadline is
 * reminded one working day before it, and when the deadline passes without the
 * obligation met it is escalated one level up — department → office → inspector —
 * on the first working day after it, then again the working day after that. Nothing
 * is sent on a day off: a step that falls due on one waits for the next working day.
 * Acknowledging stops the reminder, not the escalation (only doing the work does).
 */
import { addCalendarDays, type IsoDate, type WorkCalendar } from '../calendar/index.js';
import type { Alert, Audience } from './model.js';

/** The chain escalations climb. */
export const ESCALATION_CHAIN: readonly Audience[] = ['department', 'office', 'inspector'];

/** Days a search for a working day may look ahead or back (a long holiday is under 10). */
const SEARCH_DAYS = 40;

/** The last working day strictly before `d`. */
export function previousWorkingDay(d: IsoDate, calendar: WorkCalendar): IsoDate {
  let day = addCalendarDays(d, -1);
  for (let i = 0; i < SEARCH_DAYS && !calendar.isWorkingDay(day); i++) day = addCalendarDays(day, -1);
  return day;
}

/** The first working day strictly after `d`. */
export function nextWorkingDay(d: IsoDate, calendar: WorkCalendar): IsoDate {
  let day = addCalendarDays(d, 1);
  for (let i = 0; i < SEARCH_DAYS && !calendar.isWorkingDay(day); i++) day = addCalendarDays(day, 1);
  return day;
}

/** The audience an escalation of `level` (1 = first) from `from` reaches, if any. */
export function escalationAudience(from: Audience, level: number): Audience | undefined {
  return ESCALATION_CHAIN[ESCALATION_CHAIN.indexOf(from) + level];
}

/** The first sweeper step of a new notice, seen on `today`; none without a deadline. */
export function firstStep(
  a: Pick<Alert, 'deadline' | 'audience' | 'stage'>,
  today: IsoDate,
  calendar: WorkCalendar,
): Alert['next'] {
  if (!a.deadline || a.stage !== 'notice' || !escalationAudience(a.audience, 1)) return undefined;
  const remindOn = previousWorkingDay(a.deadline, calendar);
  if (today <= remindOn) return { step: 'reminder', on: remindOn, level: 0 };
  return { step: 'escalation', on: nextWorkingDay(a.deadline, calendar), level: 1 };
}

/** What the sweeper does with a notice's step on `today`. */
export type StepDecision =
  | { act: 'wait' }
  | { act: 'stop' }
  | { act: 'reschedule'; next: Alert['next'] }
  | { act: 'remind'; next: Alert['next'] }
  | { act: 'escalate'; to: Audience; level: number; next: Alert['next'] };

/**
 * The decision for a notice on `today`: wait on a day off or before the step's date;
 * stop once the obligation is met; a reminder only while unacknowledged and not yet
 * past the deadline; an escalation to the next audience up, then the next step.
 */
export function decideStep(
  a: Pick<Alert, 'deadline' | 'audience' | 'next' | 'ackedAt'>,
  today: IsoDate,
  calendar: WorkCalendar,
  settled: boolean,
): StepDecision {
  const step = a.next;
  if (!step || !a.deadline || settled) return { act: 'stop' };
  if (today < step.on || !calendar.isWorkingDay(today)) return { act: 'wait' };
  const escalation = { step: 'escalation', on: nextWorkingDay(a.deadline, calendar), level: 1 } as const;
  if (step.step === 'reminder') {
    if (!a.ackedAt && today <= a.deadline) return { act: 'remind', next: escalation };
    // Acknowledged, or the reminder's day was missed: straight on to the escalation step.
    const then = decideStep({ ...a, next: escalation }, today, calendar, settled);
    return then.act === 'wait' ? { act: 'reschedule', next: escalation } : then;
  }
  const to = escalationAudience(a.audience, step.level);
  if (!to) return { act: 'stop' };
  const after = escalationAudience(a.audience, step.level + 1)
    ? { step: 'escalation' as const, on: nextWorkingDay(step.on, calendar), level: step.level + 1 }
    : undefined;
  return { act: 'escalate', to, level: step.level, next: after };
}
