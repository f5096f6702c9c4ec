/**
 * A supervision report (督查报告) for a department, a district or the whole city over a
 * period: case volume and on-time rate, open cases by warning colour, the overdue list,
 * bad reviews and their rectification, critiques and answers, supervision orders and
 * their outcome. Pure: built from figures and lists the caller has read, and turned
 * into CSV blocks that open cleanly in Excel. Rates are unrounded fractions.
 */
import type { Counters } from '../aggregates/contribution.js';
import { CASE_COUNTERS } from '../cases/counters.js';
import { isOverdue, isWarned } from '../cases/standing.js';
import { CRITIQUE_COUNTERS } from '../critiques/counters.js';
import type { Period } from '../rankings/period.js';
import { RATING_COUNTERS, SCORE_COUNTERS } from '../ratings/counters.js';
import type { BadReviewRow, CritiqueRow } from './follow-ups.js';
import type { SupervisionOrder } from './order.js';
import type { BoardCase } from './warnings-board.js';

export const REPORT_SCOPES = ['department', 'district', 'city'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/** Longest list a report carries (the rest is counted, not listed). */
export const MAX_LIST = 500;

export interface ReportInput {
  scope: ReportScope;
  id: string;
  name: string;
  period: Period;
  generatedAt: string;
  generatedBy: string;
  /** The unit's monthly aggregates over the period. */
  months: { month: string; counters: Counters }[];
  /** For a district or the city: each department's period totals. */
  departments: { id: string; name: string; district?: string | undefined; counters: Counters }[];
  /** Open cases in scope as they stand now (any colour). */
  openCases: BoardCase[];
  badReviews: BadReviewRow[];
  critiques: CritiqueRow[];
  /** Orders issued in the period. */
  orders: SupervisionOrder[];
  /** Orders overdue now (any issue date). */
  overdueOrders: SupervisionOrder[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function sum(list: readonly Counters[]): Counters {
  const out: Counters = {};
  for (const c of list) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** A counter of the summed aggregates, zero when never counted. */
const counterIn = (c: Counters) => (name: string) => c[name] ?? 0;

function caseFigures(c: Counters) {
  const n = counterIn(c);
  const k = CASE_COUNTERS;
  return {
    received: n(k.received),
    completed: n(k.cases),
    onTime: n(k.onTime),
    late: n(k.cases) - n(k.onTime),
    onTimeRate: ratio(n(k.onTime), n(k.cases)),
    meanDays: ratio(n(k.durSum), n(k.cases)),
    suspendedShare: ratio(n(k.suspDays), n(k.durSum) + n(k.suspDays)),
    hotline: n(k.hotline),
  };
}

function ratingFigures(c: Counters) {
  const n = counterIn(c);
  const k = RATING_COUNTERS;
  return {
    ratings: n(k.ratings),
    bad: n(k.bad),
    goodRate: ratio(n(SCORE_COUNTERS[3]) + n(SCORE_COUNTERS[4]) + n(SCORE_COUNTERS[5]), n(k.ratings)),
    satisfaction: n(k.ratings) ? (n(k.scoreSum) / n(k.ratings) - 1) / 4 : null,
    callbacksRequired: n(k.cbReq),
    callbacksDone: n(k.cbDone),
    callbacksOnTime: n(k.cbOnTime),
    callbacksOverdue: n(k.cbOverdue),
    rectificationsRequired: n(k.rectReq),
    rectificationsSettled: n(k.rectDone),
    rectificationsOnTime: n(k.rectOnTime),
    rectificationsOverdue: n(k.rectOverdue),
    appealed: n(k.appealed),
  };
}

function critiqueFigures(c: Counters) {
  const n = counterIn(c);
  const k = CRITIQUE_COUNTERS;
  return {
    received: n(k.received),
    answered: n(k.answered),
    answeredOnTime: n(k.answeredOnTime),
    onTimeRate: ratio(n(k.answeredOnTime), n(k.answered)),
    overdue: n(k.overdue),
    rectified: n(k.rectified),
  };
}

const cap = <T>(list: readonly T[]) => ({
  total: list.length,
  truncated: list.length > MAX_LIST,
  items: list.slice(0, MAX_LIST),
});

export function buildReport(input: ReportInput) {
  const totals = sum(input.months.map((m) => m.counters));
  const colours = { green: 0, yellow: 0, red: 0, serious: 0 };
  for (const c of input.openCases) colours[c.warning]++;
  const overdueCases = input.openCases
    .filter((c) => isOverdue(c.warning))
    .sort((a, b) => b.daysOver - a.daysOver || a.caseId.localeCompare(b.caseId));
  const warnedBy = new Map<string, { yellow: number; red: number; serious: number }>();
  for (const c of input.openCases) {
    if (!isWarned(c.warning)) continue;
    const w = warnedBy.get(c.departmentId) ?? { yellow: 0, red: 0, serious: 0 };
    w[c.warning]++;
    warnedBy.set(c.departmentId, w);
  }
  const ordersBy = new Map<string, number>();
  for (const o of input.orders) ordersBy.set(o.departmentId, (ordersBy.get(o.departmentId) ?? 0) + 1);
  const reviews = input.badReviews;
  const count = <T>(list: readonly T[], f: (x: T) => boolean) => list.filter(f).length;
  return {
    scope: input.scope,
    id: input.id,
    name: input.name,
    period: input.period.id,
    months: input.period.months,
    firstDay: input.period.firstDay,
    lastDay: input.period.lastDay,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    cases: {
      ...caseFigures(totals),
      byMonth: input.months.map((m) => ({ month: m.month, ...caseFigures(m.counters) })),
    },
    warnings: { asOf: input.generatedAt, open: input.openCases.length, ...colours },
    overdue: {
      cases: cap(overdueCases),
      orders: cap(input.overdueOrders),
      badReviews: cap(reviews.filter((r) => r.overdue)),
      critiques: cap(input.critiques.filter((c) => c.overdue)),
    },
    badReviews: {
      figures: ratingFigures(totals),
      listed: {
        total: reviews.length,
        callbackDone: count(reviews, (r) => r.callback === 'done'),
        callbackOverdue: count(reviews, (r) => r.callback === 'overdue'),
        rectified: count(reviews, (r) => r.rectification === 'done'),
        cannotRectify: count(reviews, (r) => r.rectification === 'cannot'),
        rectificationOverdue: count(reviews, (r) => r.rectification === 'overdue'),
        rectificationOpen: count(
          reviews,
          (r) => r.rectification === 'pending' || r.rectification === 'planned',
        ),
        excluded: count(reviews, (r) => r.rectification === 'excluded'),
      },
      ...cap(reviews),
    },
    critiques: {
      figures: critiqueFigures(totals),
      listed: {
        total: input.critiques.length,
        answered: count(input.critiques, (c) => c.answered),
        answeredOnTime: count(input.critiques, (c) => c.answeredOnTime === true),
        overdue: count(input.critiques, (c) => c.overdue),
      },
      ...cap(input.critiques),
    },
    orders: {
      issued: input.orders.length,
      open: count(input.orders, (o) => o.status !== 'closed'),
      responded: count(input.orders, (o) => o.respondedAt !== undefined),
      closed: count(input.orders, (o) => o.status === 'closed'),
      escalated: count(input.orders, (o) => o.level > 1),
      overdue: count(input.orders, (o) => o.overdue),
      ...cap(input.orders),
    },
    departments: input.departments.map((d) => ({
      id: d.id,
      name: d.name,
      district: d.district,
      ...caseFigures(d.counters),
      bad: d.counters[RATING_COUNTERS.bad] ?? 0,
      critiques: d.counters[CRITIQUE_COUNTERS.received] ?? 0,
      warnings: warnedBy.get(d.id) ?? { yellow: 0, red: 0, serious: 0 },
      orders: ordersBy.get(d.id) ?? 0,
    })),
  };
}

export type SupervisionReport = ReturnType<typeof buildReport>;

const blank = (v: unknown) => (v === null || v === undefined ? '' : v);

/**
 * The report as CSV rows: a summary block (section, item, value) and then one block per
 * list, each after a blank line with its own title and header row.
 */
export function reportCsvRows(r: SupervisionReport): { header: string[]; rows: unknown[][] } {
  const rows: unknown[][] = [];
  const s = (section: string, item: string, value: unknown) => rows.push([section, item, blank(value)]);
  s('报告 Report', '范围 Scope', `${r.scope}:${r.id}`);
  s('报告 Report', '名称 Name', r.name);
  s('报告 Report', '期间 Period', `${r.period} (${r.firstDay} – ${r.lastDay})`);
  s('报告 Report', '生成时间 Generated at', r.generatedAt);
  s('办件 Cases', '受理 Received', r.cases.received);
  s('办件 Cases', '办结 Completed', r.cases.completed);
  s('办件 Cases', '按时办结 On time', r.cases.onTime);
  s('办件 Cases', '按时办结率 On-time rate', r.cases.onTimeRate);
  s('办件 Cases', '超期办结 Late', r.cases.late);
  s('办件 Cases', '平均工作日 Mean working days', r.cases.meanDays);
  s('办件 Cases', '中止占比 Suspended share', r.cases.suspendedShare);
  s('预警 Warnings', '在办件 Open (now)', r.warnings.open);
  s('预警 Warnings', '绿灯 Green', r.warnings.green);
  s('预警 Warnings', '黄灯 Yellow', r.warnings.yellow);
  s('预警 Warnings', '红灯 Red', r.warnings.red);
  s('预警 Warnings', '严重超期 Serious', r.warnings.serious);
  const f = r.badReviews.figures;
  s('好差评 Reviews', '评价数 Ratings', f.ratings);
  s('好差评 Reviews', '差评 Bad reviews', f.bad);
  s('好差评 Reviews', '好评率 Good-review rate', f.goodRate);
  s('好差评 Reviews', '满意度 Satisfaction', f.satisfaction);
  s('好差评 Reviews', '应回访 Callbacks required', f.callbacksRequired);
  s('好差评 Reviews', '已回访 Callbacks done', f.callbacksDone);
  s('好差评 Reviews', '回访逾期 Callbacks overdue', f.callbacksOverdue);
  s('好差评 Reviews', '应整改 Rectifications required', f.rectificationsRequired);
  s('好差评 Reviews', '已整改 Rectifications settled', f.rectificationsSettled);
  s('好差评 Reviews', '按时整改 Rectifications on time', f.rectificationsOnTime);
  s('好差评 Reviews', '整改逾期 Rectifications overdue', f.rectificationsOverdue);
  const c = r.critiques.figures;
  s('找茬 Critiques', '收到 Received', c.received);
  s('找茬 Critiques', '已答复 Answered', c.answered);
  s('找茬 Critiques', '按时答复 Answered on time', c.answeredOnTime);
  s('找茬 Critiques', '逾期未复 Overdue', c.overdue);
  s('督办 Orders', '下发 Issued', r.orders.issued);
  s('督办 Orders', '办结销号 Closed', r.orders.closed);
  s('督办 Orders', '升级 Escalated', r.orders.escalated);
  s('督办 Orders', '逾期 Overdue', r.orders.overdue);

  const block = (title: string, header: string[], list: unknown[][]) => {
    rows.push([]);
    rows.push([title]);
    rows.push(header);
    rows.push(...list);
  };
  block(
    '按月 By month',
    ['月份 Month', '受理 Received', '办结 Completed', '按时办结率 On-time rate', '平均工作日 Mean days'],
    r.cases.byMonth.map((m) => [m.month, m.received, m.completed, blank(m.onTimeRate), blank(m.meanDays)]),
  );
  if (r.departments.length)
    block(
      '各部门 Departments',
      [
        '部门 Department',
        '名称 Name',
        '区 District',
        '受理 Received',
        '办结 Completed',
        '按时办结率 On-time rate',
        '差评 Bad',
        '找茬 Critiques',
        '黄灯 Yellow',
        '红灯 Red',
        '严重 Serious',
        '督办 Orders',
      ],
      r.departments.map((d) => [
        d.id,
        d.name,
        blank(d.district),
        d.received,
        d.completed,
        blank(d.onTimeRate),
        d.bad,
        d.critiques,
        d.warnings.yellow,
        d.warnings.red,
        d.warnings.serious,
        d.orders,
      ]),
    );
  block(
    '超期在办件 Overdue open cases',
    [
      '办件 Case',
      '事项 Service',
      '部门 Department',
      '受理日期 Accepted',
      '颜色 Colour',
      '已用工作日 Elapsed',
      '承诺 Promised',
      '法定 Statutory',
      '超出 Days over',
    ],
    r.overdue.cases.items.map((x) => [
      x.caseId,
      x.serviceCode,
      x.departmentId,
      x.acceptedDate,
      x.warning,
      x.elapsedDays,
      x.promisedDays,
      x.statutoryDays,
      x.daysOver,
    ]),
  );
  block(
    '差评与整改 Bad reviews',
    [
      '办件 Case',
      '部门 Department',
      '评分 Score',
      '评价时间 Rated at',
      '回访 Callback',
      '整改 Rectification',
      '整改期限 Due',
      '申诉 Appeal',
      '内容 Comment',
    ],
    r.badReviews.items.map((x) => [
      x.caseId,
      x.departmentId,
      blank(x.score),
      x.ratedAt,
      x.callback,
      x.rectification,
      blank(x.rectificationDueDate),
      blank(x.appeal),
      x.comment,
    ]),
  );
  block(
    '找茬与答复 Critiques',
    [
      '编号 Tracking code',
      '类别 Category',
      '状态 Status',
      '提交时间 Submitted',
      '答复期限 Reply due',
      '已答复 Answered',
      '按时 On time',
      '逾期 Overdue',
      '内容 Text',
    ],
    r.critiques.items.map((x) => [
      x.trackingCode,
      x.category,
      x.status,
      x.createdAt,
      blank(x.replyDue),
      x.answered ? 'yes' : 'no',
      x.answeredOnTime === undefined ? '' : x.answeredOnTime ? 'yes' : 'no',
      x.overdue ? 'yes' : 'no',
      x.text,
    ]),
  );
  block(
    '督办单 Supervision orders',
    [
      '编号 Order',
      '对象 Target',
      '部门 Department',
      '事由 Title',
      '下发时间 Issued',
      '期限 Deadline',
      '状态 Status',
      '级别 Level',
      '逾期 Overdue',
      '结果 Outcome',
    ],
    r.orders.items.map((o) => [
      o.id,
      `${o.targetType}:${o.targetId}`,
      o.departmentId,
      o.title,
      o.issuedAt,
      o.deadline,
      o.status,
      o.level,
      o.overdue ? 'yes' : 'no',
      blank(o.outcome),
    ]),
  );
  return { header: ['部分 Section', '项目 Item', '数值 Value'], rows };
}
