/**
 * The console's resend of a parked delivery: back to pending with the recipient's
 * current address from the duty roster, sealed; the stream then hands the change to the
 * sender as it did the first time (functions/usecases/alerts/stream.ts), under the same
 * id, so the sink or gateway that got an earlier try counts it once.
 */
import type { Platform } from '../../platform.js';
import type { DeliveryChannel } from '../../store/alerts.js';
import { sealAddress } from './seal.js';

/** 'resent', or why not: the alert is unknown, not parked on that channel, or its recipient has no address now. */
export async function resendDelivery(
  p: Platform,
  id: string,
  channel: DeliveryChannel,
): Promise<'resent' | 'not_found' | 'not_parked' | 'no_address'> {
  const a = await p.alerts.getAlert(id);
  if (!a) return 'not_found';
  if (a.delivery[channel]?.state !== 'failed') return 'not_parked';
  const contact = (await p.dutyRoster.contactsOf(a.recipient.unit)).find((c) => c.sub === a.recipient.sub);
  const address = channel === 'email' ? contact?.email : contact?.phone;
  if (!address) return 'no_address';
  return (await p.alerts.resetDelivery(id, channel, await sealAddress(address))) ? 'resent' : 'not_parked';
}
