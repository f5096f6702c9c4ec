/**
 * Staff alerts on DynamoDB Local, driven by the real stream dispatcher and sweeper: a
 * bad review reaches the department's duty clerk (inbox + outbox), once however often
 * the stream record is redelivered; a reminder one working day before the callback
 * deadline and an escalation to the office after it, none on a day off, none once the
 * callback is recorded; acknowledging stops the reminder; a department with no duty
 * contact falls back to the office; one department never sees another's inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let system: string;
const tokens = new Map<string, string>();
const at = '2026-11-20T02:00:00.000Z';

async function complete(caseId: string, serviceCode = 'FOOD') {
  const res = await t.call('POST', '/api/v1/cases:batch', {
    token: system,
    body: {
      cases: [
        {
          caseId,
          serviceCode,
          acceptedAt: '2026-11-16T09:00:00+08:00',
          completedAt: '2026-11-19T15:00:00+08:00',
          applicantPhone: '13912345678',
        },
      ],
    },
  });
  expect(res.status).toBe(200);
  tokens.set(caseId, new URL(res.body.results[0].ratingUrl).searchParams.get('t')!);
}

async function badReview(caseId: string) {
  const res = await t.call('POST', '/api/v1/ratings', {
    body: {
      caseId,
      token: tokens.get(caseId),
      score: 1,
      callback: { name: '王先生', phone: '13912345678', consent: true },
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const inbox = (sub: string) => t.platform.alerts.inboxOf(sub);

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  system = await t.token('system');
  const p = t.platform;
  await p.dutyRoster.setContact({
    unit: 'market',
    sub: 'clerk-market',
    name: '张三',
    role: 'duty',
    email: 'zhang@market.example',
    updatedAt: at,
    updatedBy: 'office-1',
  });
  await p.dutyRoster.setContact({
    unit: '@office',
    sub: 'office-1',
    name: '效能办',
    role: 'duty',
    email: 'office@wp.example',
    updatedAt: at,
    updatedBy: 'office-1',
  });
});
afterAll(() => t?.stop());

describe('a bad review', () => {
  it('puts one inbox item and one e-mail for the duty clerk, with the callback deadline, however often the stream repeats', async () => {
    await complete('A1');
    await badReview('A1');
    await t.drain();
    const items = await inbox('clerk-market');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'badReview', deadline: '2026-11-24', stage: 'notice' });
    expect(items[0]!.delivery.email?.state).toBe('sent');
    expect(items[0]!.recipient.email).toBeUndefined(); // erased once sent
    expect(await t.platform.alerts.unreadCount('clerk-market')).toBe(1);
    const mails = (await t.platform.outbox.recent()).filter((m) => m.reason === `alert:${items[0]!.id}`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('z***@market.example');
    // The rating's stream record again (a redelivery): nothing new.
    const rating = await t.platform.ratings.get('A1');
    const { dispatchRecords } = await import('../../functions/usecases/stream-dispatch.js');
    const { marshall } = await import('@aws-sdk/util-dynamodb');
    const image = marshall({ ...rating, type: 'rating' }, { removeUndefinedValues: true }) as never;
    const again = await dispatchRecords(t.platform, [
      { eventID: 'x1', eventName: 'INSERT', dynamodb: { NewImage: image, SequenceNumber: '1' } },
    ]);
    expect(again.batchItemFailures).toEqual([]);
    expect(await inbox('clerk-market')).toHaveLength(1);
    expect(await t.platform.alerts.unreadCount('clerk-market')).toBe(1);
  });
});
