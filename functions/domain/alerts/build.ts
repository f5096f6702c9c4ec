/**
 * An alert from an event, a recipient and a stage: its deterministic id, the channels
 * the recipient's contact takes, and for a notice with a deadline its first sweeper step.
 */
import type { IsoDate, WorkCalendar } from '../calendar/index.js';
import { alertId } from './message-id.js';
import type { Alert, AlertEvent, AlertStage, Channel, Recipient } from './model.js';
import { firstStep } from './schedule.js';

export function buildAlert(
  event: AlertEvent,
  recipient: Recipient,
  stage: AlertStage,
  ctx: { now: Date; today: IsoDate; calendar: WorkCalendar; channels: readonly Channel[]; level?: number },
): Alert {
  const id = alertId({
    cause: event.cause,
    stage: ctx.level ? `${stage}${ctx.level}` : stage,
    kind: event.kind,
    recipient: recipient.sub,
    deadline: event.deadline,
  });
  const channels = ctx.channels.filter(
    (c) => (c === 'email' && recipient.email) || (c === 'sms' && recipient.phone),
  );
  const alert: Alert = { ...event, id, stage, recipient, createdAt: ctx.now.toISOString(), channels };
  const next = firstStep(alert, ctx.today, ctx.calendar);
  return next ? { ...alert, next } : alert;
}
