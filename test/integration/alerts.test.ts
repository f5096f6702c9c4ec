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

describe('reminders and escalation on working days', () => {
  const kinds = async (sub: string) => (await inbox(sub)).map((a) => `${a.stage}:${a.subject.id}`).sort();
  const day = async (iso: string) => {
    t.clock.set(iso);
    await sweep(t.platform);
    await sweep(t.platform); // a re-run sends nothing twice
    await t.drain();
  };

  it('one reminder the working day before, one escalation to the office after; none on the weekend, none for work done, no reminder once acknowledged', async () => {
    t.clock.set('2026-11-20T10:00:00+08:00');
    for (const id of ['B1', 'B2', 'B3']) {
      await complete(id);
      await badReview(id);
    }
    await t.drain();
    const b3 = (await inbox('clerk-market')).find((a) => a.subject.id === 'B3')!;
    expect(await t.platform.alerts.acknowledgeAlert(b3.id, 'clerk-market', at)).toBe(true);
    expect(await t.platform.alerts.acknowledgeAlert(b3.id, 'clerk-market', at)).toBe(false);
    expect(await t.platform.alerts.acknowledgeAlert(b3.id, 'clerk-housing', at)).toBe(false);
    const before = await kinds('clerk-market');

    await day('2026-11-21T10:00:00+08:00'); // Saturday
    await day('2026-11-22T10:00:00+08:00'); // Sunday
    expect(await kinds('clerk-market')).toEqual(before);

    // B2's callback is recorded on Monday morning before the sweep.
    t.clock.set('2026-11-23T08:30:00+08:00');
    const market = await t.token('department', 'market');
    const cb = await t.call('POST', '/api/v1/staff/reviews/B2/callback', {
      token: market,
      body: { at: '2026-11-23T08:00:00+08:00', outcome: 'resolved' },
    });
    expect(cb.status).toBe(200);
    await day('2026-11-23T09:00:00+08:00'); // Monday: one working day before Tuesday's deadline
    const monday = await kinds('clerk-market');
    expect(monday.filter((k) => k.startsWith('reminder:'))).toEqual(['reminder:A1', 'reminder:B1']);
    const reminder = (await inbox('clerk-market')).find(
      (a) => a.stage === 'reminder' && a.subject.id === 'B1',
    )!;
    expect(reminder.delivery.email?.state).toBe('sent');

    await day('2026-11-24T09:00:00+08:00'); // Tuesday: the deadline itself
    expect(await kinds('clerk-market')).toEqual(monday);
    const officeBefore = await kinds('office-1');
    await day('2026-11-25T09:00:00+08:00'); // Wednesday: breached
    const escalated = (await kinds('office-1')).filter((k) => !officeBefore.includes(k));
    expect(escalated).toEqual(['escalation:A1', 'escalation:B1', 'escalation:B3']); // B2 was called back
    const trail = await t.platform.audit.auditOf('rating:B1');
    expect(trail.filter((e) => e.action === 'alert.escalate')).toHaveLength(1);
    expect(
      (await t.platform.audit.auditOf('rating:B2')).filter((e) => e.action === 'alert.escalate'),
    ).toEqual([]);
    // No status changed: the review is still the department's to call back.
    expect((await t.platform.ratings.get('B1'))?.callback).toBeUndefined();
    await day('2026-11-26T09:00:00+08:00'); // next level: the inspectors, none on the roster
    expect((await kinds('office-1')).filter((k) => !officeBefore.includes(k))).toEqual(escalated);
    expect((await t.platform.alerts.getAlert(b3.id))?.next).toBeUndefined();
  });
});
