/**
 * The cost model (infra/cost): its arithmetic on hand-computed cases, that it grows with
 * volume, that every price names its source and date, that everything the profile
 * counts is priced, and that the item sizes the profile assumes hold for the items the
 * stores really build.
 */
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar/index.js';
import { buildCase } from '../../functions/domain/cases/case.js';
import { hashPhone, maskPhone } from '../../functions/domain/pii.js';
import { buildRating } from '../../functions/domain/ratings/rating.js';
import { caseItem } from '../../functions/store/cases.js';
import { keys } from '../../functions/store/keys.js';
import { ratingItem } from '../../functions/store/ratings.js';
import { itemBytes, readUnits, transactionalWriteUnits, writeUnits } from '../../infra/cost/item-size.js';
import {
  batchesPerMonth,
  costOf,
  estimate,
  monthlyUsage,
  newServiceShare,
  recordsPerBatch,
  SECONDS_PER_MONTH,
} from '../../infra/cost/model.js';
import { PRICE_FILE_DATE, prices, regions } from '../../infra/cost/prices.js';
import { AGGREGATE_WRITES, ITEM_KB, type ProfileContext, profile } from '../../infra/cost/profile.js';
import { renderMarkdown } from '../../infra/cost/render.js';
import { type Scenario, scenarios } from '../../infra/cost/scenarios.js';
import { scaleUsage, services, type UsageKey, usageKeys } from '../../infra/cost/usage.js';

const quiet: ProfileContext = {
  rowsPerBatch: 1,
  newServiceShare: 1,
  recordsPerAggregatorBatch: 1,
  cacheMissRatio: 1,
};

describe('cost arithmetic', () => {
  it('prices a usage by hand: 2 M WRU, 4 M RRU, 0.5 M invocations, 3 M API requests in us-east-1', () => {
    // DynamoDB 2 × 0.625 + 4 × 0.125 = 1.25 + 0.50 = 1.75 USD; Lambda 0.5 × 0.20 = 0.10 USD;
    // API Gateway 3 × 1.00 = 3.00 USD; total 4.85 USD.
    const c = costOf(
      { dynamoWru: 2_000_000, dynamoRru: 4_000_000, lambdaRequests: 500_000, apiRequests: 3_000_000 },
      'us-east-1',
    );
    expect(c.byService.DynamoDB.amount).toBeCloseTo(1.75, 10);
    expect(c.byService.Lambda.amount).toBeCloseTo(0.1, 10);
    expect(c.byService['API Gateway'].amount).toBeCloseTo(3, 10);
    expect(c.total).toBeCloseTo(4.85, 10);
    expect(c.currency).toBe('USD');
  });

  it('keeps SMS out of the total and in the total with SMS', () => {
    // 1,000 parts × 0.03 USD = 30 USD of SMS; 1 M WRU = 0.625 USD.
    const c = costOf({ smsParts: 1000, dynamoWru: 1_000_000 }, 'us-east-1');
    expect(c.total).toBeCloseTo(0.625, 10);
    expect(c.totalWithSms).toBeCloseTo(30.625, 10);
    expect(c.byService['SMS (SNS)'].unverified).toBe(true);
  });

  it('costs 1,000 ratings by hand from the profile', () => {
    // Per rating, with one record per aggregator batch:
    //   WRU = 0.93 × 1 (good review put) + 0.07 × 3 (bad review + 2 GSIs) + 1 (rated-staff roster)
    //       + 20 (aggregator: marker 2 + 3 small × 2 + 3 large × 4)
    //       + 0.07 × 3 follow-ups × (8 replace incl. GSIs + 20 aggregator) = 0.93 + 0.21 + 1 + 20 + 5.88 = 28.02
    //   RRU = 6 (form, BatchGet, done page) + 0.21 × 1 (follow-up GetItem) = 6.21
    // 1,000 ratings: 28,020 WRU × 0.625 / 1e6 = 0.0175125 USD; 6,210 RRU × 0.125 / 1e6 = 0.00077625 USD;
    // DynamoDB = 0.01828875 USD.
    const usage = scaleUsage(profile.rating(quiet), 1000);
    expect(usage.dynamoWru).toBeCloseTo(28_020, 6);
    expect(usage.dynamoRru).toBeCloseTo(6_210, 6);
    expect(costOf(usage, 'us-east-1').byService.DynamoDB.amount).toBeCloseTo(0.01828875, 12);
  });

  it('counts the aggregator writes of a case or rating record: 6 aggregates, transactional', () => {
    expect(AGGREGATE_WRITES.caseOrRating).toBe(2 + 3 * 2 + 3 * 4);
    expect(AGGREGATE_WRITES.critique).toBe(2 + 2 + 3 * 4);
  });

  it('batches feeds and stream records as the stacks do', () => {
    // A quiet feed: one row per push (2 systems × 43,830 pushes a month > 80,000 rows).
    expect(batchesPerMonth(80_000, 2, 1)).toBe(80_000);
    // A busy one: as many pushes as there are (20 × 43,830 = 876,600), never fewer than rows / 500.
    expect(batchesPerMonth(9_600_000, 20, 1)).toBeCloseTo(876_600, 6);
    expect(batchesPerMonth(10_000_000, 1, 60)).toBe(20_000);
    expect(batchesPerMonth(0, 1, 1)).toBe(0);
    expect(recordsPerBatch(10)).toBe(1);
    expect(recordsPerBatch(1e12)).toBe(100);
    // 1 M records a month at 3 × the average rate, 2 s windows: 1e6 / 2,629,800 × 6 ≈ 2.28.
    expect(recordsPerBatch(1_000_000)).toBeCloseTo((1_000_000 / SECONDS_PER_MONTH) * 6, 10);
    expect(newServiceShare(1, 800)).toBe(1);
    expect(newServiceShare(500, 5)).toBeCloseTo(5 / 500, 6);
  });
});

describe('cost model', () => {
  const scaled = (s: Scenario, k: number): Scenario => ({
    ...s,
    casesPerMonth: s.casesPerMonth * k,
    ratingsPerMonth: s.ratingsPerMonth * k,
    critiquesPerMonth: s.critiquesPerMonth * k,
    pageViewsPerMonth: s.pageViewsPerMonth * k,
    staff: s.staff * k,
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    'never costs less for more volume (%s), service by service and in every region',
    (_name, s) => {
      for (const k of [2, 10]) {
        const base = estimate(s, regions);
        const more = estimate(scaled(s, k), regions);
        base.costs.forEach((c, i) => {
          const bigger = more.costs[i]!;
          for (const svc of services)
            expect(bigger.byService[svc].amount).toBeGreaterThanOrEqual(c.byService[svc].amount - 1e-9);
          expect(bigger.total).toBeGreaterThan(c.total);
        });
      }
    },
  );

  it('orders the three scenarios by cost in both regions', () => {
    const totals = scenarios.map((s) => estimate(s, regions).costs.map((c) => c.total));
    for (const r of regions.keys()) {
      expect(totals[0]![r]!).toBeLessThan(totals[1]![r]!);
      expect(totals[1]![r]!).toBeLessThan(totals[2]![r]!);
    }
  });

  it('renders a public page only on an edge miss, and requests nothing of a bucket', () => {
    for (const s of scenarios) {
      const u = monthlyUsage(s);
      const views = u.byEvent.pageView;
      // Every miss of the 95 % that are public pages is one pages-function invocation.
      expect(views.usage.lambdaRequests).toBeCloseTo(
        s.pageViewsPerMonth * (0.95 * s.cacheMissRatio + 0.05),
        3,
      );
      expect(Object.keys(u.total).filter((k) => /^s3(Put|Get)/.test(k))).toEqual([]);
    }
  });

  it('renders a Markdown table with every service, the totals and the legend', () => {
    const md = renderMarkdown([estimate(scenarios[0]!, regions)]);
    for (const svc of ['Lambda', 'API Gateway', 'DynamoDB', 'CloudFront', 'S3', 'CloudWatch'])
      expect(md).toMatch(new RegExp(`^\\| ${svc} \\|`, 'm'));
    expect(md).toContain('| **Total** |');
    expect(md).toContain('| WAF | 9.');
    expect(md).toMatch(/\| WAF \| [\d.,]+ \| n\/a \|/);
    expect(md).toContain('free tiers excluded');
  });
});

describe('price file', () => {
  it('has a source, a date and a verification for every price', () => {
    for (const region of regions) {
      for (const [key, p] of Object.entries(prices[region])) {
        const where = `${region} ${key}`;
        expect(p.source, where).toMatch(
          /^https:\/\/(aws\.amazon\.com|www\.amazonaws\.cn)\/[a-z0-9/-]*pricing\/([a-z-]+\/)?$/,
        );
        expect(p.asOf, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.asOf <= PRICE_FILE_DATE, where).toBe(true);
        expect(p.region, where).toBe(region);
        expect(p.currency, where).toBe(region === 'us-east-1' ? 'USD' : 'CNY');
        expect(p.per, where).toBeGreaterThan(0);
        expect(p.unit.length, where).toBeGreaterThan(0);
        const v = p.verification;
        if (v.status === 'aws-page' || v.status === 'secondary') {
          expect(v.seenAt, where).toMatch(/^https?:\/\//);
          expect(v.pageDate.length, where).toBeGreaterThan(0);
          expect(p.price, where).toBeGreaterThan(0);
        } else if (v.status === 'unverified') {
          expect(v.note, where).toMatch(/unverified here/);
          expect(p.price, where).toBeGreaterThan(0);
        } else {
          expect(v.note, where).toMatch(/not available/);
          expect(p.price, where).toBe(0);
        }
      }
    }
  });

  it('prices every usage key the profile counts, in every region', () => {
    const counted = new Set<UsageKey>();
    for (const s of scenarios)
      for (const key of Object.keys(monthlyUsage(s).total) as UsageKey[]) counted.add(key);
    for (const key of counted) expect(usageKeys).toContain(key);
    for (const region of regions) for (const key of usageKeys) expect(prices[region][key], key).toBeDefined();
    // …and the profile counts every dimension there is (no priced line nobody uses).
    expect([...counted].sort()).toEqual([...usageKeys].sort());
  });
});

describe('item sizes the profile assumes', () => {
  const calendar = defaultCalendar();
  const secret = 'x'.repeat(64);
  const limits = [{ effectiveFrom: '1900-01-01', statutoryDays: 20, promisedDays: 10 }];
  const input = {
    caseId: '3301062025061900012345',
    serviceCode: '330106-SC-0001234-01',
    acceptedAt: '2025-06-10T09:30:00+08:00',
    windowId: 'WIN-330106-017',
    staffId: 'S-33010600231',
    channel: 'window' as const,
    applicantPhone: '13812345678',
    updatedAt: '2025-06-10T09:30:00+08:00',
  };
  const extra = {
    applicantPhoneHash: hashPhone(secret, input.applicantPhone),
    applicantPhoneMasked: maskPhone('13812345678'),
  };
  const ctx = { today: '2025-06-20', departmentId: 'D-330106-SCJG', district: '西湖区', limits, calendar };

  it('keeps a case item, open or completed, within one write unit and the profile size', () => {
    const open = buildCase(input, ctx);
    const done = buildCase(
      { ...input, completedAt: '2025-06-18T16:00:00+08:00', updatedAt: '2025-06-18T16:00:00+08:00' },
      ctx,
    );
    if (!open.ok || !done.ok) throw new Error('test cases must build');
    const sizes = [
      itemBytes(caseItem(open.record, extra, { warning: 'green', nextCheck: '2025-06-24' })),
      itemBytes(caseItem(done.record, extra, { warning: 'green', nextCheck: undefined })),
    ];
    for (const bytes of sizes) {
      expect(bytes).toBeLessThanOrEqual(ITEM_KB.case * 1024);
      expect(writeUnits(bytes)).toBe(1);
    }
  });

  it('keeps good and bad rating items within one write unit', () => {
    const done = buildCase({ ...input, completedAt: '2025-06-18T16:00:00+08:00' }, ctx);
    if (!done.ok) throw new Error('test case must build');
    const rated = {
      ...done.record,
      completedAt: done.record.completedAt!,
      applicantPhoneHash: extra.applicantPhoneHash,
    };
    const at = { now: new Date('2025-06-19T02:00:00Z'), calendar, secret };
    const good = ratingItem(
      buildRating(
        { score: 5, subScores: { efficiency: 5, attitude: 5, guideAccuracy: 5, convenience: 4 } },
        rated,
        at,
      ),
    );
    const bad = ratingItem(
      buildRating(
        {
          score: 2,
          comment: '窗口人员态度不好，等了两个小时才办完，材料要求也没有提前说清楚。',
          callback: { phone: '13812345678', name: '张先生' },
        } as Parameters<typeof buildRating>[0],
        rated,
        at,
      ),
    );
    expect(itemBytes(good)).toBeLessThanOrEqual(ITEM_KB.ratingGood * 1024);
    expect(itemBytes(bad)).toBeLessThanOrEqual(ITEM_KB.ratingBad * 1024);
    expect(writeUnits(itemBytes(bad))).toBe(1);
  });

  it('counts a stream marker as a tiny item and applies DynamoDB rounding', () => {
    const marker = {
      ...keys.streamMarker('c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6'),
      type: 'marker',
      v: 1,
      ttl: 1750000000,
    };
    expect(itemBytes(marker)).toBeLessThanOrEqual(ITEM_KB.marker * 1024);
    expect(transactionalWriteUnits(itemBytes(marker))).toBe(2);
    expect(writeUnits(1025)).toBe(2);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, false)).toBe(1);
    expect(itemBytes({ pk: 'ab', n: 12345, ok: true, list: ['x'] })).toBe(
      2 + 2 + 1 + 4 + 2 + 1 + 4 + 3 + 1 + 1,
    );
  });
});
