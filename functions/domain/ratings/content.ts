/**
 * The evaluation content of 好差评 as versioned data (国办发〔2019〕51号, GB/T 39734-2020,
 * GB/T 39735-2020): the ways a rating is given (rating channels), the two indicator
 * sets (online, offline), the five levels with the content shown per level, and the
 * bad-review reasons by indicator. The national content may not be changed without
 * approval, so it is never edited in place: a change is a new entry of
 * {@link CONTENT_VERSIONS} with its effective date, and every rating stores the version
 * it was given under, so earlier ratings keep their meaning. Pure: no AWS or HTTP.
 *
 * The reason lists are Woodpecker's initial classification, NOT GB/T 39734 Annex A
 * (whose text is not available here): a city replaces them with the official list by
 * adding a version (docs/domain.md § Evaluation content).
 */
import type { IsoDate } from '../calendar/index.js';

/**
 * How a rating itself was given — separate from the case's own channel (a case handled
 * online may be rated on the hotline): web link (SMS), QR code at the window, the
 * window's rating device (评价器), hotline/IVR, self-service terminal, staff-assisted
 * entry, and a partner system (the city's 一网通办 site or mini-program).
 */
export const RATING_CHANNELS = [
  'web-link',
  'window-qr',
  'window-device',
  'hotline',
  'self-service',
  'staff-assisted',
  'partner-system',
] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export function isRatingChannel(value: unknown): value is RatingChannel {
  return typeof value === 'string' && (RATING_CHANNELS as readonly string[]).includes(value);
}

/** The two national indicator sets: 线上 (online services) and 线下 (at the hall). */
export const INDICATOR_SETS = ['online', 'offline'] as const;
export type IndicatorSet = (typeof INDICATOR_SETS)[number];

/** A level 1–5 (the same values as rating.ts `Score`, declared here so the content depends on nothing). */
export type Score = 1 | 2 | 3 | 4 | 5;

/** The five levels, best first, with their national names. Levels 1–2 are bad reviews. */
export const LEVELS: readonly { score: Score; name: string }[] = [
  { score: 5, name: '非常满意' },
  { score: 4, name: '满意' },
  { score: 3, name: '基本满意' },
  { score: 2, name: '不满意' },
  { score: 1, name: '非常不满意' },
];

/** The indicator every set starts with: it is the rating's `score`. */
export const OVERALL_INDICATOR = 'overall';

export interface BadReason {
  /** Stable within a version; stored on the rating. */
  id: string;
  name: string;
}

export interface Indicator {
  id: string;
  name: string;
  /** What the rater is shown at each level (the content shown per level). */
  levels: Record<Score, string>;
  /** Why a bad review (level 1–2) of this indicator was given. */
  reasons: readonly BadReason[];
}

export interface ContentVersion {
  /** Stored on every rating given under it. */
  version: string;
  /** Beijing date from which new ratings are given under it. */
  effectiveFrom: IsoDate;
  /** Where the content comes from, and what of it is the city's own. */
  source: string;
  sets: Record<IndicatorSet, readonly Indicator[]>;
}

/** Ratings stored before content was versioned: a score and four optional sub-scores. */
export const LEGACY_CONTENT_VERSION = 'woodpecker-legacy-1';

const levels = (subject: string): Record<Score, string> => ({
  5: `${subject}非常满意`,
  4: `${subject}满意`,
  3: `${subject}基本满意`,
  2: `${subject}不满意`,
  1: `${subject}非常不满意`,
});

const overall: Indicator = {
  id: OVERALL_INDICATOR,
  name: '整体满意度',
  levels: levels('对本次办事整体'),
  reasons: [
    { id: 'overall.unresolved', name: '诉求未得到解决' },
    { id: 'overall.other', name: '其他' },
  ],
};

const efficiencyReasons: readonly BadReason[] = [
  { id: 'efficiency.slow', name: '办理时间长' },
  { id: 'efficiency.repeat-visits', name: '多次跑动' },
  { id: 'efficiency.overdue', name: '超过承诺时限' },
];

/** The first version: the national indicators with Woodpecker's initial reason lists. */
const V1: ContentVersion = {
  version: 'gbt39734-2020.v1',
  effectiveFrom: '2020-01-01',
  source:
    'Indicators and levels: 国办发〔2019〕51号, GB/T 39734-2020, GB/T 39735-2020. Bad-review reasons: Woodpecker’s initial list, to be replaced by the city with GB/T 39734 Annex A by loading a new version.',
  sets: {
    online: [
      overall,
      {
        id: 'efficiency',
        name: '办事效率',
        levels: levels('对网上办理的速度'),
        reasons: efficiencyReasons,
      },
      {
        id: 'guideAccuracy',
        name: '办事指南精确度',
        levels: levels('对办事指南的准确程度'),
        reasons: [
          { id: 'guide.mismatch', name: '指南与实际要求不符' },
          { id: 'guide.unclear', name: '指南表述不清' },
          { id: 'guide.outdated', name: '指南未及时更新' },
        ],
      },
      {
        id: 'convenience',
        name: '办事便捷度',
        levels: levels('对办事的便捷程度'),
        reasons: [
          { id: 'convenience.extra-materials', name: '要求提交额外材料' },
          { id: 'convenience.not-online', name: '不能全程网办' },
        ],
      },
      {
        id: 'usability',
        name: '平台操作性',
        levels: levels('对平台操作'),
        reasons: [
          { id: 'usability.hard-to-find', name: '事项难以找到' },
          { id: 'usability.errors', name: '系统出错或卡顿' },
        ],
      },
    ],
    offline: [
      overall,
      {
        id: 'efficiency',
        name: '服务效率',
        levels: levels('对窗口办理的速度'),
        reasons: [...efficiencyReasons, { id: 'efficiency.long-wait', name: '排队等候时间长' }],
      },
      {
        id: 'serviceLevel',
        name: '服务水平',
        levels: levels('对工作人员的业务水平'),
        reasons: [
          { id: 'service.unclear-answer', name: '解答不清楚' },
          { id: 'service.one-time-notice', name: '未一次性告知' },
        ],
      },
      {
        id: 'attitude',
        name: '服务态度',
        levels: levels('对工作人员的服务态度'),
        reasons: [
          { id: 'attitude.rude', name: '态度生硬' },
          { id: 'attitude.absent', name: '窗口无人' },
        ],
      },
    ],
  },
};

/** Every version, oldest first. Add a version to change content; never edit one in use. */
export const CONTENT_VERSIONS: readonly ContentVersion[] = [V1];

/** The version new ratings are given under on `date` (the latest effective by then). */
export function contentAt(
  date: IsoDate,
  versions: readonly ContentVersion[] = CONTENT_VERSIONS,
): ContentVersion {
  let current = versions[0];
  for (const v of versions) if (v.effectiveFrom <= date) current = v;
  if (!current) throw new Error('no evaluation content version');
  return current;
}

/** A version by its id (a stored rating's), or undefined. */
export function contentVersion(
  id: string,
  versions: readonly ContentVersion[] = CONTENT_VERSIONS,
): ContentVersion | undefined {
  return versions.find((v) => v.version === id);
}

/** Case channels whose service is delivered online (functions/domain/cases/case.ts CHANNELS). */
const ONLINE_CASE_CHANNELS = new Set(['online', 'mobile']);

/**
 * Which indicator set a rating uses. At the hall (QR at the window, the window device,
 * a self-service terminal, staff-assisted entry) it is offline; a partner system is the
 * city's online platform, so online; a web link or the hotline rates the case as it was
 * delivered, so it follows the case's channel.
 */
export function indicatorSetOf(ratingChannel: RatingChannel, caseChannel: string | undefined): IndicatorSet {
  switch (ratingChannel) {
    case 'window-qr':
    case 'window-device':
    case 'self-service':
    case 'staff-assisted':
      return 'offline';
    case 'partner-system':
      return 'online';
    case 'web-link':
    case 'hotline':
      return caseChannel && ONLINE_CASE_CHANNELS.has(caseChannel) ? 'online' : 'offline';
  }
}

/** What a rater gave beside the overall score, checked against one version and set. */
export interface ContentAnswer {
  score: Score;
  /** Indicator id → level, for the set's indicators other than `overall`. */
  indicators?: Record<string, Score> | undefined;
  /** Bad-review reason ids of this version (bad reviews only). */
  reasons?: readonly string[] | undefined;
}

export interface ContentProblem {
  field: string;
  message: string;
}

/**
 * The problems of an answer under a version and set: an indicator not in the set, a
 * reason not in the version, reasons on a good review. Empty when it is acceptable.
 */
export function checkContent(
  answer: ContentAnswer,
  version: ContentVersion,
  set: IndicatorSet,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const indicators = version.sets[set];
  const ids = new Set(indicators.map((i) => i.id));
  for (const id of Object.keys(answer.indicators ?? {})) {
    if (id === OVERALL_INDICATOR)
      problems.push({ field: `indicators.${id}`, message: 'the overall level is the score itself' });
    else if (!ids.has(id))
      problems.push({
        field: `indicators.${id}`,
        message: `not an indicator of the ${set} set of ${version.version}: expected one of ${[...ids].filter((i) => i !== OVERALL_INDICATOR).join(', ')}`,
      });
  }
  if (answer.reasons?.length) {
    if (answer.score > 2)
      problems.push({ field: 'reasons', message: 'reasons are given with a bad review (score 1–2) only' });
    const known = new Set(indicators.flatMap((i) => i.reasons.map((r) => r.id)));
    for (const [n, id] of answer.reasons.entries())
      if (!known.has(id))
        problems.push({
          field: `reasons.${n}`,
          message: `not a bad-review reason of ${version.version} (${set})`,
        });
  }
  return problems;
}

/** A reason's name and its indicator's, for the console and reports (undefined when unknown). */
export function reasonName(
  versionId: string,
  reasonId: string,
): { indicator: string; reason: string } | undefined {
  const v = contentVersion(versionId);
  if (!v) return undefined;
  for (const set of INDICATOR_SETS)
    for (const i of v.sets[set]) {
      const r = i.reasons.find((x) => x.id === reasonId);
      if (r) return { indicator: i.name, reason: r.name };
    }
  return undefined;
}
