/**
 * Demo ratings: about 35% of the completed demo cases are rated, most on the day they
 * complete, with a realistic spread (mostly 非常满意, more bad reviews when a case ran
 * late), some sub-scores, comments and callback contacts. Older bad reviews have been
 * called back and rectified (a few late, a few explained as impossible, with the
 * raters' feedback); recent ones are still open in the department inboxes, and one
 * waits in the office's appeals queue. Every rating is built and moved through its
 * follow-up by the same domain code as live traffic, written with BatchWriteItem, and
 * aggregated by the stream like everything else.
 */
import { addCalendarDays, beijingDate } from '../../../functions/domain/calendar/index.js';
import type { CaseRecord } from '../../../functions/domain/cases/case.js';
import {
  fileAppeal,
  giveFeedback,
  recordCallback,
  recordRectification,
  sweepRating,
  type Transition,
} from '../../../functions/domain/ratings/follow-up.js';
import {
  buildRating,
  type Rating,
  type RatingInput,
  type Score,
  SUB_SCORES,
  type SubScores,
} from '../../../functions/domain/ratings/rating.js';
import { platformSecret } from '../../../functions/shared/secrets.js';
import { keys } from '../../../functions/store/keys.js';
import { ratingItem } from '../../../functions/store/ratings.js';
import { batchWrite } from './cases.js';
import { type SeedContext, seedExtensions, yieldToServer } from './index.js';
import type { Random } from './random.js';

/** Share of completed cases that get rated. */
const RATED_SHARE = 0.35;
const DAY = 86_400_000;

const ON_TIME: [Score, number][] = [
  [5, 0.68],
  [4, 0.19],
  [3, 0.075],
  [2, 0.03],
  [1, 0.025],
];
const LATE: [Score, number][] = [
  [5, 0.36],
  [4, 0.24],
  [3, 0.16],
  [2, 0.13],
  [1, 0.11],
];

const COMMENTS: Record<'good' | 'fair' | 'bad', string[]> = {
  good: [
    '窗口工作人员很耐心，一次就办好了。',
    '比承诺时间还快，点赞！',
    '网上预审很方便，现场只跑了一次。',
    '指南写得清楚，材料一次备齐。',
    '服务热情，解答专业。',
  ],
  fair: ['整体还行，排队时间有点长。', '办理顺利，但指南里个别材料说明不够清楚。', '可以再快一点。'],
  bad: [
    '来回跑了三趟，每次要求的材料都不一样。',
    '超过承诺时限也没人通知进度，打电话一直没人接。',
    '窗口人员态度生硬，问问题不耐烦。',
    '办事指南和实际要求不一致，耽误了一周。',
    '请联系我 13912345678，材料被退回三次没有说明理由。',
  ],
};

const CALLBACK_NOTES = [
  '已电话回访，向群众说明情况并致歉。',
  '回访了解具体诉求，已转业务科室跟进。',
  '群众表示理解，建议优化告知方式。',
];
const PLANS = [
  '更新办事指南材料清单，并在窗口张贴一次性告知单。',
  '对窗口人员开展服务规范培训，纳入月度考核。',
  '增加高峰时段窗口，推行预约办理。',
  '建立超期预警短信提醒，主动告知办理进度。',
];
const EVIDENCE = [
  '新版办事指南已于官网发布（文号 2025-17），窗口告知单已张贴。',
  '培训签到表及考核记录已归档。',
  '预约系统已上线，高峰时段增开2个窗口。',
];

function pickScore(rnd: Random, late: boolean): Score {
  const table = late ? LATE : ON_TIME;
  let x = rnd.next();
  for (const [score, p] of table) {
    if (x < p) return score;
    x -= p;
  }
  return 5;
}

function subScoresFor(rnd: Random, score: Score): SubScores | undefined {
  if (!rnd.chance(0.4)) return undefined;
  const out: SubScores = {};
  for (const k of SUB_SCORES) {
    if (!rnd.chance(0.85)) continue;
    out[k] = Math.min(5, Math.max(1, score + rnd.int(-1, 1))) as Score;
  }
  return out;
}

function fakeMobile(rnd: Random): string {
  return `13${rnd.int(5, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
}

const must = (t: Transition, r: Rating): Rating => (t.ok ? t.rating : r);

/** A Beijing working-hours instant some days after a date, never after `now`. */
function daysAfter(date: string, days: number, rnd: Random, now: Date): Date | undefined {
  const at = new Date(
    `${addCalendarDays(date, days)}T${String(rnd.int(9, 16)).padStart(2, '0')}:30:00+08:00`,
  );
  return at.getTime() < now.getTime() ? at : undefined;
}

/** Move an old bad review through a realistic follow-up, as of `now`. */
function followUp(r0: Rating, rnd: Random, now: Date): Rating {
  let r = r0;
  const rated = Date.parse(r.ratedAt);
  const after = (days: number) => new Date(rated + days * DAY + rnd.int(1, 6) * 3600_000);
  const staff = `${r.departmentId}-staff`;
  // Callback: usually the next day; sometimes after the deadline, which the sweeper
  // will have flagged the day after it passed.
  if (r.callbackRequired && r.callbackDueDate && rnd.chance(0.95)) {
    const late = rnd.chance(0.08);
    const when = late ? daysAfter(r.callbackDueDate, rnd.int(1, 3), rnd, now) : after(1);
    if (when && when.getTime() < now.getTime()) {
      if (late) {
        const flagged = addCalendarDays(r.callbackDueDate, 1);
        r = sweepRating(r, flagged, new Date(`${flagged}T00:05:00+08:00`)) ?? r;
      }
      const outcome = rnd.pick(['resolved', 'explained', 'unresolved'] as const);
      const note = rnd.pick(CALLBACK_NOTES);
      r = must(
        recordCallback(
          r,
          { at: when.toISOString(), by: `${r.departmentId}-回访专员`, outcome, note },
          staff,
          when,
        ),
        r,
      );
    }
  }
  // Rectification: a plan within days, then done (or explained) mostly by the deadline.
  const planAt = after(3);
  if (planAt.getTime() < now.getTime())
    r = must(recordRectification(r, { plan: rnd.pick(PLANS), status: 'planned' }, staff, planAt), r);
  if (!r.rectificationDueDate || !rnd.chance(0.97)) return r;
  const late = rnd.chance(0.1);
  const doneAt = late ? daysAfter(r.rectificationDueDate, rnd.int(1, 6), rnd, now) : after(rnd.int(5, 18));
  if (!doneAt || doneAt.getTime() >= now.getTime()) return r;
  if (late) {
    const flagged = addCalendarDays(r.rectificationDueDate, 1);
    r = sweepRating(r, flagged, new Date(`${flagged}T00:05:00+08:00`)) ?? r;
  }
  const plan = r.rectification?.plan ?? rnd.pick(PLANS);
  r = must(
    recordRectification(
      r,
      rnd.chance(0.1)
        ? {
            plan,
            status: 'cannot',
            explanation: '所需材料为法定要件，无法减免；已向群众解释并提供帮办服务。',
            evidence: '法规依据及告知记录已归档。',
          }
        : { plan, status: 'done', evidence: rnd.pick(EVIDENCE) },
      staff,
      doneAt,
    ),
    r,
  );
  const fbAt = new Date(doneAt.getTime() + rnd.int(1, 5) * DAY);
  if (fbAt.getTime() < now.getTime() && rnd.chance(0.6))
    r = must(giveFeedback(r, { satisfied: rnd.chance(0.78) }, fbAt), r);
  return r;
}

export async function seedRatings(ctx: SeedContext): Promise<void> {
  const p = ctx.platform;
  const { rnd, now } = ctx;
  const secret = await platformSecret();
  const calendar = await p.calendar.calendar();
  const today = beijingDate(now);
  const rectificationDays = new Map<string, number | undefined>();
  for (const d of await p.catalogue.listDepartments()) rectificationDays.set(d.id, d.rectificationDays);

  const ratings: Rating[] = [];
  let examined = 0;
  for (const c of ctx.cases as (CaseRecord & { applicantPhoneHash?: string })[]) {
    if (++examined % 200 === 0) await yieldToServer();
    if (c.status !== 'completed' || !c.completedAt || !rnd.chance(RATED_SHARE)) continue;
    const completed = Date.parse(c.completedAt);
    const delay = rnd.chance(0.7)
      ? rnd.int(5, 240) * 60_000
      : rnd.int(1, 12) * DAY + rnd.int(0, 600) * 60_000;
    const ratedAtMs = completed + delay;
    if (ratedAtMs > now.getTime() - 60_000) continue;
    const score = pickScore(rnd, c.onTime === false);
    const band = score >= 4 ? 'good' : score === 3 ? 'fair' : 'bad';
    const input: RatingInput = {
      score,
      subScores: subScoresFor(rnd, score),
      comment: rnd.chance(band === 'bad' ? 0.8 : 0.2) ? rnd.pick(COMMENTS[band]) : undefined,
      callback:
        rnd.chance(band === 'bad' ? 0.45 : 0.03) &&
        beijingDate(new Date(ratedAtMs)) > addCalendarDays(today, -200)
          ? {
              name: rnd.pick(['王先生', '李女士', '张先生', '陈女士', '刘先生']),
              phone: fakeMobile(rnd),
              consent: true,
            }
          : undefined,
    };
    let r = buildRating(
      input,
      {
        caseId: c.caseId,
        serviceCode: c.serviceCode,
        departmentId: c.departmentId,
        district: c.district,
        windowId: c.windowId,
        staffId: c.staffId,
        channel: c.channel,
        completedAt: c.completedAt,
        applicantPhoneHash: c.applicantPhoneHash,
      },
      {
        now: new Date(ratedAtMs),
        calendar,
        secret,
        rectificationDays: rectificationDays.get(c.departmentId),
      },
    );
    if (r.bad) r = followUp(r, rnd, now);
    // What the sweeper would have done by now: overdue flags, contacts past retention.
    r = sweepRating(r, today, now) ?? r;
    ratings.push(r);
  }

  // One recent bad review of the market department waits in the office's appeals queue.
  const appealable = ratings
    .filter((r) => r.bad && r.departmentId === 'market' && !r.appeal && r.rectification?.status !== 'done')
    .sort((a, b) => b.ratedAt.localeCompare(a.ratedAt))[0];
  if (appealable) {
    const i = ratings.indexOf(appealable);
    ratings[i] = must(
      fileAppeal(
        appealable,
        { kind: 'malicious', reason: '评价人并非该办件申请人，评价内容与本办件无关，疑为恶意差评。' },
        'market-zhang',
        new Date(Math.min(Date.parse(appealable.ratedAt) + DAY, now.getTime())),
      ),
      appealable,
    );
  }

  const staffByDept = new Map<string, Set<string>>();
  for (const r of ratings) {
    if (!r.staffId) continue;
    const set = staffByDept.get(r.departmentId) ?? new Set<string>();
    set.add(r.staffId);
    staffByDept.set(r.departmentId, set);
  }
  const items: Record<string, unknown>[] = [
    ...ratings.map(ratingItem),
    ...[...staffByDept].map(([departmentId, ids]) => ({
      ...keys.ratedStaff(departmentId),
      type: 'ratedStaff',
      v: 1,
      departmentId,
      staffIds: ids,
    })),
  ];
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let written = 0;
  ctx.progress('ratings', 0, items.length);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (chunks.length) {
        const chunk = chunks.shift()!;
        await batchWrite(p, chunk);
        written += chunk.length;
        ctx.progress('ratings', written, items.length);
      }
    }),
  );
}

seedExtensions.push({ name: 'ratings', run: seedRatings });
