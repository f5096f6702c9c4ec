/**
 * Demo critiques: about 150 across the demo departments, services and general
 * processes over the last six months, in every state — waiting for triage, accepted,
 * with a department (some overdue), answered, rectified, reopened after a "not
 * solved", rejected with a reason, merged as duplicates — with nicknames, a few
 * private contacts, "solved" verdicts, and a handful of woodpecker awards. Each one is
 * built and moved through its lifecycle by the same domain code as live traffic, then
 * written (with its board rows, awards and leaderboard rows) by BatchWriteItem; the
 * stream aggregator counts them like any other change.
 */
import { beijingDate, type WorkCalendar } from '../../../functions/domain/calendar/index.js';
import { boardFilterKeysOf, boardRowOf } from '../../../functions/domain/critiques/board.js';
import { storeContact } from '../../../functions/domain/critiques/contact.js';
import {
  type Acting,
  accept,
  confirm,
  flagOverdue,
  grantAward,
  markDuplicate,
  newCritique,
  type Outcome,
  rectify,
  reject,
  reply,
  route,
} from '../../../functions/domain/critiques/lifecycle.js';
import {
  CATEGORIES,
  type Category,
  type Critique,
  isPublic,
} from '../../../functions/domain/critiques/model.js';
import { nicknameKey } from '../../../functions/domain/critiques/text.js';
import { newTrackingCode } from '../../../functions/domain/critiques/tracking-code.js';
import { platformSecret } from '../../../functions/shared/secrets.js';
import { awardPut, leaderPut } from '../../../functions/store/critique-awards.js';
import { boardRowItem, critiqueItem } from '../../../functions/store/critiques.js';
import { awardRecord } from '../../../functions/usecases/critiques/awards.js';
import { batchWrite } from './cases.js';
import { DEMO_DEPARTMENTS, DEMO_SERVICES } from './catalogue.js';
import { type SeedContext, seedExtensions } from './index.js';
import type { Random } from './random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Plan =
  | 'submitted'
  | 'accepted'
  | 'routed'
  | 'answered'
  | 'solved'
  | 'reopened'
  | 'rectified'
  | 'rejected'
  | 'duplicate';

/** How many demo critiques end in each state. */
const PLAN: [Plan, number][] = [
  ['submitted', 14],
  ['accepted', 9],
  ['routed', 24],
  ['answered', 26],
  ['solved', 12],
  ['reopened', 9],
  ['rectified', 30],
  ['rejected', 13],
  ['duplicate', 13],
];

const TEXTS: Record<Category, string[]> = {
  correction: [
    '{name}的办事指南写着需要 3 份材料，窗口实际要求 5 份，请统一口径。',
    '{name}网上预约显示有号，到了现场却说系统里查不到预约。',
    '{name}承诺 5 个工作日办结，我的办件已经超过 8 天还没有结果。',
    '{name}办事指南里的咨询电话已经停用，打了好几次都是空号。',
    '{name}申请表模板还是旧版本，按指南填写后被退回重填。',
    '{name}窗口要求提供户口本原件，但指南写的是复印件即可。（我的电话 13812345678）',
  ],
  enquiry: [
    '请问{name}能否全程网办？最多需要到现场几次？',
    '{name}的材料能否用电子证照代替纸质复印件？',
    '{name}的办理进度在哪里可以查询？短信通知一直没有收到。',
    '外地户籍办理{name}有没有额外要求？',
    '{name}能否委托他人代办，需要哪些授权材料？',
  ],
  suggestion: [
    '建议{name}增加周六上午的服务窗口，方便上班族。',
    '建议{name}在网上公布每日排队人数和预计等候时间。',
    '建议{name}的告知单改成二维码，手机扫码即可查看清单。',
    '建议{name}为老年人保留现场取号通道，不要只能线上预约。',
    '建议{name}把常见退件原因整理成清单，提前告知申请人。',
  ],
};

const GENERAL_NAMES = ['政务服务中心', '一网通办平台', '12345 转办流程', '证照快递送达服务'];
const NICKNAMES = [
  '老街坊',
  '较真的小李',
  '办事达人',
  '浦东老王',
  '细节控',
  '热心市民张先生',
  '找茬小能手',
  'Kevin',
  '静安小陈',
  '啄木鸟一号',
  '路过的设计师',
  '退休教师刘老师',
];
const REJECT_REASONS = [
  '与政务服务无关（广告信息）。',
  '内容过于简略，无法核实具体事项，欢迎补充后重新提交。',
  '属于司法诉讼事项，不在找茬窗口受理范围。',
  '涉及个人民事纠纷，请通过 12345 热线反映。',
];
const REPLIES = [
  '感谢您的反馈。经核实，情况属实，我局已安排专人跟进，并将在窗口和网站同步说明。',
  '您好，该事项已可全程网办，最多跑一次；具体材料清单见办事指南第二部分。',
  '感谢关注。电子证照可以替代纸质复印件，窗口已接到通知执行。',
  '经核查，您的办件因材料补正中止计时，目前已恢复办理，预计本周办结。',
  '已将您的建议转交业务处室研究，研究结果将在本页公布。',
];
const RECTIFICATIONS = [
  '已更新办事指南，材料清单与窗口要求统一为 3 份，并对窗口人员进行了培训。',
  '已增设周六上午服务窗口，自下月起执行。',
  '网上预约系统已修复号源同步问题，预约信息实时推送至现场叫号系统。',
  '已更换停用的咨询电话，新号码已在办事指南和网站公布。',
  '申请表模板已统一替换为新版，旧版停止使用。',
  '已在网站公布每日排队人数和预计等候时间。',
];
const CITATIONS = [
  '推动办事指南与窗口要求统一，全市申请人少跑一趟。',
  '发现预约系统号源不同步问题，促成系统修复。',
  '提出周末服务建议并被采纳，方便上班族办事。',
  '发现咨询电话停用，促成信息及时更新。',
  '推动申请表模板统一，减少退件。',
];

const ROUTABLE = DEMO_DEPARTMENTS.filter((d) => d.id !== 'hotline');

/** A time on a Beijing working day `days` working days after `from`, between 9:00 and 17:00. */
function workingTime(calendar: WorkCalendar, rnd: Random, from: Date, days: number): Date {
  const date = days === 0 ? beijingDate(from) : calendar.dueDate(beijingDate(from), days);
  const base = new Date(`${date}T09:00:00+08:00`).getTime();
  const t = base + rnd.int(0, 8 * 60) * 60_000;
  return new Date(Math.max(t, from.getTime() + 30 * 60_000));
}

function must(out: Outcome): Critique {
  if (!out.ok) throw new Error(`demo critique: ${out.message}`);
  return out.critique;
}

export async function seedCritiques(ctx: SeedContext): Promise<void> {
  const { platform: p, rnd, now } = ctx;
  const calendar = await p.calendar.calendar();
  const secret = await platformSecret();
  const today = beijingDate(now);
  const departmentById = new Map<string, (typeof DEMO_DEPARTMENTS)[number]>(
    DEMO_DEPARTMENTS.map((d) => [d.id, d]),
  );
  const office: Acting = { role: 'office' };
  const byCode = new Map<string, Critique>();
  const plans = PLAN.flatMap(([plan, n]) =>
    Array.from({ length: Math.max(1, Math.round(n * ctx.share)) }, () => plan),
  );
  // Oldest first, so duplicates find an earlier public critique to merge into.
  const ages = plans.map((plan) =>
    plan === 'submitted'
      ? rnd.next() * 2 * DAY
      : plan === 'routed'
        ? (1 + rnd.next() * 12) * DAY
        : (5 + rnd.next() * 175) * DAY,
  );
  const order = plans.map((plan, i) => ({ plan, age: ages[i]! })).sort((a, b) => b.age - a.age);

  for (const { plan, age } of order) {
    const createdAt = new Date(now.getTime() - age);
    const category = rnd.pick(CATEGORIES);
    const kind = rnd.next();
    const service = kind < 0.5 ? rnd.pick(DEMO_SERVICES) : undefined;
    const department = kind >= 0.5 && kind < 0.8 ? rnd.pick(ROUTABLE) : undefined;
    const targetDept = service ? departmentById.get(service.departmentId) : department;
    const name = service?.name ?? department?.name ?? rnd.pick(GENERAL_NAMES);
    const text = rnd.pick(TEXTS[category]).replace('{name}', name);
    const contact = rnd.chance(0.3)
      ? storeContact(
          secret,
          rnd.chance(0.5)
            ? `139${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`
            : `demo${rnd.int(1, 999)}@example.com`,
        )
      : undefined;
    let c = newCritique(
      {
        trackingCode: newTrackingCode((max) => rnd.int(0, max - 1)),
        category,
        text,
        targetType: service ? 'service' : department ? 'department' : 'general',
        ...(service ? { targetId: service.code, targetName: service.name, serviceCode: service.code } : {}),
        ...(department ? { targetId: department.id, targetName: department.name } : {}),
        ...(targetDept
          ? {
              targetDepartmentId: targetDept.id,
              targetDepartmentName: targetDept.name,
              targetDistrict: targetDept.district,
            }
          : {}),
        ...(rnd.chance(0.6) ? { nickname: rnd.pick(NICKNAMES) } : {}),
        ...(contact ? { contact } : {}),
        channel: rnd.chance(0.15) ? 'open311' : 'web',
        clientHash: `demo-${rnd.int(1, 1_000_000)}`,
      },
      createdAt,
    );
    const at = (d: Date) => ({ now: d, calendar });
    const before = (d: Date) => d.getTime() < now.getTime();
    const triaged = new Date(createdAt.getTime() + (2 + rnd.next() * 26) * HOUR);
    if (plan === 'submitted' || !before(triaged)) {
      byCode.set(c.trackingCode, c);
      continue;
    }
    if (plan === 'rejected') {
      byCode.set(c.trackingCode, must(reject(c, rnd.pick(REJECT_REASONS), at(triaged))));
      continue;
    }
    if (plan === 'duplicate') {
      const candidates = [...byCode.values()].filter(
        (o) => isPublic(o) && o.category === c.category && Date.parse(o.createdAt) < triaged.getTime(),
      );
      const original = candidates.length ? rnd.pick(candidates) : undefined;
      if (original) {
        const out = markDuplicate(c, original, at(triaged));
        if (!out.ok) throw new Error(out.message);
        byCode.set(original.trackingCode, out.critique.original);
        byCode.set(c.trackingCode, out.critique.duplicate);
        continue;
      }
    }
    c = must(accept(c, at(triaged)));
    if (plan === 'accepted' || plan === 'duplicate') {
      byCode.set(c.trackingCode, c);
      continue;
    }
    const routedAt = new Date(triaged.getTime() + rnd.int(10, 120) * 60_000);
    const dept = targetDept && targetDept.id !== 'hotline' ? targetDept : rnd.pick(ROUTABLE);
    c = must(route(c, dept, 5, at(routedAt)));
    const answerDays = rnd.chance(0.8) ? rnd.int(0, 5) : rnd.int(6, 10);
    const answeredAt = workingTime(calendar, rnd, routedAt, answerDays);
    const acting: Acting = { role: 'department', departments: new Set([dept.id]) };
    if (plan === 'routed' || !before(answeredAt)) {
      byCode.set(c.trackingCode, c);
      continue;
    }
    c = must(reply(c, acting, rnd.pick(REPLIES), at(answeredAt)));
    const verdictAt = new Date(answeredAt.getTime() + (4 + rnd.next() * 44) * HOUR);
    if ((plan === 'solved' || plan === 'reopened') && before(verdictAt)) {
      c = must(
        confirm(
          c,
          plan === 'solved',
          plan === 'reopened' ? '问题依旧，窗口仍按旧要求执行。' : undefined,
          at(verdictAt),
        ),
      );
    }
    if (plan === 'rectified') {
      const rectifiedAt = workingTime(calendar, rnd, answeredAt, rnd.int(1, 10));
      if (before(rectifiedAt)) {
        c = must(rectify(c, rnd.chance(0.8) ? acting : office, rnd.pick(RECTIFICATIONS), at(rectifiedAt)));
        const solvedAt = new Date(rectifiedAt.getTime() + (6 + rnd.next() * 40) * HOUR);
        if (rnd.chance(0.5) && before(solvedAt)) c = must(confirm(c, true, undefined, at(solvedAt)));
      }
    }
    byCode.set(c.trackingCode, c);
  }

  // A handful of woodpecker awards, to rectified critiques with nicknames, oldest first.
  const awardable = [...byCode.values()]
    .filter((c) => c.status === 'rectified' && c.nickname && c.rectifiedAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(0, 5);
  for (const [i, c] of awardable.entries()) {
    const grantedAt = new Date(Math.min(now.getTime() - HOUR, Date.parse(c.rectifiedAt!) + 3 * DAY));
    byCode.set(
      c.trackingCode,
      must(grantAward(c, CITATIONS[i % CITATIONS.length]!, { now: grantedAt, calendar })),
    );
  }
  // What the sweeper would have flagged by today.
  for (const c of byCode.values()) {
    const flagged = flagOverdue(c, today, now);
    if (flagged) byCode.set(c.trackingCode, flagged);
  }

  const table = p.store.tableName;
  const items: Record<string, unknown>[] = [];
  const leaders = new Map<
    string,
    { nickname: string; nicknameKey: string; adopted: number; awards: number }
  >();
  for (const c of byCode.values()) {
    items.push(critiqueItem(c));
    const row = boardRowOf(c);
    for (const filter of boardFilterKeysOf(c)) items.push(boardRowItem(filter, row));
    if (c.award) items.push(awardPut(table, awardRecord(c)).Put!.Item!);
    if (c.nickname && (c.adoptedAt || c.award)) {
      const key = nicknameKey(c.nickname);
      const l = leaders.get(key) ?? { nickname: c.nickname, nicknameKey: key, adopted: 0, awards: 0 };
      l.adopted += c.adoptedAt ? 1 : 0;
      l.awards += c.award ? 1 : 0;
      leaders.set(key, l);
    }
  }
  for (const l of leaders.values()) items.push(leaderPut(table, undefined, l).Put!.Item!);

  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let written = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await batchWrite(p, chunk);
        written += chunk.length;
        ctx.progress('critiques', written, items.length);
      }
    }),
  );
}

seedExtensions.push({ name: 'critiques', run: seedCritiques });
