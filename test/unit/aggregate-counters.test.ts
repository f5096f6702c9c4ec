/**
 * The counter names of the monthly aggregates are declared once per feature
 * (`counters.ts` in its domain folder). These tests pin the stored names byte for byte (they are in
 * DynamoDB and in the recount's output), check that every name a contribution writes is
 * a declared one, and that the ranking method reads only declared names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase, CHANNELS } from '../../functions/domain/cases/case.js';
import { caseContributions } from '../../functions/domain/cases/case-contribution.js';
import { CASE_COUNTER_NAMES, CASE_COUNTERS } from '../../functions/domain/cases/counters.js';
import { critiqueContributions } from '../../functions/domain/critiques/contribution.js';
import { CRITIQUE_COUNTER_NAMES, CRITIQUE_COUNTERS } from '../../functions/domain/critiques/counters.js';
import { RANKING_COUNTERS } from '../../functions/domain/rankings/counters.js';
import { DEFAULT_METHOD } from '../../functions/domain/rankings/default-method.js';
import { referencedCounters } from '../../functions/domain/rankings/method.js';
import { RATING_COUNTER_NAMES } from '../../functions/domain/ratings/counters.js';
import {
  buildRating,
  CALLBACK_OUTCOMES,
  type Rating,
  RECTIFICATION_STATUSES,
  type Score,
} from '../../functions/domain/ratings/rating.js';
import { ratingContributions } from '../../functions/domain/ratings/rating-contribution.js';

const calendar = defaultCalendar();

const namesWritten = (contributions: { counters: Record<string, number> }[]) =>
  new Set(contributions.flatMap((c) => Object.keys(c.counters)));

describe('stored counter names', () => {
  it('are the names already in the table, byte for byte', () => {
    expect(Object.values(CASE_COUNTERS)).toEqual([
      'received',
      'cases',
      'durSum',
      'onTime',
      'statSum',
      'promSum',
      'suspDays',
      'hotline',
    ]);
    expect(CASE_COUNTER_NAMES).toContain('h0');
    expect(CASE_COUNTER_NAMES).toContain('h37');
    expect([...RATING_COUNTER_NAMES].sort()).toEqual(
      [
        'ratings',
        'scoreSum',
        'comments',
        'bad',
        'cbReq',
        'cbDone',
        'cbOnTime',
        'cbSettled',
        'cbOverdue',
        'rectReq',
        'rectPlanned',
        'rectDone',
        'rectFixed',
        'rectCannot',
        'rectOnTime',
        'rectSettled',
        'rectOverdue',
        'appealed',
        'fbSat',
        'fbUnsat',
        'r1',
        'r2',
        'r3',
        'r4',
        'r5',
        'subEfficiencySum',
        'subEfficiencyN',
        'subAttitudeSum',
        'subAttitudeN',
        'subGuideAccuracySum',
        'subGuideAccuracyN',
        'subConvenienceSum',
        'subConvenienceN',
      ].sort(),
    );
    expect(Object.values(CRITIQUE_COUNTERS)).toEqual([
      'crRecv',
      'crAns',
      'crOnTime',
      'crDaysSum',
      'crRect',
      'crOverdue',
      'crSolved',
      'crNotSolved',
    ]);
    expect(CRITIQUE_COUNTER_NAMES).toContain('crh0');
    expect(CRITIQUE_COUNTER_NAMES).toContain('crh37');
  });

  it('do not collide between features that share aggregate items', () => {
    const all = [...CASE_COUNTER_NAMES, ...RATING_COUNTER_NAMES, ...CRITIQUE_COUNTER_NAMES];
    expect(new Set(all).size).toBe(all.length);
  });

  it('cover every counter the ranking method reads (but the one it counts itself)', () => {
    const declared = new Set<string>([
      ...CASE_COUNTER_NAMES,
      ...RATING_COUNTER_NAMES,
      ...CRITIQUE_COUNTER_NAMES,
      ...Object.values(RANKING_COUNTERS),
    ]);
    const read = referencedCounters(DEFAULT_METHOD);
    expect(read.filter((name) => !declared.has(name))).toEqual([]);
    expect(read).toContain('durSum');
    expect(read).toContain('crOverdue');
  });
});

describe('what contributions write', () => {
  const RATED = {
    caseId: 'C1',
    serviceCode: 'FOOD',
    departmentId: 'market',
    district: '浦东新区',
    windowId: 'market-w1',
    staffId: 's1',
    channel: 'window',
    completedAt: '2024-09-26T15:00:00+08:00',
    applicantPhoneHash: 'h',
  };
  const ratingArb = fc.record({
    score: fc.constantFrom<Score>(1, 2, 3, 4, 5),
    sub: fc.option(fc.constantFrom<Score>(1, 2, 3, 4, 5), { nil: undefined }),
    comment: fc.option(fc.constant('慢'), { nil: undefined }),
    outcome: fc.option(fc.constantFrom(...CALLBACK_OUTCOMES), { nil: undefined }),
    callbackOnTime: fc.boolean(),
    rectStatus: fc.option(fc.constantFrom(...RECTIFICATION_STATUSES), { nil: undefined }),
    rectOnTime: fc.boolean(),
    callbackOverdue: fc.boolean(),
    rectificationOverdue: fc.boolean(),
    appealed: fc.boolean(),
    satisfied: fc.option(fc.boolean(), { nil: undefined }),
  });

  it('ratings write only declared names, whatever their follow-up', () => {
    const declared = new Set<string>(RATING_COUNTER_NAMES);
    const seen = new Set<string>();
    fc.assert(
      fc.property(ratingArb, (x) => {
        const built = buildRating(
          {
            score: x.score,
            subScores: x.sub
              ? { efficiency: x.sub, attitude: x.sub, guideAccuracy: x.sub, convenience: x.sub }
              : {},
            comment: x.comment,
          },
          RATED,
          {
            now: new Date('2024-09-27T10:00:00+08:00'),
            calendar,
            secret: 'unit-secret-0123456789-abcdefghij',
          },
        );
        const at = '2024-09-28T10:00:00.000Z';
        const r: Rating = {
          ...built,
          callback: x.outcome
            ? {
                at,
                by: 'u',
                outcome: x.outcome,
                recordedAt: at,
                recordedBy: 'u',
                onTime: x.callbackOnTime,
                attempts: 1,
              }
            : undefined,
          rectification: x.rectStatus
            ? { plan: 'p', status: x.rectStatus, recordedAt: at, recordedBy: 'u', onTime: x.rectOnTime }
            : undefined,
          callbackOverdue: x.callbackOverdue,
          rectificationOverdue: x.rectificationOverdue,
          appeal: x.appealed
            ? { kind: 'mistaken', reason: 'r', filedAt: at, filedBy: 'u', status: 'pending' }
            : undefined,
          feedback: x.satisfied === undefined ? undefined : { satisfied: x.satisfied, at },
        };
        for (const name of namesWritten(ratingContributions({ type: 'rating', ...r }))) {
          expect(declared.has(name), name).toBe(true);
          seen.add(name);
        }
      }),
      { numRuns: 400 },
    );
    // …and every declared name is written by some rating.
    expect([...declared].filter((name) => !seen.has(name))).toEqual([]);
  });

  it('cases write only declared names, open or completed, on any channel', () => {
    const declared = new Set<string>(CASE_COUNTER_NAMES);
    const limits = [{ effectiveFrom: '1900-01-01', statutoryDays: 20, promisedDays: 10 }];
    const ctx = { today: '2026-11-20', departmentId: 'housing', district: '徐汇区', limits, calendar };
    for (const channel of CHANNELS)
      for (const completedAt of [undefined, '2025-07-14T10:00:00+08:00', '2025-09-30T10:00:00+08:00']) {
        const built = buildCase(
          {
            caseId: 'B1',
            serviceCode: 'BUILD',
            acceptedAt: '2025-06-30T09:00:00+08:00',
            completedAt,
            channel,
          },
          ctx,
        );
        if (!built.ok) throw new Error(built.errors.join('; '));
        for (const name of namesWritten(caseContributions({ type: 'case', ...built.record })))
          expect(declared.has(name), name).toBe(true);
      }
  });

  it('critiques write only declared names', () => {
    const declared = new Set<string>(CRITIQUE_COUNTER_NAMES);
    const item = {
      type: 'critique',
      trackingCode: 'K7Q2',
      status: 'rectified',
      createdAt: '2026-11-20T02:00:00.000Z',
      assignedDepartmentId: 'market',
      district: '浦东新区',
      serviceCode: 'FOOD',
      overdue: true,
      confirmation: 'solved',
      notSolvedCount: 1,
      firstAnsweredAt: '2026-12-01T02:00:00.000Z',
      responseDays: 7,
      answeredOnTime: false,
    };
    const written = namesWritten(critiqueContributions(item));
    expect([...written].filter((name) => !declared.has(name))).toEqual([]);
    expect(written).toContain('crh7');
  });
});
