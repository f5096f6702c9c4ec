/**
 * The alert channels as real parts, on DynamoDB Local with the real stream dispatcher:
 * e-mail over SMTP (nodemailer) to the real local SMTP sink, SMS to the local HTTPS-style
 * gateway mock by registered template, both counting one delivery per id however often
 * the stream repeats or a killed sender's lease runs out; retries then parking after the
 * last try, with the address erased; the operator's kill switch and the daily cap; the
 * address sealed while it waits; the SMS's short link resolving to the item's page; and
 * the local outbox page listing what the sink and the gateway got.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AlertEvent, shortCodeOf } from '../../functions/domain/alerts/index.js';
import { alertConfig } from '../../functions/usecases/alerts/config.js';
import { sendEmail } from '../../functions/usecases/alerts/email.js';
import { raiseAlerts } from '../../functions/usecases/alerts/raise.js';
import { dispatchRecords } from '../../functions/usecases/stream-dispatch.js';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import { mountDevPages } from '../../infra/local/dev-pages.js';
import { type SmsGatewayMock, startSmsGatewayMock } from '../support/sms-gateway-mock.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
let sink: SmtpSink;
let gateway: SmsGatewayMock;
const PHONE = '13912345678';
const EMAIL = 'zhang@market.example';
let n = 0;

/** A supervision order issued to the market department (no deadline: a notice only). */
const orderIssued = (): AlertEvent => {
  const id = `O-${++n}`;
  return {
    kind: 'orderIssued',
    audience: 'department',
    departmentId: 'market',
    subject: { type: 'supervisionOrder', id },
    cause: `order:${id}:1`,
    severity: 'normal',
    params: { level: '1', title: `食品安全投诉处理督办 ${id}` },
  };
};

/** Raise one alert for the market clerk and return its stored form (before the stream delivers it). */
async function raise() {
  const e = orderIssued();
  expect(await raiseAlerts(t.platform, [e])).toBe(1);
  const [a] = await t.platform.alerts.alertsAbout('supervisionOrder', e.subject.id);
  return a!;
}

const get = async (id: string) => (await t.platform.alerts.getAlert(id))!;

beforeAll(async () => {
  sink = await startSmtpSink();
  gateway = await startSmsGatewayMock();
  process.env.WOODPECKER_SMTP_URL = sink.url;
  process.env.WOODPECKER_SMS_GATEWAY_URL = gateway.url;
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await t.platform.dutyRoster.setContact({
    unit: 'market',
    sub: 'clerk-market',
    name: '张三',
    role: 'duty',
    email: EMAIL,
    phone: PHONE,
    channels: ['email', 'sms'],
    updatedAt: '2026-11-20T02:00:00.000Z',
    updatedBy: 'office-1',
  });
});
afterEach(() => {
  delete process.env.WOODPECKER_SMS_DISABLED;
  delete process.env.WOODPECKER_SMS_DAILY_CAP;
});
afterAll(async () => {
  await t?.stop();
  await sink?.stop();
  await gateway?.stop();
});

describe('delivered once, counted where it arrives', () => {
  it('e-mail and SMS reach the sink and the gateway once, through a redelivered record and a killed sender', async () => {
    const a = await raise();
    // Waiting in the outbox, the address is sealed: no clear number or address on the item.
    expect(a.recipient.phone).toMatch(/^v1\./);
    expect(a.recipient.email).toMatch(/^v1\./);
    expect(JSON.stringify(a)).not.toContain(PHONE);
    expect(JSON.stringify(a)).not.toContain(EMAIL);
    await t.drain();
    const sent = await get(a.id);
    expect(sent.delivery.email?.state).toBe('sent');
    expect(sent.delivery.sms?.state).toBe('sent');
    expect(sent.recipient.email).toBeUndefined(); // erased once sent
    expect(sent.recipient.phone).toBeUndefined();
    expect(sink.deliveriesOf(a.id)).toBe(0); // the Message-ID is `<id@alerts.woodpecker>`
    const mail = sink.messages().find((m) => m.messageId === `${a.id}@alerts.woodpecker`)!;
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.subject).toContain('督办单');
    expect(mail.text).toContain(`/staff/inbox#a-${a.id}`);
    expect(sink.deliveriesOf(`<${a.id}@alerts.woodpecker>`)).toBe(1);
    expect(gateway.deliveriesOf(a.id)).toBe(1);
    const sms = gateway.messages().find((m) => m.id === a.id)!;
    expect(sms).toMatchObject({ to: PHONE, templateId: 'WP_STAFF_ALERT', signature: '【啄木鸟】' });
    expect([...sms.text].length).toBeLessThanOrEqual(70);

    // The alert's insert again (a redelivered stream record): nothing sent again.
    const again = await dispatchRecords(t.platform, [
      {
        eventID: 'again',
        eventName: 'INSERT',
        dynamodb: { NewImage: marshall({ ...a, type: 'alert' }) as never, SequenceNumber: '1' },
      },
    ]);
    expect(again.batchItemFailures).toEqual([]);
    expect(sink.arrivalsOf(`${a.id}@alerts.woodpecker`)).toBe(1);
    expect(gateway.arrivalsOf(a.id)).toBe(1);
  });

  it('a sender killed after sending: the next takes over when the lease runs out, and the sink counts one', async () => {
    const b = await raise();
    // Sender A claimed the e-mail, sent it and died before recording it.
    expect(await t.platform.alerts.claimDelivery(b.id, 'email', t.clock.now(), 60_000)).toBe(true);
    await sendEmail(alertConfig(), { id: b.id, to: EMAIL, subject: 'first try', text: 'x' });
    t.clock.set('2026-11-20T10:05:00+08:00');
    await t.drain();
    const done = await get(b.id);
    expect(done.delivery.email).toMatchObject({ state: 'sent', attempts: 2 });
    const messageId = `${b.id}@alerts.woodpecker`;
    expect(sink.arrivalsOf(messageId)).toBe(2);
    expect(sink.deliveriesOf(messageId)).toBe(1);
    expect(sink.messages().filter((m) => m.messageId === messageId)).toHaveLength(1);
  });
});

describe('retries and parking', () => {
  it('a gateway failing once: sent on the retry, one delivery', async () => {
    gateway.failNext(1);
    const a = await raise();
    await t.drain();
    expect((await get(a.id)).delivery.sms?.state).toBe('sent');
    expect(gateway.arrivalsOf(a.id)).toBe(2);
    expect(gateway.deliveriesOf(a.id)).toBe(1);
  });

  it('a gateway failing every try: parked as failed after the last, the number erased, e-mail unaffected', async () => {
    gateway.failNext(3);
    const a = await raise();
    await t.drain();
    const parked = await get(a.id);
    expect(parked.delivery.sms).toMatchObject({ state: 'failed', error: expect.stringContaining('503') });
    expect(parked.recipient.phone).toBeUndefined();
    expect(parked.delivery.email?.state).toBe('sent');
    expect(gateway.arrivalsOf(a.id)).toBe(3);
    expect(gateway.deliveriesOf(a.id)).toBe(0);
    // Parked stays parked: a later redelivery or sweep does not try again on its own.
    await sweep(t.platform);
    await t.drain();
    expect(gateway.arrivalsOf(a.id)).toBe(3);
  });
});

describe('the operator’s controls', () => {
  it('the kill switch parks SMS without sending; e-mail still goes', async () => {
    process.env.WOODPECKER_SMS_DISABLED = '1';
    const a = await raise();
    await t.drain();
    const off = await get(a.id);
    expect(off.delivery.sms).toMatchObject({ state: 'failed', error: expect.stringContaining('operator') });
    expect(off.recipient.phone).toBeUndefined();
    expect(off.delivery.email?.state).toBe('sent');
    expect(gateway.arrivalsOf(a.id)).toBe(0);
  });

  it('the daily cap holds the text over beyond it, sealed, and the next day’s sweep sends it', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00'); // a fresh Beijing day: its counter is empty
    process.env.WOODPECKER_SMS_DAILY_CAP = '1';
    const first = await raise();
    const second = await raise();
    await t.drain();
    const states = [(await get(first.id)).delivery.sms?.state, (await get(second.id)).delivery.sms?.state];
    expect(states.sort()).toEqual(['deferred', 'sent']);
    const held = (await get(first.id)).delivery.sms?.state === 'deferred' ? first : second;
    expect((await get(held.id)).recipient.phone).toMatch(/^v1\./);
    expect(gateway.arrivalsOf(held.id)).toBe(0);
    await sweep(t.platform); // the same day: still over the cap
    expect((await get(held.id)).delivery.sms?.state).toBe('deferred');
    t.clock.set('2026-11-24T10:00:00+08:00');
    await sweep(t.platform);
    await sweep(t.platform); // a re-run sends nothing twice
    expect((await get(held.id)).delivery.sms?.state).toBe('sent');
    expect(gateway.arrivalsOf(held.id)).toBe(1);
  });
});

describe('the SMS short link', () => {
  it('resolves to the page of the item; unknown and malformed codes are 404', async () => {
    const a = await raise();
    await t.drain();
    const sms = gateway.messages().find((m) => m.id === a.id)!;
    const link = new URL(sms.params.link!);
    expect(link.pathname).toBe(`/s/${shortCodeOf(a.id)}`);
    expect(sms.text.endsWith(link.href)).toBe(true);
    const res = await t.call('GET', link.pathname);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/staff/orders/${a.subject.id}`);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect((await t.call('GET', '/s/zzzzzzzz')).status).toBe(404);
    expect((await t.call('GET', '/s/..%2F..')).status).toBe(404);
  });
});

describe('the local outbox page', () => {
  it('lists what the sink and the gateway received, masked', async () => {
    const app = new Hono();
    mountDevPages(app, { sink, gateway });
    const res = await app.request('/dev/outbox');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('z***@market.example');
    expect(page).toContain('139****5678');
    expect(page).not.toContain(PHONE);
    expect(page).toContain('督办单');
  });
});
