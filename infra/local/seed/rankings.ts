/**
 * Demo rankings and supervision: stores ranking method v1; once the stream has built
 * the aggregates of the months concerned, computes and publishes the department
 * rankings of the last three complete months and the last complete quarter (and the
 * district and window rankings of the last month and quarter) through the same use
 * cases as the office's console; then a handful of supervision orders on late open
 * cases and one department, in every state (issued and overdue, responded, escalated,
 * closed), each with its audit trail.
 *
 * A start cut short during this step runs it again: periods already published are left
 * alone (a draft an earlier attempt computed is published rather than computed anew),
 * and orders get the same ids from the step's generator, so one already stored is kept
 * and one whose audit trail was partly written gets only the missing entries.
 */
import { beijingDate, type IsoDate } from '../../../functions/domain/calendar/index.js';
import { CASE_COUNTERS } from '../../../functions/domain/cases/counters.js';
import { CRITIQUE_COUNTERS } from '../../../functions/domain/critiques/counters.js';
import { principalFromGroups } from '../../../functions/domain/identity.js';
import { addMonths } from '../../../functions/domain/months.js';
import {
  type Period,
  periodContaining,
  previousPeriod,
  type RankingScope,
} from '../../../functions/domain/rankings/period.js';
import { RATING_COUNTERS } from '../../../functions/domain/ratings/counters.js';
import {
  closeOrder,
  escalateOrder,
  issueOrder,
  type OrderTransition,
  respondToOrder,
  type SupervisionOrder,
  sweepOrder,
} from '../../../functions/domain/supervision/order.js';
import type { Platform } from '../../../functions/platform.js';
import { computeDraft } from '../../../functions/usecases/rankings/compute.js';
import { ensureDefaultMethod } from '../../../functions/usecases/rankings/methods.js';
import { publishRanking } from '../../../functions/usecases/rankings/publish.js';
import { newOrderId } from '../../../functions/usecases/supervision/orders.js';
import { type SeedContext, seedExtensions } from './index.js';

const WAIT_LIMIT_MS = 150_000;
const DAY = 86_400_000;

const office = principalFromGroups('office-li', ['office']);
const inspector = principalFromGroups('inspector-wang', ['inspector']);

/** Wait until the stream has aggregated every completed demo case of the months, and ratings are quiet. */
async function waitForAggregates(p: Platform, ctx: SeedContext, months: string[]): Promise<boolean> {
  const expected = new Map<string, number>(months.map((m) => [m, 0]));
  for (const c of ctx.cases) {
    const m = c.completedDate?.slice(0, 7);
    if (m && expected.has(m)) expected.set(m, expected.get(m)! + 1);
  }
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  const from = months[0]!;
  const to = months.at(-1)!;
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let quietSince: number | undefined;
  let lastFollowUps = -1;
  while (Date.now() < deadline) {
    const { months: agg } = await p.aggregates.readAggregates('city', 'all', from, to);
    let done = 0;
    let followUps = 0;
    for (const m of months) {
      const c = agg.get(m) ?? {};
      done += Math.min(c[CASE_COUNTERS.cases] ?? 0, expected.get(m)!);
      followUps +=
        (c[RATING_COUNTERS.ratings] ?? 0) +
        (c[CRITIQUE_COUNTERS.received] ?? 0) +
        (c[RATING_COUNTERS.rectDone] ?? 0);
    }
    ctx.progress('rankings', done, total);
    if (done >= total) {
      if (followUps === lastFollowUps) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= 2000) return true;
      } else {
        quietSince = undefined;
      }
    }
    lastFollowUps = followUps;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** Publish a scope and period once (a retried seed finds it published, or a draft it left). */
async function publish(p: Platform, scope: RankingScope, period: Period): Promise<void> {
  if ((await p.rankings.currentVersion(scope, period.id)) !== undefined) return;
  const left = (await p.rankings.listVersions(scope, period.id)).filter((h) => h.status === 'draft').at(-1);
  const version = left?.version ?? (await computeDraft(p, office, { scope, period: period.id })).version;
  await publishRanking(p, office, scope, period.id, version);
}

/**
 * Apply steps at given times, recording each in the audit trail; the final state is
 * stored last. An order already stored is left as it is; audit entries an earlier,
 * cut-short attempt wrote for it (in the same order) are not written twice.
 */
async function seedOrder(
  p: Platform,
  steps: {
    at: Date;
    apply: (o: SupervisionOrder | undefined, at: Date) => OrderTransition | SupervisionOrder | undefined;
  }[],
): Promise<void> {
  let order: SupervisionOrder | undefined;
  const trail: { before: SupervisionOrder | undefined; after: SupervisionOrder }[] = [];
  for (const step of steps) {
    const before = order;
    const result = step.apply(order, step.at);
    if (!result) continue;
    if ('ok' in result) {
      if (!result.ok) throw new Error(`seed order: ${result.message}`);
      order = result.order;
    } else {
      order = result;
    }
    trail.push({ before, after: order });
  }
  if (!order || (await p.orders.getOrder(order.id))) return;
  const written = (await p.audit.auditOf(`order:${order.id}`)).length;
  for (const { before, after } of trail.slice(written)) {
    const last = after.steps.at(-1)!;
    await p.audit.recordAudit({
      actor: last.by,
      roles: last.by === 'sweeper' ? ['system'] : last.action === 'respond' ? ['department'] : ['inspector'],
      action: `supervision.order.${last.action}`,
      target: `order:${after.id}`,
      at: last.at,
      before: before ? { rev: before.rev, status: before.status, level: before.level } : undefined,
      after: {
        rev: after.rev,
        status: after.status,
        level: after.level,
        deadline: after.deadline,
        note: last.note,
      },
    });
  }
  await p.orders.putNewOrder(order);
}

async function seedOrders(ctx: SeedContext): Promise<void> {
  const p = ctx.platform;
  const calendar = await p.calendar.calendar();
  const now = ctx.now;
  const today = beijingDate(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const dayOf = (d: Date): IsoDate => beijingDate(d);
  const departments = new Map((await p.catalogue.listDepartments()).map((d) => [d.id, d]));
  // The longest-open cases past their promised limit, one per department.
  const late = ctx.cases
    .filter((c) => c.status !== 'completed' && c.dueDate < today)
    .sort((a, b) => a.acceptedDate.localeCompare(b.acceptedDate));
  const picked = new Map<string, (typeof late)[number]>();
  for (const c of late) if (!picked.has(c.departmentId)) picked.set(c.departmentId, c);
  const targets = [...picked.values()].slice(0, 4);
  const marketWorker = (departmentId: string) =>
    principalFromGroups(`${departmentId}-staff`, [`dept:${departmentId}`]);
  const issue = (
    targetType: 'case' | 'department',
    targetId: string,
    departmentId: string,
    title: string,
    instructions: string,
    daysAgo: number,
    workingDaysToAnswer: number,
  ) => ({
    at: ago(daysAgo),
    apply: (_: SupervisionOrder | undefined, at: Date) =>
      issueOrder(
        {
          id: newOrderId(dayOf(at), () => ctx.rnd.int(0, 255)),
          targetType,
          targetId,
          targetLabel: targetType === 'department' ? departments.get(targetId)?.name : undefined,
          departmentId,
          district: departments.get(departmentId)?.district,
          title,
          instructions,
          deadline: calendar.dueDate(dayOf(at), workingDaysToAnswer),
        },
        inspector,
        at,
        dayOf(at),
      ),
  });
  const [a, b, c, d] = targets;
  if (a) {
    // Issued 9 days ago with 3 working days to answer: overdue, flagged by the sweeper.
    await seedOrder(p, [
      issue(
        'case',
        a.caseId,
        a.departmentId,
        '超期件督办',
        '该件已超过承诺时限，请说明原因并限期办结。',
        9,
        3,
      ),
      { at: now, apply: (o) => (o ? sweepOrder(o, today, now) : undefined) },
    ]);
  }
  if (b) {
    await seedOrder(p, [
      issue('case', b.caseId, b.departmentId, '红灯件督办', '请核查办理进度，书面反馈。', 6, 5),
      {
        at: ago(4),
        apply: (o, at) =>
          respondToOrder(
            o!,
            '已联系申请人补正材料，预计三个工作日内办结。',
            marketWorker(b.departmentId),
            at,
          ),
      },
    ]);
  }
  if (c) {
    await seedOrder(p, [
      issue('case', c.caseId, c.departmentId, '严重超期督办', '已超过法定时限，请立即办理。', 12, 3),
      {
        at: ago(10),
        apply: (o, at) => respondToOrder(o!, '正在组织专家评审。', marketWorker(c.departmentId), at),
      },
      {
        at: ago(8),
        apply: (o, at) =>
          escalateOrder(
            o!,
            { note: '反馈未明确办结时间，升级督办。', deadline: calendar.dueDate(today, 3) },
            inspector,
            at,
            dayOf(at),
          ),
      },
    ]);
  }
  if (d) {
    await seedOrder(p, [
      issue(
        'department',
        d.departmentId,
        d.departmentId,
        '窗口超期件集中整改',
        '本月超期件偏多，请开展自查并报送整改报告。',
        20,
        5,
      ),
      {
        at: ago(15),
        apply: (o, at) =>
          respondToOrder(o!, '已完成自查，调整窗口排班，增加预审岗。', marketWorker(d.departmentId), at),
      },
      { at: ago(14), apply: (o, at) => closeOrder(o!, '整改措施落实到位，办结销号。', inspector, at) },
    ]);
  }
}

export async function seedRankings(ctx: SeedContext): Promise<void> {
  const p = ctx.platform;
  await ensureDefaultMethod(p);
  const today = beijingDate(ctx.now);
  const thisMonth = periodContaining('month', today);
  const months = [3, 2, 1].map((n) => periodContaining('month', `${addMonths(thisMonth.id, -n)}-01`));
  const quarter = previousPeriod(periodContaining('quarter', today));
  const needed = [...new Set([...quarter.months, ...months.map((m) => m.id)])].sort();
  if (!(await waitForAggregates(p, ctx, needed))) {
    process.stdout.write(
      '\n  (rankings: the stream is still catching up; the demo rankings may lack recent figures)\n',
    );
  }
  const lastMonth = months.at(-1)!;
  const plan: [RankingScope, Period][] = [
    ['department', quarter],
    ...months.map((m) => ['department', m] as [RankingScope, Period]),
    ['district', quarter],
    ['district', lastMonth],
    ['window', quarter],
    ['window', lastMonth],
  ];
  // Oldest period first, so movement and talk marks have a previous table.
  plan.sort((x, y) => x[1].lastDay.localeCompare(y[1].lastDay));
  for (const [scope, period] of plan) await publish(p, scope, period);
  await seedOrders(ctx);
}

seedExtensions.push({ name: 'rankings', run: seedRankings });
