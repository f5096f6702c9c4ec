/**
 * Case ingest (`POST /api/v1/cases:batch` and `npm run import:cases`): each case is
 * validated and written on its own, so one bad row never loses the good ones; a case
 * id repeated in a batch is applied in order. The answer lists each case's outcome.
 *
 * Department staff may create cases only of their own services and replace only cases
 * stored in their own department: the service decides the first, the write's own
 * condition the second (pinned to the department, so a race cannot move a case). A
 * rating link is issued only from the case as stored — never from a request that was
 * refused or lost to a newer state — and only the upstream feed's cases are invited by
 * SMS (functions/usecases/rating-invitations.ts).
 */
import * as z from 'zod/mini';
import { beijingDate } from '../domain/calendar/index.js';
import type { CaseInput, CaseRecord } from '../domain/cases/case.js';
import { buildCase } from '../domain/cases/case.js';
import { standingOf } from '../domain/cases/standing.js';
import { canWriteCasesOf, hasRole, type Principal } from '../domain/identity.js';
import { hashPhone, maskPhone } from '../domain/pii.js';
import type { IngestStatus } from '../domain/ports.js';
import { issueRatingToken } from '../domain/rating-token.js';
import { describeIssues } from '../domain/schemas.js';
import type { Platform } from '../platform.js';
import { readConfig } from '../shared/config.js';
import { platformSecret } from '../shared/secrets.js';
import { caseInputSchema } from './case-schema.js';
import { invitesBySms, inviteToRate } from './rating-invitations.js';

export { MAX_BATCH } from './case-schema.js';

const CONCURRENCY = 16;

export interface IngestResult {
  caseId: string;
  status: IngestStatus | 'rejected';
  error?: { code: 'invalid_request' | 'forbidden' | 'not_found'; message: string };
  ratingUrl?: string;
}

/**
 * Hooks for what happens after a case is stored (rating invitations). `onCompleted`
 * runs for newly completed cases of callers trusted to have the applicant's phone
 * (`invitesBySms`), never for department or office entries.
 */
export interface IngestHooks {
  onCompleted?: (record: CaseRecord, applicantPhone: string | undefined, ratingUrl: string) => Promise<void>;
}

export function ratingUrlOf(caseId: string, token: string): string {
  return `${readConfig().publicBaseUrl}/rate/${encodeURIComponent(caseId)}?t=${token}`;
}

export async function ingestCases(
  p: Platform,
  principal: Principal,
  rows: unknown[],
  hooks: IngestHooks = {},
): Promise<IngestResult[]> {
  const calendar = await p.calendar.calendar();
  const today = beijingDate(p.clock.now());
  const secret = await platformSecret();
  const services = new Map<string, ReturnType<typeof p.catalogue.getService>>();
  const departments = new Map<string, ReturnType<typeof p.catalogue.getDepartment>>();
  const serviceOf = (code: string) => {
    if (!services.has(code)) services.set(code, p.catalogue.getService(code));
    return services.get(code)!;
  };
  const departmentOf = (id: string) => {
    if (!departments.has(id)) departments.set(id, p.catalogue.getDepartment(id));
    return departments.get(id)!;
  };

  const one = async (row: unknown): Promise<IngestResult> => {
    const rawId = (row as { caseId?: unknown } | null)?.caseId;
    const parsed = z.safeParse(caseInputSchema, row);
    if (!parsed.success) {
      return {
        caseId: typeof rawId === 'string' ? rawId : '',
        status: 'rejected',
        error: { code: 'invalid_request', message: describeIssues(parsed.error).join('; ') },
      };
    }
    const input: CaseInput = parsed.data;
    const reject = (code: 'invalid_request' | 'forbidden' | 'not_found', message: string): IngestResult => ({
      caseId: input.caseId,
      status: 'rejected',
      error: { code, message },
    });
    const service = await serviceOf(input.serviceCode);
    if (!service) return reject('not_found', `Unknown service code ${input.serviceCode}.`);
    const departmentId = service.service.departmentId;
    if (!canWriteCasesOf(principal, departmentId)) {
      return reject('forbidden', `You may not write cases of department ${departmentId}.`);
    }
    const department = await departmentOf(departmentId);
    const built = buildCase(input, {
      today,
      departmentId,
      district: department?.district,
      limits: service.limits,
      calendar,
    });
    if (!built.ok) return reject('invalid_request', built.errors.join('; '));
    const extra = input.applicantPhone
      ? {
          applicantPhoneHash: hashPhone(secret, input.applicantPhone),
          applicantPhoneMasked: maskPhone(input.applicantPhone),
        }
      : {};
    // The office and the upstream feed act for every department; anyone else writes
    // pinned to the department of the service, which must also be the stored case's.
    const storedIn = hasRole(principal, 'office', 'system') ? undefined : departmentId;
    const outcome = await p.cases.putCase(built.record, extra, standingOf(built.record, today, calendar), {
      storedIn,
    });
    if (outcome.status === 'foreign') {
      return reject(
        'forbidden',
        `Case ${input.caseId} is held by another department; you may update only your department's cases.`,
      );
    }
    const result: IngestResult = { caseId: input.caseId, status: outcome.status };
    const { stored } = outcome;
    if (
      stored.status === 'completed' &&
      stored.completedAt &&
      canWriteCasesOf(principal, stored.departmentId)
    ) {
      const token = issueRatingToken(
        secret,
        input.caseId,
        new Date(stored.completedAt),
        readConfig().ratingTokenDays,
      );
      result.ratingUrl = ratingUrlOf(input.caseId, token);
      const newlyCompleted =
        (outcome.status === 'created' || outcome.status === 'updated') &&
        outcome.previousStatus !== 'completed';
      if (newlyCompleted && hooks.onCompleted && invitesBySms(principal))
        await hooks.onCompleted(built.record, input.applicantPhone, result.ratingUrl);
    }
    return result;
  };

  // Rows of the same case run in order; different cases run concurrently.
  const byCase = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const id = (row as { caseId?: unknown } | null)?.caseId;
    const key = typeof id === 'string' ? id : `\u0000${i}`;
    byCase.set(key, [...(byCase.get(key) ?? []), i]);
  });
  const results: IngestResult[] = new Array(rows.length);
  const queues = [...byCase.values()];
  let next = 0;
  const worker = async () => {
    while (next < queues.length) {
      const queue = queues[next++]!;
      for (const i of queue) results[i] = await one(rows[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queues.length) }, worker));
  return results;
}

/**
 * One batch of `POST /api/v1/cases:batch`: every case ingested (completed feed cases
 * invited to rate), and the batch's counts by outcome in the audit trail.
 */
export async function ingestCaseBatch(
  p: Platform,
  who: Principal,
  rows: unknown[],
): Promise<{ results: IngestResult[]; counts: Record<string, number> }> {
  const results = await ingestCases(p, who, rows, { onCompleted: inviteToRate });
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'cases.batch',
    target: `batch:${who.subject}`,
    after: counts,
  });
  return { results, counts };
}
