/**
 * Ranking method v1, shipped with the platform and stored as data on first use; the
 * office changes it by creating a new version through the API, never by editing this
 * file. Weights follow the 30/35/35 split several reform cities publish:
 *
 * - satisfaction, 30 points: satisfaction score (mean score on 1–5, scaled to 0..1)
 *   15 and good-review rate (scores 3–5) 15;
 * - efficiency, 35 points: on-time rate 20 and speed-up against the statutory limit
 *   (1 − Σactual/Σstatutory working days) 15;
 * - follow-up, 35 points: callbacks on time 10, rectifications on time 15, critiques
 *   answered on time 10;
 * - penalty: up to 10 points off for the share of completed cases that ran past the
 *   promised limit (a red warning).
 *
 * Every indicator is shrunk toward the population value with k = 50 pseudo-
 * observations, so a unit with 3 cases cannot top one with 3,000 by luck (3 of 3 on time
 * scores below 2,850 of 3,000 when the city runs at 94.5%); units with
 * fewer than 10 completed cases in the period are listed as too few to judge.
 *
 * Counter names are those the aggregator keeps, imported from each feature's
 * `counters.ts` (the stored method holds their values): cases (`cases`, `onTime`, `durSum`,
 * `statSum`, `suspDays`), ratings (`ratings`, `r1`..`r5`, `scoreSum`, callbacks
 * `cbOnTime`/`cbSettled`, rectifications `rectOnTime`/`rectSettled`) and critiques
 * (answered on time `crOnTime` over answered `crAns` plus overdue unanswered `crOverdue`). A counter not (yet) kept anywhere reads as zero, so
 * its indicator is left out with its weight spread over the others.
 * `appealsUpheld` is counted when a draft is computed, from upheld appeals by the month
 * of the review, and stored with the inputs.
 */
import { CASE_COUNTERS as cases } from '../cases/counters.js';
import { CRITIQUE_COUNTERS as critiques } from '../critiques/counters.js';
import { RATING_COUNTERS as ratings, SCORE_COUNTERS as scores } from '../ratings/counters.js';
import { RANKING_COUNTERS } from './counters.js';
import { minus, type RankingMethod } from './method.js';

export const DEFAULT_METHOD: RankingMethod = {
  version: 1,
  name: { zh: '政务服务效能评议办法（第1版）', en: 'Service performance ranking method, version 1' },
  changes: 'First version.',
  shrinkage: { k: 50 },
  minSample: { counters: [cases.cases], min: 10 },
  transparency: {
    suspended: { numerator: [cases.suspDays], denominator: [cases.durSum, cases.suspDays] },
    appealsUpheld: [RANKING_COUNTERS.appealsUpheld],
  },
  indicators: [
    {
      id: 'satisfaction',
      label: { zh: '满意度', en: 'Satisfaction score' },
      description: {
        zh: '评价平均分（1–5分）换算为0–100%。',
        en: 'Mean rating score (1–5) on a 0–100% scale.',
      },
      numerator: [ratings.scoreSum],
      denominator: [ratings.ratings],
      role: 'score',
      weight: 0.15,
      direction: 'higher',
      normalisation: { kind: 'range', min: 1, max: 5 },
    },
    {
      id: 'goodRate',
      label: { zh: '好评率', en: 'Good-review rate' },
      description: {
        zh: '评价为非常满意、满意、基本满意（3–5分）的比例。',
        en: 'Share of ratings scored 3–5.',
      },
      numerator: [scores[3], scores[4], scores[5]],
      denominator: [ratings.ratings],
      role: 'score',
      weight: 0.15,
      direction: 'higher',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
    {
      id: 'onTime',
      label: { zh: '按时办结率', en: 'On-time rate' },
      description: {
        zh: '办结件中在承诺时限内办结的比例。',
        en: 'Share of completed cases finished within the promised limit.',
      },
      numerator: [cases.onTime],
      denominator: [cases.cases],
      role: 'score',
      weight: 0.2,
      direction: 'higher',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
    {
      id: 'speedUp',
      label: { zh: '提速比', en: 'Speed-up vs statutory limit' },
      description: {
        zh: '实际办理工作日比法定时限缩短的比例：1 − 实际总工作日 ÷ 法定总工作日。',
        en: 'How much shorter the actual working days are than the statutory limits: 1 − Σactual ÷ Σstatutory.',
      },
      numerator: [cases.statSum, minus(cases.durSum)],
      denominator: [cases.statSum],
      sample: [cases.cases],
      role: 'score',
      weight: 0.15,
      direction: 'higher',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
    {
      id: 'callbackOnTime',
      label: { zh: '差评按时回访率', en: 'Callbacks on time' },
      description: {
        zh: '应回访的实名差评中，按时完成回访的比例（只计已到期或已回访的）。',
        en: 'Share of real-name bad reviews called back by the deadline (those done or past due).',
      },
      numerator: [ratings.cbOnTime],
      denominator: [ratings.cbSettled],
      role: 'score',
      weight: 0.1,
      direction: 'higher',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
    {
      id: 'rectificationOnTime',
      label: { zh: '差评按时整改率', en: 'Rectifications on time' },
      description: {
        zh: '差评整改中在期限内办结的比例（只计已办结或已逾期的）。',
        en: 'Share of bad-review rectifications settled by the deadline (those settled or past due).',
      },
      numerator: [ratings.rectOnTime],
      denominator: [ratings.rectSettled],
      role: 'score',
      weight: 0.15,
      direction: 'higher',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
    {
      id: 'critiqueOnTime',
      label: { zh: '找茬按时答复率', en: 'Critiques answered on time' },
      description: {
        zh: '转办本单位的找茬意见中，在答复期限内公开答复的比例（已答复的与逾期未答复的合计为分母）。',
        en: 'Share of critiques routed to the unit answered in public by the reply deadline (of those answered or overdue).',
      },
      numerator: [critiques.answeredOnTime],
      denominator: [critiques.answered, critiques.overdue],
      role: 'score',
      weight: 0.1,
      direction: 'higher',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
    {
      id: 'redWarnings',
      label: { zh: '红灯预警扣分', en: 'Red-warning penalty' },
      description: {
        zh: '办结件中超过承诺时限（亮红灯）的比例，最多扣10分。',
        en: 'Share of completed cases that ran past the promised limit (a red warning); up to 10 points off.',
      },
      numerator: [cases.cases, minus(cases.onTime)],
      denominator: [cases.cases],
      role: 'penalty',
      weight: 10,
      direction: 'lower',
      normalisation: { kind: 'range', min: 0, max: 1 },
    },
  ],
};
