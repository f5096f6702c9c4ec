/**
 * The window rating device (评价器): a tablet at one window, bound by an office-issued
 * device key to that window and its staff member. It offers the latest completed,
 * not yet rated case handled there, and rates it through the keyed channel
 * (channel-rating.ts), so the rating is `window-device` and the offline set.
 */

import type { Platform } from '../../platform.js';

/** How many of a department's latest cases a device looks through (one page, whatever the department's size). */
const RECENT_CASES_SCANNED = 50;

import { type CaseFacts, caseFactsOf } from './case-facts.js';
import type { ChannelKey } from './channel-keys.js';
import { verifyChannelKey } from './channel-keys.js';

/** The live device key a tablet holds, or undefined (any other key, revoked, unknown). */
export async function deviceKeyOf(p: Platform, apiKey: string | undefined): Promise<ChannelKey | undefined> {
  if (!apiKey) return undefined;
  const key = await verifyChannelKey(p, apiKey);
  return key?.scope.ratingChannel === 'window-device' ? key : undefined;
}

/** The case the device offers next: the latest completed case of its window and staff member not yet rated. */
export async function nextDeviceCase(p: Platform, key: ChannelKey): Promise<CaseFacts | undefined> {
  const { departmentId, windowId, staffId } = key.scope;
  const recent = await p.cases.recentCasesOfDepartment(departmentId, RECENT_CASES_SCANNED);
  const candidates = recent
    .filter((c) => c.status === 'completed' && c.windowId === windowId && c.staffId === staffId)
    .sort((a, b) => String(b.completedAt).localeCompare(String(a.completedAt)));
  const rated = await p.ratings.ratedAmong(candidates.map((c) => c.caseId));
  const next = candidates.find((c) => !rated.has(c.caseId));
  return next ? caseFactsOf(p, next.caseId) : undefined;
}
