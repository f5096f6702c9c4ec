/**
 * The versioned evaluation content (functions/domain/ratings/content.ts): the national
 * indicator sets, the set a rating channel picks, the check of an answer against a
 * version, which version is in force on a date, and reading a rating stored before
 * versioned content (migration in read).
 */
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import {
  CONTENT_VERSIONS,
  type ContentVersion,
  checkContent,
  contentAt,
  indicatorSetOf,
  LEGACY_CONTENT_VERSION,
  LEVELS,
  RATING_CHANNELS,
  reasonName,
} from '../../functions/domain/ratings/content.js';
import { buildRating } from '../../functions/domain/ratings/rating.js';
import { ratingItem, ratingOf } from '../../functions/store/ratings.js';

const v1 = CONTENT_VERSIONS[0]!;
const CASE = {
  caseId: 'C1',
  serviceCode: 'FOOD',
  departmentId: 'market',
  channel: 'window',
  completedAt: '2026-11-10T07:00:00.000Z',
};
const ctx = {
  now: new Date('2026-11-20T02:00:00Z'),
  calendar: defaultCalendar(),
  secret: 'unit-secret-0123456789-abcdefghijkl',
};

describe('the national content', () => {
  it('ships the online and offline indicators and the five levels in order', () => {
    expect(v1.sets.online.map((i) => i.name)).toEqual([
      '整体满意度',
      '办事效率',
      '办事指南精确度',
      '办事便捷度',
      '平台操作性',
    ]);
    expect(v1.sets.offline.map((i) => i.name)).toEqual(['整体满意度', '服务效率', '服务水平', '服务态度']);
    expect(LEVELS.map((l) => l.name)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    for (const set of [v1.sets.online, v1.sets.offline])
      for (const i of set) expect(Object.keys(i.levels).sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('has unique reason ids within each set, each with its indicator', () => {
    for (const set of [v1.sets.online, v1.sets.offline]) {
      const ids = set.flatMap((i) => i.reasons.map((r) => r.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(reasonName(v1.version, 'guide.mismatch')).toEqual({
      indicator: '办事指南精确度',
      reason: '指南与实际要求不符',
    });
    expect(reasonName(v1.version, 'nope')).toBeUndefined();
    expect(reasonName('no-such-version', 'guide.mismatch')).toBeUndefined();
  });

  it('picks the version in force on a date, later versions from their effective date', () => {
    const v2: ContentVersion = { ...v1, version: 'city-2027', effectiveFrom: '2027-01-01' };
    expect(contentAt('2026-12-31', [v1, v2]).version).toBe(v1.version);
    expect(contentAt('2027-01-01', [v1, v2]).version).toBe('city-2027');
  });
});

describe('the indicator set a rating channel picks', () => {
  it('is offline at the hall, online for partner systems, the case’s own for a link or the hotline', () => {
    expect(RATING_CHANNELS).toHaveLength(7);
    expect(indicatorSetOf('window-device', 'online')).toBe('offline');
    expect(indicatorSetOf('staff-assisted', 'online')).toBe('offline');
    expect(indicatorSetOf('partner-system', 'window')).toBe('online');
    expect(indicatorSetOf('web-link', 'mobile')).toBe('online');
    expect(indicatorSetOf('hotline', 'window')).toBe('offline');
    expect(indicatorSetOf('web-link', undefined)).toBe('offline');
  });
});

describe('checking an answer against a version', () => {
  it('accepts the set’s indicators and the version’s reasons on a bad review', () => {
    expect(
      checkContent(
        { score: 1, indicators: { efficiency: 1, attitude: 2 }, reasons: ['efficiency.long-wait'] },
        v1,
        'offline',
      ),
    ).toEqual([]);
  });
  it('refuses an indicator of the other set, the overall indicator, unknown reasons and reasons on a good review', () => {
    expect(
      checkContent({ score: 3, indicators: { usability: 2 } }, v1, 'offline').map((p) => p.field),
    ).toEqual(['indicators.usability']);
    expect(checkContent({ score: 3, indicators: { overall: 3 } }, v1, 'online').map((p) => p.field)).toEqual([
      'indicators.overall',
    ]);
    expect(
      checkContent({ score: 1, reasons: ['efficiency.slow', 'made.up'] }, v1, 'online').map((p) => p.field),
    ).toEqual(['reasons.1']);
    expect(
      checkContent({ score: 4, reasons: ['efficiency.slow'] }, v1, 'online').map((p) => p.field),
    ).toEqual(['reasons']);
    // 排队等候时间长 is a reason of the offline set only.
    expect(checkContent({ score: 1, reasons: ['efficiency.long-wait'] }, v1, 'online')).toHaveLength(1);
  });
});

describe('a rating records its content and channel', () => {
  it('stores the version in force, the rating channel and the set it picked; reasons on bad reviews only', () => {
    const r = buildRating(
      {
        score: 2,
        ratingChannel: 'hotline',
        indicators: { efficiency: 1 },
        reasons: ['efficiency.slow', 'efficiency.slow'],
      },
      CASE,
      ctx,
    );
    expect(r).toMatchObject({
      contentVersion: v1.version,
      ratingChannel: 'hotline',
      indicatorSet: 'offline',
      indicators: { efficiency: 1 },
      reasons: ['efficiency.slow'],
    });
    const good = buildRating({ score: 5 }, { ...CASE, channel: 'online' }, ctx);
    expect(good).toMatchObject({ ratingChannel: 'web-link', indicatorSet: 'online' });
    expect(good.reasons).toBeUndefined();
  });

  it('reads a rating stored before versioned content as a web-link rating of the legacy version, sub-scores kept', () => {
    const item = ratingItem(buildRating({ score: 4, subScores: { attitude: 5 } }, CASE, ctx));
    for (const k of ['contentVersion', 'ratingChannel', 'indicatorSet']) delete item[k];
    const read = ratingOf(item);
    expect(read).toMatchObject({
      contentVersion: LEGACY_CONTENT_VERSION,
      ratingChannel: 'web-link',
      indicatorSet: 'offline',
      subScores: { attitude: 5 },
      score: 4,
    });
    // A stored version is kept as it was.
    expect(
      ratingOf(ratingItem(buildRating({ score: 4, ratingChannel: 'window-qr' }, CASE, ctx))).ratingChannel,
    ).toBe('window-qr');
  });
});

describe('the city’s callback period', () => {
  it('is 2 working days unless the city sets its own (Zhejiang: 1), from the one config source', async () => {
    const { readConfig } = await import('../../functions/shared/config.js');
    expect(readConfig({}).callbackWorkingDays).toBe(2);
    expect(readConfig({ WOODPECKER_CALLBACK_WORKING_DAYS: '1' }).callbackWorkingDays).toBe(1);
    expect(readConfig({ WOODPECKER_CALLBACK_WORKING_DAYS: 'x' }).callbackWorkingDays).toBe(2);
    // Friday 2026-11-20: 1 working day → Mon 23 Nov; the default 2 → Tue 24 Nov.
    expect(buildRating({ score: 1 }, CASE, { ...ctx, callbackWorkingDays: 1 }).callbackDueDate).toBe(
      '2026-11-23',
    );
    expect(buildRating({ score: 1 }, CASE, ctx).callbackDueDate).toBe('2026-11-24');
  });
});
