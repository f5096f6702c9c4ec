/**
 * The sweeper's handler for alerts (type `alert` in the due index): a notice's reminder
 * one working day before its deadline, its escalations one level up on breach — a new
 * notice to the next audience and an entry on the item's audit trail, no status change —
 * and SMS held over quiet hours. Every alert it writes has a deterministic id, so a sweep
 * run twice, or one that dies half-way, sends each once.
 */
import { type AlertEvent, buildAlert, decideStep, type Recipient } from '../../domain/alerts/index.js';
import type { Platform } from '../../platform.js';
import { type StoredAlert, storedAlertOf } from '../../store/alerts.js';
import type { DueItemHandler } from '../due-item-handler.js';
import { deliverAlert } from './deliver.js';
import { channelsOf, raiseAlerts } from './raise.js';
import { keepAlert } from './seal.js';
import { obligationSettled } from './settled.js';

const eventOf = (a: StoredAlert): AlertEvent => ({
  kind: a.kind,
  audience: a.audience,
  departmentId: a.departmentId,
  subject: a.subject,
  cause: a.cause,
  deadline: a.deadline,
  severity: a.severity,
  params: a.params,
});

/** The reminder goes to the notice's own recipient, at the address the roster has for them now. */
async function remind(
  p: Platform,
  a: StoredAlert,
  today: string,
  calendar: Parameters<DueItemHandler>[2]['calendar'],
) {
  const contact = (await p.dutyRoster.contactsOf(a.recipient.unit)).find((c) => c.sub === a.recipient.sub);
  const recipient: Recipient = { ...a.recipient, email: contact?.email, phone: contact?.phone };
  const reminder = buildAlert(eventOf(a), recipient, 'reminder', {
    now: p.clock.now(),
    today,
    calendar,
    channels: contact ? channelsOf(contact) : ['inbox'],
  });
  await keepAlert(p, reminder, p.clock.now());
}

export const alertDueHandler: DueItemHandler = async (p, item, { today, calendar }) => {
  const a = storedAlertOf(item);
  let changed = false;
  if (a.delivery.sms?.state === 'deferred') changed = (await deliverAlert(p, a)).sent > 0;
  const stillDeferred = a.delivery.sms?.state === 'deferred' && !changed;
  if (a.stage !== 'notice' || !a.next) {
    if (!stillDeferred) changed = (await p.alerts.advanceAlert(a, undefined, undefined)) || changed;
    return changed;
  }
  const decision = decideStep(a, today, calendar, await obligationSettled(p, a));
  const deferredOn = stillDeferred ? today : undefined;
  switch (decision.act) {
    case 'wait':
      return changed;
    case 'stop':
      return (await p.alerts.advanceAlert(a, undefined, deferredOn)) || changed;
    case 'reschedule':
      return (await p.alerts.advanceAlert(a, decision.next, deferredOn ?? decision.next?.on)) || changed;
    case 'remind':
      await remind(p, a, today, calendar);
      return (await p.alerts.advanceAlert(a, decision.next, deferredOn ?? decision.next?.on)) || changed;
    case 'escalate': {
      const written = await raiseAlerts(
        p,
        [{ ...eventOf(a), audience: decision.to }],
        'escalation',
        decision.level,
      );
      if (written > 0) {
        await p.audit.recordAudit({
          actor: 'sweeper',
          roles: ['system'],
          action: 'alert.escalate',
          target: `${a.subject.type === 'supervisionOrder' ? 'order' : a.subject.type}:${a.subject.id}`,
          at: p.clock.now().toISOString(),
          after: { to: decision.to, level: decision.level, deadline: a.deadline, kind: a.kind, from: a.id },
        });
      }
      return (await p.alerts.advanceAlert(a, decision.next, deferredOn ?? decision.next?.on)) || written > 0;
    }
  }
};
