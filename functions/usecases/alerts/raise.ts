/**
 * Raising alerts: an event's audience resolved to people through the duty roster, one
 * alert per person with its deterministic id, kept by a conditional put — so raising
 * the same event again (a redelivered stream record, a sweep run twice) adds nothing.
 */
import {
  type AlertEvent,
  type AlertStage,
  buildAlert,
  type Channel,
  type DutyContact,
  recipientsFor,
} from '../../domain/alerts/index.js';
import { beijingDate } from '../../domain/calendar/index.js';
import type { Platform } from '../../platform.js';
import { keepAlert } from './seal.js';

/** The channels a contact takes besides the inbox: e-mail unless they chose otherwise; none when on the digest. */
export function channelsOf(contact: DutyContact | undefined): Channel[] {
  if (!contact || contact.digest) return ['inbox'];
  return ['inbox', ...(contact.channels ?? ['email'])];
}

/** Raise events at a stage (`level` for escalations); returns the number of alerts newly written. */
export async function raiseAlerts(
  p: Platform,
  events: readonly AlertEvent[],
  stage: AlertStage = 'notice',
  level?: number,
): Promise<number> {
  if (!events.length) return 0;
  const calendar = await p.calendar.calendar();
  const now = p.clock.now();
  const today = beijingDate(now);
  const rosters = new Map<string, Promise<DutyContact[]>>();
  const rosterOf = (unit: string) => {
    const known = rosters.get(unit);
    if (known) return known;
    const read = p.dutyRoster.contactsOf(unit);
    rosters.set(unit, read);
    return read;
  };
  let written = 0;
  for (const event of events) {
    const { recipients, contacts } = await recipientsFor(event.audience, event.departmentId, rosterOf);
    for (const [i, recipient] of recipients.entries()) {
      const alert = buildAlert(event, recipient, stage, {
        now,
        today,
        calendar,
        channels: channelsOf(contacts[i]),
        level,
      });
      if (await keepAlert(p, alert, now)) written++;
    }
  }
  return written;
}
