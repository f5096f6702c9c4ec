/**
 * Who may make the platform text an applicant their rating link, and how often. The
 * SMS carries the government platform's name, so the recipient has to come from a
 * source that vouches for it: the upstream case systems (`system`), whose applicant
 * phone is the one the applicant registered with the service. A phone typed in by
 * department staff or the office is unverified — any cap would only ration how many
 * strangers they can text — so their cases are stored (phone hashed and masked) and
 * their rating link is handed over at the window from the batch answer, never by SMS.
 * Even the feed is held to a per-number daily cap, counted with a conditional counter
 * (the keyed phone hash, never the number), so a faulty or replayed feed cannot flood
 * one phone.
 */
import type { CaseRecord } from '../domain/cases/case.js';
import type { Principal } from '../domain/identity.js';
import { hashPhone } from '../domain/pii.js';
import { platform } from '../platform.js';
import { logger } from '../shared/powertools.js';
import { platformSecret } from '../shared/secrets.js';
import { notifyRatingInvitation } from './notifications.js';

/** Rating invitations one phone number may receive per day, whatever the cases. */
export const INVITATIONS_PER_NUMBER_PER_DAY = 3;

/** Only the upstream feed's cases are invited by SMS (see the module comment). */
export function invitesBySms(principal: Principal): boolean {
  return principal.roles.has('system');
}

/**
 * Text the applicant of a newly completed case its rating link, unless the number has
 * had its invitations for the day. Best effort: a capped or failed SMS never fails the
 * ingest, and the link is in the batch answer anyway.
 */
export async function inviteToRate(
  record: CaseRecord,
  applicantPhone: string | undefined,
  ratingUrl: string,
): Promise<void> {
  if (!applicantPhone) return;
  const p = platform();
  const bucket = `sms-invite:${hashPhone(await platformSecret(), applicantPhone)}`;
  const quota = await p.rateLimits.takeRateLimit(
    bucket,
    { windowSeconds: 86_400, limit: INVITATIONS_PER_NUMBER_PER_DAY },
    p.clock.now(),
  );
  if (!quota.allowed) {
    logger.warn('rating invitation not sent: number reached its daily cap', { caseId: record.caseId });
    return;
  }
  await notifyRatingInvitation(record, applicantPhone, ratingUrl);
}
