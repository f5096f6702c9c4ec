/**
 * After the office loads a calendar year, every open case is derived again with the
 * new schedule (due dates, provisional flag, colour). Completed cases keep the figures
 * they were counted with. Reads the sparse open index, never the table.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '../domain/calendar/index.js';
import { buildCase, type CaseInput, type CaseRecord } from '../domain/cases/case.js';
import { standingOf } from '../domain/cases/standing.js';
import type { Platform } from '../platform.js';
import { caseItem } from '../store/cases.js';
import { keys } from '../store/keys.js';

const EXTRA_FIELDS = ['applicantPhoneHash', 'applicantPhoneMasked'] as const;

export async function recomputeOpenCases(p: Platform): Promise<number> {
  p.calendar.invalidate();
  const calendar = await p.calendar.calendar();
  const today = beijingDate(p.clock.now());
  let recomputed = 0;
  for (const partition of keys.openPartitions()) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const out: QueryCommandOutput = await p.store.doc.send(
        new QueryCommand({
          TableName: p.store.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) {
        if (item.type !== 'case') continue;
        const old = item as CaseRecord & Record<string, unknown>;
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
        try {
          await p.store.doc.send(
            new PutCommand({
              TableName: p.store.tableName,
              Item: caseItem(built.record, extra, standingOf(built.record, today, calendar)),
              ConditionExpression: 'contentHash = :h',
              ExpressionAttributeValues: { ':h': old.contentHash },
            }),
          );
          recomputed++;
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }
  return recomputed;
}
