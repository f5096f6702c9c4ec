/**
 * Quiet hours for SMS: no text message to staff between, by default, 22:00 and 08:00
 * Beijing time, except for serious items. Configured as `HH:MM-HH:MM`
 * (`WOODPECKER_SMS_QUIET_HOURS`); a window may wrap midnight.
 */

export interface QuietHours {
  /** Minutes after Beijing midnight when quiet starts and ends. */
  from: number;
  to: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: 22 * 60, to: 8 * 60 };

const BEIJING_OFFSET_MINUTES = 8 * 60;

/** `22:00-08:00` as a window; undefined for anything else (the caller keeps the default). */
export function parseQuietHours(text: string | undefined): QuietHours | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  return { from: Number(m[1]) * 60 + Number(m[2]), to: Number(m[3]) * 60 + Number(m[4]) };
}

/** Whether `now` falls in the quiet window, on the Beijing clock. */
export function inQuietHours(now: Date, q: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  const minutes = Math.floor(now.getTime() / 60_000 + BEIJING_OFFSET_MINUTES) % (24 * 60);
  if (q.from === q.to) return false;
  return q.from < q.to ? minutes >= q.from && minutes < q.to : minutes >= q.from || minutes < q.to;
}

/** Whether an SMS may go out now: serious items always, others outside quiet hours. */
export function smsAllowedNow(now: Date, serious: boolean, q: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  return serious || !inQuietHours(now, q);
}
