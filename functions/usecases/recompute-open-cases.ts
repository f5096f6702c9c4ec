/**
 * After the office loads a calendar year, every open case is derived again with the
 * new schedule (due dates, provisional flag, colour). Completed cases keep the figures
 * they were counted with. Reads the sparse open index, never the table.
 */

import { beijingDate } from '../domain/calendar/index.js';
import { buildCase, type CaseInput } from '../domain/cases/case.js';
import { standingOf } from '../domain/cases/standing.js';
import type { Platform } from '../platform.js';

const EXTRA_FIELDS = ['applicantPhoneHash', 'applicantPhoneMasked'] as const;

export async function recomputeOpenCases(p: Platform): Promise<number> {
  p.calendar.invalidate();
  const calendar = await p.calendar.calendar();
  const today = beijingDate(p.clock.now());
  let recomputed = 0;
  for (const old of await p.cases.openCaseItems()) {
    const input: CaseInput = {
      caseId: old.caseId,
      serviceCode: old.serviceCode,
      acceptedAt: old.acceptedAt,
      completedAt: old.completedAt,
      suspensions: old.suspensions,
      windowId: old.windowId,
      staffId: old.staffId,
      channel: old.channel,
      updatedAt: old.updatedAt,
    };
    const built = buildCase(input, {
      today,
      departmentId: old.departmentId,
      district: old.district,
      limits: [
        { effectiveFrom: '1900-01-01', statutoryDays: old.statutoryDays, promisedDays: old.promisedDays },
      ],
      calendar,
    });
    if (!built.ok) continue;
    const extra = Object.fromEntries(EXTRA_FIELDS.filter((f) => f in old).map((f) => [f, old[f]]));
    const standing = standingOf(built.record, today, calendar);
    if (await p.cases.replaceUnchanged(built.record, extra, standing, old.contentHash)) recomputed++;
  }
  return recomputed;
}
