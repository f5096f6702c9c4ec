import { describe, expect, it } from 'vitest';
import {
  type Alert,
  alertEventsOf,
  alertId,
  alertTitle,
  buildAlert,
  type DutyContact,
  decideStep,
  fillSmsTemplate,
  firstStep,
  inQuietHours,
  nextWorkingDay,
  OFFICE_UNIT,
  parseQuietHours,
  previousWorkingDay,
  recipientsFor,
  SMS_TEMPLATES,
  shortCodeOf,
  shortLinkOf,
  smsAllowedNow,
  smsMessage,
  smsTemplateById,
  subjectPath,
} from '../../functions/domain/alerts/index.js';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';

const calendar = defaultCalendar();

const badRating = {
  type: 'rating',
  caseId: 'C1',
  departmentId: 'market',
  bad: true,
  score: 1,
  callbackRequired: true,
  callbackDueDate: '2026-11-24',
  excluded: false,
};

describe('who is told what', () => {
  it('a new bad review tells the department with its callback deadline, once', () => {
    const [e, ...rest] = alertEventsOf(undefined, badRating);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      kind: 'badReview',
      audience: 'department',
      departmentId: 'market',
      deadline: '2026-11-24',
    });
    // The same review changed later (a callback recorded) causes nothing new.
    expect(alertEventsOf(badRating, { ...badRating, callback: { at: 'x' } })).toEqual([]);
    expect(alertEventsOf(undefined, { ...badRating, bad: false, score: 4 })).toEqual([]);
  });

  it('an appeal tells the office; a serious case tells the department and the inspectors', () => {
    const appealed = { ...badRating, appeal: { filedAt: '2026-11-21T01:00:00Z' } };
    expect(alertEventsOf(badRating, appealed).map((e) => [e.kind, e.audience])).toEqual([
      ['appealFiled', 'office'],
    ]);
    const c = { type: 'case', caseId: 'K', departmentId: 'housing', status: 'open' };
    expect(
      alertEventsOf({ ...c, warning: 'yellow' }, { ...c, warning: 'serious' }).map((e) => e.audience),
    ).toEqual(['department', 'inspector']);
    expect(alertEventsOf({ ...c, warning: 'red' }, { ...c, warning: 'yellow' })).toEqual([]);
  });

  it('orders: issued and escalated tell the department; overdue the office and the inspectors', () => {
    const o = {
      type: 'supervisionOrder',
      id: 'O1',
      departmentId: 'market',
      status: 'issued',
      level: 1,
      deadline: '2026-11-27',
      title: 'T',
    };
    expect(alertEventsOf(undefined, o)[0]).toMatchObject({ kind: 'orderIssued', deadline: '2026-11-27' });
    const esc = { ...o, status: 'escalated', level: 2, deadline: '2026-12-04' };
    expect(alertEventsOf(o, esc)[0]!.cause).not.toBe(alertEventsOf(undefined, o)[0]!.cause);
    expect(alertEventsOf(o, { ...o, overdue: true }).map((e) => e.kind)).toEqual([
      'orderOverdue',
      'orderUnanswered',
    ]);
  });

  it('critiques routed or reopened tell the department they are assigned to', () => {
    const c = { type: 'critique', trackingCode: 'WP-1', status: 'accepted', updatedAt: 'a' };
    const routed = {
      ...c,
      status: 'routed',
      assignedDepartmentId: 'housing',
      replyDue: '2026-11-27',
      updatedAt: 'b',
    };
    expect(alertEventsOf(c, routed)[0]).toMatchObject({ kind: 'critiqueRouted', departmentId: 'housing' });
    expect(alertEventsOf(routed, { ...routed, status: 'reopened', updatedAt: 'c' })[0]!.kind).toBe(
      'critiqueReopened',
    );
  });
});

describe('recipients', () => {
  const contact = (unit: string, sub: string, role: 'duty' | 'deputy'): DutyContact => ({
    unit,
    sub,
    name: sub,
    role,
    updatedAt: '',
    updatedBy: '',
  });
  it('duty contacts, else deputies, else the office marked as fallback', async () => {
    const roster: Record<string, DutyContact[]> = {
      market: [contact('market', 'a', 'duty'), contact('market', 'b', 'deputy')],
      housing: [contact('housing', 'c', 'deputy')],
      [OFFICE_UNIT]: [contact(OFFICE_UNIT, 'o', 'duty')],
    };
    const read = async (u: string) => roster[u] ?? [];
    expect((await recipientsFor('department', 'market', read)).recipients.map((r) => r.sub)).toEqual(['a']);
    expect((await recipientsFor('department', 'housing', read)).recipients.map((r) => r.sub)).toEqual(['c']);
    const none = await recipientsFor('department', 'tax', read);
    expect(none.recipients).toEqual([expect.objectContaining({ sub: 'o', fallback: true })]);
    expect((await recipientsFor('inspector', 'tax', read)).recipients).toEqual([]);
  });
});

describe('ids', () => {
  it('the same cause, stage, kind, recipient and deadline give the same id; any change another', () => {
    const base = {
      cause: 'rating:C1',
      stage: 'notice',
      kind: 'badReview',
      recipient: 'sub-1',
      deadline: '2026-11-24',
    };
    expect(alertId(base)).toBe(alertId({ ...base }));
    expect(alertId(base)).toMatch(/^[0-9a-f]{32}$/);
    for (const k of Object.keys(base) as (keyof typeof base)[])
      expect(alertId({ ...base, [k]: `${base[k]}x` })).not.toBe(alertId(base));
  });
});

describe('working-day schedule', () => {
  it('finds working days around weekends and holidays (调休 included)', () => {
    expect(previousWorkingDay('2026-11-23', calendar)).toBe('2026-11-20');
    expect(nextWorkingDay('2026-11-20', calendar)).toBe('2026-11-23');
    expect(previousWorkingDay('2026-10-08', calendar)).toBe('2026-09-30');
    expect(nextWorkingDay('2026-10-09', calendar)).toBe('2026-10-10');
  });

  const notice = (over: Partial<Alert> = {}) => {
    const event = alertEventsOf(undefined, badRating)[0]!;
    const r = { sub: 's', name: 'n', unit: 'market', fallback: false };
    return {
      ...buildAlert(event, r, 'notice', { now: new Date(), today: '2026-11-20', calendar, channels: [] }),
      ...over,
    };
  };

  it('reminds one working day before, escalates to the office then the inspectors after', () => {
    const a = notice();
    expect(a.next).toEqual({ step: 'reminder', on: '2026-11-23', level: 0 });
    expect(decideStep(a, '2026-11-22', calendar, false)).toEqual({ act: 'wait' });
    const r = decideStep(a, '2026-11-23', calendar, false);
    expect(r).toEqual({ act: 'remind', next: { step: 'escalation', on: '2026-11-25', level: 1 } });
    const e1 = decideStep(
      { ...a, next: r.act === 'remind' ? r.next : undefined },
      '2026-11-25',
      calendar,
      false,
    );
    expect(e1).toMatchObject({
      act: 'escalate',
      to: 'office',
      level: 1,
      next: { on: '2026-11-26', level: 2 },
    });
    const e2 = decideStep(
      { ...a, next: { step: 'escalation', on: '2026-11-26', level: 2 } },
      '2026-11-26',
      calendar,
      false,
    );
    expect(e2).toMatchObject({ act: 'escalate', to: 'inspector', level: 2, next: undefined });
    expect(decideStep(a, '2026-11-25', calendar, true)).toEqual({ act: 'stop' });
  });

  it('nothing on a day off; an acknowledged alert gets no reminder but still escalates', () => {
    const a = notice({ next: { step: 'escalation', on: '2026-11-20', level: 1 } });
    expect(decideStep(a, '2026-11-21', calendar, false)).toEqual({ act: 'wait' });
    const acked = notice({ ackedAt: '2026-11-20T03:00:00Z' });
    expect(decideStep(acked, '2026-11-23', calendar, false)).toEqual({
      act: 'reschedule',
      next: { step: 'escalation', on: '2026-11-25', level: 1 },
    });
    expect(firstStep({ ...acked, deadline: '2026-11-20' }, '2026-11-20', calendar)).toMatchObject({
      step: 'escalation',
    });
  });
});

describe('SMS', () => {
  it('quiet hours on the Beijing clock, wrapping midnight; serious items exempt', () => {
    expect(inQuietHours(new Date('2026-11-20T14:30:00Z'))).toBe(true); // 22:30 Beijing
    expect(inQuietHours(new Date('2026-11-20T23:59:00Z'))).toBe(true); // 07:59
    expect(inQuietHours(new Date('2026-11-21T00:00:00Z'))).toBe(false); // 08:00
    expect(smsAllowedNow(new Date('2026-11-20T14:30:00Z'), true)).toBe(true);
    const lunch = parseQuietHours('12:00-13:30')!;
    expect(inQuietHours(new Date('2026-11-20T05:00:00Z'), lunch)).toBe(true);
    expect(parseQuietHours('25:00-01:00')).toBeUndefined();
  });

  it('fits one 70-character segment with the signature and short link, in Chinese and English', () => {
    const a = {
      kind: 'orderIssued' as const,
      stage: 'reminder' as const,
      params: { level: '1', title: '很长的标题'.repeat(20) },
    };
    const link = shortLinkOf('https://wp.hangzhou.gov.cn/', '0123456789abcdef0123456789abcdef');
    expect(link).toMatch(/^https:\/\/wp\.hangzhou\.gov\.cn\/s\/[0-9a-z]{8}$/);
    for (const lang of ['zh', 'en'] as const) {
      const m = smsMessage(alertTitle(a, lang), link, { lang, signature: '【啄木鸟】' });
      expect([...m.text].length).toBeLessThanOrEqual(70);
      expect(m.text.startsWith('【啄木鸟】')).toBe(true);
      expect(m.text.endsWith(link)).toBe(true);
      expect(m.templateId).toBe(SMS_TEMPLATES[lang].id);
      // What a gateway renders from the registered template is what SNS is given.
      expect(`【啄木鸟】${fillSmsTemplate(smsTemplateById(m.templateId)!, m.params)}`).toBe(m.text);
    }
    const short = smsMessage('办件 X 黄牌预警', link, { lang: 'zh', signature: '【某市政务】' });
    expect(short.params.title).toBe('办件 X 黄牌预警');
    expect(
      smsMessage('t', link, { lang: 'zh', signature: '【啄木鸟】', templateId: 'CITY_1' }).templateId,
    ).toBe('CITY_1');
  });

  it('short codes: eight base-36 characters from the id, stable; links open the item’s console page', () => {
    const id = 'ffffffffff0000000000000000000000';
    expect(shortCodeOf(id)).toMatch(/^[0-9a-z]{8}$/);
    expect(shortCodeOf(id)).toBe(shortCodeOf(`${id.slice(0, 10)}${'1'.repeat(22)}`));
    expect(shortCodeOf('0000000001' + '0'.repeat(22))).toBe('00000001');
    expect(subjectPath({ type: 'rating', id: 'C-1' })).toBe('/staff/reviews/C-1');
    expect(subjectPath({ type: 'supervisionOrder', id: 'o/1' })).toBe('/staff/orders/o%2F1');
    expect(fillSmsTemplate(SMS_TEMPLATES.zh, { title: 'x' })).toBeUndefined();
  });
});
