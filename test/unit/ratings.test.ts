/**
 * The pure rules of good/bad reviews: building a rating (deadlines in working days,
 * contact kept hashed and masked), the follow-up transitions, the sweeper's overdue
 * flags, what a rating adds to the aggregates, and the satisfaction figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulate, type Counters, pruneZeros } from '../../functions/domain/aggregates/contribution.js';
import { contributionsOf, deltaOf } from '../../functions/domain/aggregates/contributors.js';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import {
  canGiveFeedback,
  fileAppeal,
  giveFeedback,
  nextDueDate,
  recordCallback,
  recordRectification,
  ruleAppeal,
  sweepRating,
  type Transition,
} from '../../functions/domain/ratings/follow-up.js';
import {
  buildRating,
  cleanText,
  followUpState,
  isMobilePhone,
  type Rating,
  type RatingInput,
} from '../../functions/domain/ratings/rating.js';
import { ratingContributions } from '../../functions/domain/ratings/rating-contribution.js';
import { satisfactionOf, satisfactionSeries } from '../../functions/domain/ratings/satisfaction.js';
import { ratingItem } from '../../functions/store/ratings.js';

const calendar = defaultCalendar();
const SECRET = 'unit-secret-0123456789-abcdefghijklmnop';
const CASE = {
  caseId: 'C1',
  serviceCode: 'FOOD',
  departmentId: 'market',
  district: '浦东新区',
  windowId: 'market-w1',
  staffId: 's1',
  channel: 'window',
  completedAt: '2024-09-26T15:00:00+08:00',
};

function rate(
  input: Partial<RatingInput> & { score: RatingInput['score'] },
  at = '2024-09-27T10:00:00+08:00',
  extra = {},
) {
  return buildRating(input, { ...CASE, ...extra }, { now: new Date(at), calendar, secret: SECRET });
}

const ok = (t: Transition): Rating => {
  if (!t.ok) throw new Error(t.message);
  return t.rating;
};

describe('building a rating', () => {
  it('gives a bad review its deadlines in working days, across National Day and make-up days', () => {
    // Friday 27 Sep 2024: Sun 29 Sep and Sat 12 Oct are working days, 1–7 Oct are not.
    const r = rate({ score: 2 });
    expect(r).toMatchObject({
      bad: true,
      ratedDate: '2024-09-27',
      month: '2024-09',
      callbackDueDate: '2024-09-30',
      rectificationDueDate: '2024-10-23',
      rectificationDays: 15,
      callbackRequired: false,
      excluded: false,
      rev: 1,
    });
    const five = buildRating({ score: 1 }, CASE, {
      now: new Date('2024-09-27T10:00:00+08:00'),
      calendar,
      secret: SECRET,
      rectificationDays: 5,
    });
    expect(five.rectificationDueDate).toBe('2024-10-10');
  });

  it('counts a rating in its Beijing month, and gives good ones no follow-up', () => {
    const r = rate({ score: 4 }, '2024-09-30T17:30:00Z');
    expect(r).toMatchObject({ ratedDate: '2024-10-01', month: '2024-10', bad: false });
    expect(r.callbackDueDate).toBeUndefined();
    expect(followUpState(r)).toBe('none');
    expect(nextDueDate(r)).toBeUndefined();
  });

  it('keeps a callback contact only hashed and masked, and knows the applicant’s phone', () => {
    const phone = '+86 139-1234-5678';
    const r = rate({ score: 1, callback: { name: ' 王先生 ', phone, consent: true } });
    expect(r.contact).toMatchObject({
      name: '王先生',
      phoneMasked: '139****5678',
      retainUntil: '2025-03-26',
    });
    expect(JSON.stringify(r)).not.toContain('12345678');
    expect(r.callbackRequired).toBe(true);
    const applicant = rate({ score: 1, callback: { name: '王', phone, consent: true } }, undefined, {
      applicantPhoneHash: r.contact!.phoneHash,
    });
    expect(applicant.contact?.matchesApplicant).toBe(true);
    expect(rate({ score: 1 }, undefined, { applicantPhoneHash: 'x' }).callbackRequired).toBe(true);
  });

  it('cleans comments and checks mobile numbers', () => {
    expect(cleanText('  好\u0000评\r\n很快 ')).toBe('好评\n很快');
    expect(cleanText('   ')).toBeUndefined();
    expect(isMobilePhone('13912345678')).toBe(true);
    expect(isMobilePhone('+86 139 1234 5678')).toBe(true);
    expect(isMobilePhone('12912345678')).toBe(false);
    expect(isMobilePhone('021-12345678')).toBe(false);
  });
});

describe('the follow-up of a bad review', () => {
  const bad = rate({ score: 1, callback: { name: '王', phone: '13912345678', consent: true } });

  it('records a callback once, but lets an unreachable rater be called again', () => {
    const early = recordCallback(
      bad,
      { at: '2024-09-26T10:00:00+08:00', by: '张', outcome: 'resolved' },
      'u',
      new Date('2024-09-28T10:00:00+08:00'),
    );
    expect(early).toMatchObject({ ok: false, code: 'invalid_request' });
    const future = recordCallback(
      bad,
      { at: '2024-09-30T10:00:00+08:00', by: '张', outcome: 'resolved' },
      'u',
      new Date('2024-09-28T10:00:00+08:00'),
    );
    expect(future).toMatchObject({ ok: false, code: 'invalid_request' });
    const missed = ok(
      recordCallback(
        bad,
        { at: '2024-09-28T10:00:00+08:00', by: '张', outcome: 'unreachable' },
        'u',
        new Date('2024-09-28T10:05:00+08:00'),
      ),
    );
    expect(followUpState(missed)).toBe('open');
    const reached = ok(
      recordCallback(
        missed,
        { at: '2024-10-08T10:00:00+08:00', by: '张', outcome: 'explained' },
        'u',
        new Date('2024-10-08T10:05:00+08:00'),
      ),
    );
    expect(reached.callback).toMatchObject({ attempts: 2, onTime: false, outcome: 'explained' });
    expect(reached.rev).toBe(3);
    const twice = recordCallback(
      reached,
      { at: '2024-10-08T11:00:00+08:00', by: '张', outcome: 'resolved' },
      'u',
      new Date('2024-10-08T11:05:00+08:00'),
    );
    expect(twice).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('accepts a callback typed to the minute the review was given, not the minute before', () => {
    // The console's datetime-local field has no seconds: 10:00 stands for 10:00:00–10:00:59.
    const given = { ...bad, ratedAt: '2024-09-28T02:00:41.000Z' };
    const now = new Date('2024-09-28T02:01:00.000Z');
    const sameMinute = recordCallback(
      given,
      { at: '2024-09-28T10:00:00+08:00', by: '张', outcome: 'explained' },
      'u',
      now,
    );
    expect(sameMinute.ok).toBe(true);
    const minuteBefore = recordCallback(
      given,
      { at: '2024-09-28T09:59:00+08:00', by: '张', outcome: 'explained' },
      'u',
      now,
    );
    expect(minuteBefore).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('settles a rectification once, with evidence or an explanation', () => {
    const now = new Date('2024-10-10T10:00:00+08:00');
    expect(recordRectification(bad, { plan: 'p', status: 'cannot' }, 'u', now)).toMatchObject({
      ok: false,
      code: 'invalid_request',
    });
    expect(recordRectification(bad, { plan: 'p', status: 'done' }, 'u', now)).toMatchObject({ ok: false });
    const planned = ok(
      recordRectification(bad, { plan: 'p', status: 'planned', evidence: 'draft' }, 'u', now),
    );
    expect(planned.rectification?.onTime).toBeUndefined();
    expect(canGiveFeedback(planned)).toBe(false);
    const done = ok(recordRectification(planned, { plan: 'p2', status: 'done' }, 'u', now));
    expect(done.rectification).toMatchObject({ status: 'done', onTime: true, evidence: 'draft', plan: 'p2' });
    expect(recordRectification(done, { plan: 'p', status: 'planned' }, 'u', now)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const late = ok(
      recordRectification(
        bad,
        { plan: 'p', status: 'cannot', explanation: 'law' },
        'u',
        new Date('2024-10-24T09:00:00+08:00'),
      ),
    );
    expect(late.rectification?.onTime).toBe(false);
    // The rater's feedback, once, only after the rectification is settled.
    expect(giveFeedback(bad, { satisfied: true }, now)).toMatchObject({ ok: false, code: 'conflict' });
    const fb = ok(giveFeedback(done, { satisfied: false }, now));
    expect(canGiveFeedback(fb)).toBe(false);
    expect(giveFeedback(fb, { satisfied: true }, now)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('appeals once; an upheld appeal excludes the review, a rejected one lets it go on', () => {
    const now = new Date('2024-09-30T10:00:00+08:00');
    expect(fileAppeal(rate({ score: 4 }), { kind: 'malicious', reason: 'x' }, 'u', now)).toMatchObject({
      ok: false,
    });
    expect(ruleAppeal(bad, { decision: 'upheld', note: 'n' }, 'o', now)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    const appealed = ok(fileAppeal(bad, { kind: 'malicious', reason: '与办件无关' }, 'u', now));
    expect(followUpState(appealed)).toBe('appealed');
    expect(fileAppeal(appealed, { kind: 'mistaken', reason: 'again' }, 'u', now)).toMatchObject({
      ok: false,
    });
    const upheld = ok(ruleAppeal(appealed, { decision: 'upheld', note: '属实' }, 'o', now));
    expect(upheld).toMatchObject({ excluded: true, appeal: { status: 'upheld', ruledBy: 'o' } });
    expect(followUpState(upheld)).toBe('excluded');
    expect(
      recordCallback(upheld, { at: now.toISOString(), by: 'x', outcome: 'resolved' }, 'u', now),
    ).toMatchObject({ ok: false });
    expect(ruleAppeal(upheld, { decision: 'rejected', note: 'n' }, 'o', now)).toMatchObject({ ok: false });
    const rejected = ok(ruleAppeal(appealed, { decision: 'rejected', note: '不属实' }, 'o', now));
    expect(rejected.excluded).toBe(false);
    expect(followUpState(rejected)).toBe('open');
  });

  it('flags missed deadlines the day after, then moves on to the next or stops', () => {
    expect(nextDueDate(bad)).toBe('2024-10-01');
    expect(sweepRating(bad, '2024-09-30', new Date())).toBeUndefined();
    const cbLate = sweepRating(bad, '2024-10-01', new Date())!;
    expect(cbLate).toMatchObject({ callbackOverdue: true });
    expect(cbLate.rectificationOverdue).toBeUndefined();
    expect(nextDueDate(cbLate)).toBe('2024-10-24');
    const both = sweepRating(cbLate, '2024-10-30', new Date())!;
    expect(both).toMatchObject({ callbackOverdue: true, rectificationOverdue: true });
    // Only the contact's erasure is left to watch.
    expect(nextDueDate(both)).toBe('2025-03-26');
    const erased = sweepRating(both, '2025-03-26', new Date('2025-03-26T01:00:00Z'))!;
    expect(erased.contact).toBeUndefined();
    expect(erased.contactErasedAt).toBe('2025-03-26T01:00:00.000Z');
    expect(nextDueDate(erased)).toBeUndefined();
    expect(ratingItem(erased).gsi2pk).toBeUndefined();
    expect(ratingItem(bad)).toMatchObject({
      gsi2sk: '2024-10-01#RATING:C1',
      gsi1pk: 'DEPT#market#BADREVIEWS',
    });
  });
});

describe('what a rating adds to the aggregates', () => {
  it('attributes it to service, department, district, window, staff and city in its month', () => {
    const r = rate({ score: 2, subScores: { efficiency: 1, convenience: 3 }, comment: '慢' });
    const c = ratingContributions(ratingItem(r));
    expect(c.map((x) => `${x.scope}:${x.id}`).sort()).toEqual([
      'city:all',
      'dept:market',
      'district:浦东新区',
      'staff:market/s1',
      'svc:FOOD',
      'window:market-w1',
    ]);
    expect(c[0]).toMatchObject({
      month: '2024-09',
      counters: {
        ratings: 1,
        r2: 1,
        scoreSum: 2,
        bad: 1,
        comments: 1,
        subEfficiencySum: 1,
        subEfficiencyN: 1,
        subConvenienceSum: 3,
        subConvenienceN: 1,
        rectReq: 1,
      },
    });
    expect(c[0]!.counters.cbReq).toBeUndefined();
  });

  it('contributes nothing once excluded, so the aggregator takes it out of every figure', () => {
    const r = ok(
      fileAppeal(
        rate({ score: 1 }),
        { kind: 'malicious', reason: 'x' },
        'u',
        new Date('2024-09-28T00:00:00Z'),
      ),
    );
    const upheld = ok(
      ruleAppeal(r, { decision: 'upheld', note: 'n' }, 'o', new Date('2024-09-29T00:00:00Z')),
    );
    expect(contributionsOf(ratingItem(upheld))).toEqual([]);
    const delta = deltaOf(ratingItem(r), ratingItem(upheld));
    expect(delta.get('svc|FOOD|2024-09')).toMatchObject({ ratings: -1, r1: -1, bad: -1, appealed: -1 });
  });

  it('telescopes: the deltas along any follow-up add up to the final state', () => {
    const steps = [
      'callback',
      'unreachable',
      'plan',
      'done',
      'cannot',
      'appeal',
      'uphold',
      'reject',
      'feedback',
      'sweep',
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.constantFrom(...steps), { maxLength: 8 }),
        (score, plan) => {
          let r = rate({
            score: score as RatingInput['score'],
            callback: { name: 'a', phone: '13912345678', consent: true },
          });
          const totals = new Map<string, Counters>();
          accumulate(totals, contributionsOf(ratingItem(r)));
          let day = 0;
          for (const step of plan) {
            day++;
            const now = new Date(Date.parse('2024-09-27T12:00:00+08:00') + day * 3 * 86_400_000);
            const at = now.toISOString();
            const t: Transition | undefined =
              step === 'callback'
                ? recordCallback(r, { at, by: 'x', outcome: 'resolved' }, 'u', now)
                : step === 'unreachable'
                  ? recordCallback(r, { at, by: 'x', outcome: 'unreachable' }, 'u', now)
                  : step === 'plan'
                    ? recordRectification(r, { plan: 'p', status: 'planned' }, 'u', now)
                    : step === 'done'
                      ? recordRectification(r, { plan: 'p', status: 'done', evidence: 'e' }, 'u', now)
                      : step === 'cannot'
                        ? recordRectification(r, { plan: 'p', status: 'cannot', explanation: 'e' }, 'u', now)
                        : step === 'appeal'
                          ? fileAppeal(r, { kind: 'mistaken', reason: 'r' }, 'u', now)
                          : step === 'uphold'
                            ? ruleAppeal(r, { decision: 'upheld', note: 'n' }, 'o', now)
                            : step === 'reject'
                              ? ruleAppeal(r, { decision: 'rejected', note: 'n' }, 'o', now)
                              : step === 'feedback'
                                ? giveFeedback(r, { satisfied: day % 2 === 0 }, now)
                                : undefined;
            const next = t ? (t.ok ? t.rating : r) : (sweepRating(r, at.slice(0, 10), now) ?? r);
            for (const [k, v] of deltaOf(ratingItem(r), ratingItem(next)))
              accumulate(totals, [{ ...parse(k), counters: v }]);
            r = next;
          }
          const expected = new Map<string, Counters>();
          accumulate(expected, contributionsOf(ratingItem(r)));
          expect(pruneZeros(totals)).toEqual(pruneZeros(expected));
        },
      ),
      { numRuns: 200 },
    );
  });
});

function parse(key: string) {
  const [scope, id, month] = key.split('|') as ['svc', string, string];
  return { scope, id, month };
}

describe('satisfaction figures', () => {
  const counters = {
    ratings: 12,
    r1: 1,
    r2: 1,
    r3: 1,
    r4: 3,
    r5: 6,
    scoreSum: 48,
    bad: 2,
    cases: 24,
    cbReq: 2,
    cbDone: 1,
    rectSettled: 2,
    rectOnTime: 1,
  };

  it('computes unrounded rates and the satisfaction score (mean − 1) / 4', () => {
    const s = satisfactionOf(counters, 'public');
    expect(s).toMatchObject({
      ratings: 12,
      distribution: { '1': 1, '2': 1, '3': 1, '4': 3, '5': 6 },
      goodRate: 10 / 12,
      badRate: 2 / 12,
      meanScore: 4,
      satisfactionScore: 0.75,
      coverage: 0.5,
      callbackRate: 0.5,
      rectificationOnTimeRate: 0.5,
      tooFew: false,
    });
  });

  it('withholds judgements on fewer than 10 ratings in public, never for staff', () => {
    const few = { ratings: 9, r5: 9, scoreSum: 45, cases: 10 };
    expect(satisfactionOf(few, 'public')).toMatchObject({
      ratings: 9,
      distribution: { '5': 9 },
      coverage: 0.9,
      goodRate: null,
      badRate: null,
      satisfactionScore: null,
      tooFew: true,
    });
    expect(satisfactionOf(few, 'staff')).toMatchObject({ goodRate: 1, satisfactionScore: 1, tooFew: true });
    expect(satisfactionOf({}, 'staff')).toMatchObject({ ratings: 0, goodRate: null, coverage: null });
  });

  it('gives one point per month of the range', () => {
    const series = satisfactionSeries(new Map([['2024-10', counters]]), '2024-09', '2024-11', 'public');
    expect(series.map((p) => [p.month, p.ratings, p.tooFew])).toEqual([
      ['2024-09', 0, true],
      ['2024-10', 12, false],
      ['2024-11', 0, true],
    ]);
  });
});
