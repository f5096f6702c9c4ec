/**
 * Whether the obligation behind a notice is met, by its subject's current state: the
 * callback of a bad review recorded, a critique answered, an order responded to or
 * closed, a case completed. A met obligation is neither reminded nor escalated.
 */
import type { Alert } from '../../domain/alerts/index.js';
import { awaitingAnswer } from '../../domain/critiques/model.js';
import { callbackDone } from '../../domain/ratings/rating.js';
import { AWAITING_RESPONSE } from '../../domain/supervision/order.js';
import type { Platform } from '../../platform.js';

export async function obligationSettled(p: Platform, a: Pick<Alert, 'subject' | 'kind'>): Promise<boolean> {
  const { type, id } = a.subject;
  if (type === 'rating') {
    const r = await p.ratings.get(id);
    return !r || r.excluded || callbackDone(r);
  }
  if (type === 'critique') {
    const c = await p.critiques.get(id);
    return !c || !awaitingAnswer(c);
  }
  if (type === 'supervisionOrder') {
    const o = await p.orders.getOrder(id);
    return !o || !AWAITING_RESPONSE.includes(o.status);
  }
  const c = await p.cases.getCase(id);
  return !c || c.status === 'completed';
}
