import { describe, expect, it } from 'vitest';
import { principalFromGroups } from '../../functions/domain/identity.js';
import { parsePeriod } from '../../functions/domain/rankings/period.js';
import { badReviewRow, critiqueRow, excerpt } from '../../functions/domain/supervision/follow-ups.js';
import {
  closeOrder,
  escalateOrder,
  issueOrder,
  orderNextDue,
  respondToOrder,
  type SupervisionOrder,
  sweepOrder,
} from '../../functions/domain/supervision/order.js';
import { buildReport, reportCsvRows } from '../../functions/domain/supervision/report.js';
import {
  ageBucketOf,
  type BoardCase,
  filterBoard,
  summariseBoard,
} from '../../functions/domain/supervision/warnings-board.js';

const inspector = principalFromGroups('insp', ['inspector']);
const office = principalFromGroups('off', ['office']);
const market = principalFromGroups('mkt', ['dept:market']);
const housing = principalFromGroups('hou', ['dept:housing']);
const now = new Date('2026-11-20T02:00:00Z');

function issued(): SupervisionOrder {
  const t = issueOrder(
    {
      id: 'DB1',
      targetType: 'case',
      targetId: 'C1',
      departmentId: 'market',
      title: '督办',
      instructions: '请办结',
      deadline: '2026-11-25',
    },
    inspector,
    now,
    '2026-11-20',
  );
  if (!t.ok) throw new Error(t.message);
  return t.order;
}

describe('supervision order transitions', () => {
  it('issues as inspectors only, never with a past deadline', () => {
    expect(issued()).toMatchObject({ status: 'issued', level: 1, overdue: false, rev: 1 });
    expect(issued().steps).toEqual([
      { action: 'issue', at: now.toISOString(), by: 'insp', note: '请办结', deadline: '2026-11-25' },
    ]);
    const byOffice = issueOrder({ ...issued(), deadline: '2026-11-25' }, office, now, '2026-11-20');
    expect(byOffice).toMatchObject({ ok: false, code: 'forbidden' });
    const past = issueOrder({ ...issued(), deadline: '2026-11-19' }, inspector, now, '2026-11-20');
    expect(past).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('lets only the addressed department respond, and only inspectors close after a response', () => {
    const o = issued();
    expect(respondToOrder(o, 'x', housing, now)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(respondToOrder(o, 'x', inspector, now)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(closeOrder(o, 'done', inspector, now)).toMatchObject({ ok: false, code: 'conflict' });
    const r = respondToOrder(o, '已办', market, now);
    if (!r.ok) throw new Error(r.message);
    expect(r.order).toMatchObject({ status: 'responded', rev: 2 });
    expect(respondToOrder(r.order, 'again', market, now)).toMatchObject({ ok: false, code: 'conflict' });
    expect(closeOrder(r.order, 'done', market, now)).toMatchObject({ ok: false, code: 'forbidden' });
    const c = closeOrder(r.order, '销号', inspector, now);
    if (!c.ok) throw new Error(c.message);
    expect(c.order).toMatchObject({ status: 'closed', closedBy: 'insp', outcome: '销号', rev: 3 });
    expect(orderNextDue(c.order)).toBeUndefined();
    expect(
      escalateOrder(c.order, { note: 'x', deadline: '2026-12-01' }, inspector, now, '2026-11-20'),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('escalates with a new deadline and levels, up to a limit', () => {
    let o = issued();
    for (let level = 2; level <= 5; level++) {
      const e = escalateOrder(o, { note: 'up', deadline: '2026-12-01' }, inspector, now, '2026-11-20');
      if (!e.ok) throw new Error(e.message);
      o = e.order;
      expect(o).toMatchObject({ status: 'escalated', level, deadline: '2026-12-01' });
    }
    expect(
      escalateOrder(o, { note: 'up', deadline: '2026-12-01' }, inspector, now, '2026-11-20'),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('is due the day after its deadline and flagged overdue once', () => {
    const o = issued();
    expect(orderNextDue(o)).toBe('2026-11-26');
    expect(sweepOrder(o, '2026-11-25', now)).toBeUndefined();
    const swept = sweepOrder(o, '2026-11-26', now)!;
    expect(swept).toMatchObject({ overdue: true, overdueSince: '2026-11-26', status: 'issued', rev: 2 });
    expect(swept.steps.at(-1)).toMatchObject({ action: 'overdue', by: 'sweeper' });
    expect(orderNextDue(swept)).toBeUndefined();
    expect(sweepOrder(swept, '2026-11-27', now)).toBeUndefined();
    const responded = respondToOrder(o, 'x', market, now);
    expect(responded.ok && orderNextDue(responded.order)).toBe(undefined);
  });
});

const boardCase = (over: Partial<BoardCase>): BoardCase => ({
  caseId: 'C',
  serviceCode: 'FOOD',
  departmentId: 'market',
  district: '浦东新区',
  windowId: undefined,
  acceptedAt: '2026-11-02T01:00:00Z',
  acceptedDate: '2026-11-02',
  warning: 'yellow',
  elapsedDays: 5,
  promisedDays: 6,
  statutoryDays: 18,
  daysOver: 0,
  dueDate: '2026-11-10',
  statutoryDueDate: '2026-11-26',
  status: 'open',
  ...over,
});

describe('warnings board', () => {
  const cases = [
    boardCase({ caseId: 'A', warning: 'yellow', elapsedDays: 5 }),
    boardCase({
      caseId: 'B',
      warning: 'serious',
      elapsedDays: 25,
      departmentId: 'housing',
      district: '徐汇区',
    }),
    boardCase({ caseId: 'C', warning: 'red', elapsedDays: 9 }),
    boardCase({ caseId: 'D', warning: 'red', elapsedDays: 12 }),
    boardCase({ caseId: 'G', warning: 'green', elapsedDays: 1 }),
  ];

  it('orders most severe and oldest first and filters by colour, department, district and age', () => {
    expect(filterBoard(cases, {}).map((c) => c.caseId)).toEqual(['B', 'D', 'C', 'A']);
    expect(filterBoard(cases, { level: 'red' }).map((c) => c.caseId)).toEqual(['D', 'C']);
    expect(filterBoard(cases, { departmentIds: new Set(['housing']) }).map((c) => c.caseId)).toEqual(['B']);
    expect(filterBoard(cases, { district: '浦东新区', minAgeDays: 9 }).map((c) => c.caseId)).toEqual([
      'D',
      'C',
    ]);
  });

  it('counts by colour, department, district and age bucket', () => {
    const s = summariseBoard(cases);
    expect(s.byLevel).toEqual({ yellow: 1, red: 2, serious: 1, total: 4 });
    expect(s.byDepartment).toEqual([
      { departmentId: 'housing', yellow: 0, red: 0, serious: 1, total: 1 },
      { departmentId: 'market', yellow: 1, red: 2, serious: 0, total: 3 },
    ]);
    expect(s.byAge.map((b) => [b.bucket, b.total])).toEqual([
      ['0-5', 1],
      ['6-10', 1],
      ['11-20', 1],
      ['21+', 1],
    ]);
    expect([0, 5, 6, 10, 11, 20, 21].map(ageBucketOf)).toEqual([
      '0-5',
      '0-5',
      '6-10',
      '6-10',
      '11-20',
      '11-20',
      '21+',
    ]);
  });
});

describe('reading other features’ items', () => {
  it('reads a bad review’s follow-up by field name and masks numbers', () => {
    const row = badReviewRow({
      caseId: 'C1',
      departmentId: 'market',
      score: 1,
      ratedAt: '2026-11-01T00:00:00Z',
      comment: '打13812345678没人接',
      callbackRequired: true,
      callbackOverdue: true,
      rectification: { status: 'planned' },
    });
    expect(row).toMatchObject({ callback: 'overdue', rectification: 'planned', overdue: true });
    expect(row.comment).not.toContain('13812345678');
    expect(
      badReviewRow({ callback: { outcome: 'resolved' }, rectification: { status: 'done' } }),
    ).toMatchObject({
      callback: 'done',
      rectification: 'done',
      overdue: false,
    });
    expect(badReviewRow({ excluded: true, rectificationOverdue: true }).rectification).toBe('excluded');
    expect(badReviewRow({})).toMatchObject({
      score: null,
      callback: 'notRequired',
      rectification: 'pending',
    });
    expect(excerpt('x'.repeat(300), 10)).toHaveLength(10);
  });

  it('reads a critique’s answer state', () => {
    expect(critiqueRow({ trackingCode: 'K', status: 'routed', overdue: true })).toMatchObject({
      overdue: true,
      answered: false,
    });
    expect(
      critiqueRow({
        status: 'answered',
        overdue: true,
        firstAnsweredAt: '2026-11-02T00:00:00Z',
        answeredOnTime: false,
      }),
    ).toMatchObject({ overdue: false, answered: true, answeredOnTime: false });
  });
});

describe('supervision report', () => {
  it('adds up the period and writes Excel-friendly CSV blocks', () => {
    const r = buildReport({
      scope: 'department',
      id: 'market',
      name: '市场监督管理局',
      period: parsePeriod('2026-Q4')!,
      generatedAt: '2026-11-20T02:00:00.000Z',
      generatedBy: 'insp',
      months: [
        { month: '2026-10', counters: { received: 10, cases: 8, onTime: 6, durSum: 24, suspDays: 8 } },
        {
          month: '2026-11',
          counters: { received: 5, cases: 2, onTime: 2, durSum: 4, ratings: 4, r5: 3, r1: 1, bad: 1 },
        },
        { month: '2026-12', counters: {} },
      ],
      departments: [],
      openCases: [
        boardCase({ caseId: 'R', warning: 'red', daysOver: 3 }),
        boardCase({ caseId: 'G', warning: 'green' }),
      ],
      badReviews: [badReviewRow({ caseId: 'C1', callbackOverdue: true, callbackRequired: true })],
      critiques: [],
      orders: [issued()],
      overdueOrders: [],
    });
    expect(r.cases).toMatchObject({
      received: 15,
      completed: 10,
      onTime: 8,
      late: 2,
      onTimeRate: 0.8,
      meanDays: 2.8,
    });
    expect(r.cases.suspendedShare).toBeCloseTo(8 / 36, 15);
    expect(r.cases.byMonth.map((m) => m.onTimeRate)).toEqual([0.75, 1, null]);
    expect(r.warnings).toMatchObject({ open: 2, green: 1, red: 1 });
    expect(r.overdue.cases.items.map((c) => c.caseId)).toEqual(['R']);
    expect(r.badReviews.figures).toMatchObject({ ratings: 4, bad: 1, goodRate: 0.75 });
    expect(r.badReviews.listed.callbackOverdue).toBe(1);
    expect(r.orders).toMatchObject({ issued: 1, open: 1, closed: 0 });
    const { header, rows } = reportCsvRows(r);
    expect(header).toEqual(['部分 Section', '项目 Item', '数值 Value']);
    expect(rows).toContainEqual(['办件 Cases', '按时办结率 On-time rate', 0.8]);
    expect(rows).toContainEqual(['超期在办件 Overdue open cases']);
    expect(rows.some((row) => row[0] === 'DB1')).toBe(true);
  });
});
