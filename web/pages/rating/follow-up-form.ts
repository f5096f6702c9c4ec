/**
 * The follow-up forms of a bad review (callback, rectification, appeal, the office's
 * ruling) as the JSON API's bodies, so the console and `POST /api/v1/staff/reviews/…`
 * share one validation (functions/usecases/ratings/schemas.ts). Times are typed in a
 * `datetime-local` field, which has no offset: they are read as Beijing time.
 */
import type { FollowUpAction } from '../../../functions/usecases/ratings/follow-up.js';

/** `YYYY-MM-DDTHH:mm` from a datetime-local field, read as Beijing time. */
function fromLocalInput(v: string | undefined): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+08:00` : v;
}

/** Now as a datetime-local value in Beijing time, the callback form's default. */
export function nowLocal(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A follow-up form as the body of its action (blank optional fields left out). */
export function followUpFromForm(
  action: FollowUpAction,
  form: Record<string, string>,
): Record<string, unknown> {
  const s = (k: string) => (form[k]?.trim() ? form[k] : undefined);
  switch (action) {
    case 'callback':
      return { at: fromLocalInput(form.at), by: s('by'), outcome: form.outcome, note: s('note') };
    case 'rectification':
      return { plan: form.plan, status: form.status, explanation: s('explanation'), evidence: s('evidence') };
    case 'appeal':
      return { kind: form.kind, reason: form.reason };
    case 'ruling':
      return { decision: form.decision, note: form.note };
  }
}
