/**
 * The sweeper's handler for supervision orders: an order still awaiting the
 * department's response sits in the open-and-due index from the day after its
 * deadline; on that day the sweeper flags it overdue (a conditional write on the
 * revision read, so a response saved meanwhile wins) and takes it off the index, and
 * the flag goes into the order's audit trail. Callbacks, rectifications and critique
 * replies are flagged by their own features' handlers (`rating`, `critique`), which
 * the supervision views read.
 */
import { sweepOrder } from '../../domain/supervision/order.js';
import { orderOf } from '../../store/supervision.js';
import type { DueItemHandler } from '../due-item-handler.js';

export const orderDueHandler: DueItemHandler = async (p, item, { today }) => {
  const order = orderOf(item);
  const now = p.clock.now();
  const swept = sweepOrder(order, today, now);
  if (!swept) return false;
  if (!(await p.orders.saveOrder(swept, order.rev))) return false;
  await p.audit.recordAudit({
    actor: 'sweeper',
    roles: ['system'],
    action: 'supervision.order.overdue',
    target: `order:${order.id}`,
    at: now.toISOString(),
    before: { rev: order.rev, status: order.status, overdue: false, deadline: order.deadline },
    after: { rev: swept.rev, status: swept.status, overdue: true, overdueSince: swept.overdueSince },
  });
  return true;
};
