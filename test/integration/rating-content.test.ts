/**
 * Versioned content through the rating link on DynamoDB Local: a rating given with the
 * indicators of its set and bad-review reasons stores the content version, its rating
 * channel and set; an indicator of the other set or an unknown reason is a 400 in the
 * contract's error shape with the field named, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_VERSIONS } from '../../functions/domain/ratings/content.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let t: TestPlatform;
const tokens = new Map<string, string>();
const rate = (caseId: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/ratings', { body: { caseId, token: tokens.get(caseId), ...body } });

beforeAll(async () => {
  t = await startTestPlatform({ now: '2026-11-20T10:00:00+08:00' });
  await seedCatalogue(t);
  const system = await t.token('system');
  const food = (caseId: string, channel: string) => ({
    caseId,
    serviceCode: 'FOOD',
    acceptedAt: '2026-11-02T09:00:00+08:00',
    completedAt: '2026-11-10T15:00:00+08:00',
    channel,
  });
  const res = await t.call('POST', '/api/v1/cases:batch', {
    token: system,
    body: { cases: [food('VC1', 'window'), food('VC2', 'online')] },
  });
  expect(res.status).toBe(200);
  for (const r of res.body.results)
    if (r.ratingUrl) tokens.set(r.caseId, new URL(r.ratingUrl).searchParams.get('t')!);
});
afterAll(() => t?.stop());

describe('rating under the versioned content', () => {
  it('refuses an indicator of the other set and an unknown reason with 400, storing nothing', async () => {
    const res = await rate('VC1', { score: 1, indicators: { usability: 1 }, reasons: ['made.up'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.text).toContain('indicators.usability');
    expect(res.text).toContain('reasons.0');
    expect(await t.platform.ratings.get('VC1')).toBeUndefined();
    const channel = await rate('VC1', { score: 5, ratingChannel: 'hotline' });
    expect(channel.status).toBe(400);
  });

  it('stores the content version, the rating channel, its set, the indicators and the reasons', async () => {
    const res = await rate('VC1', {
      score: 2,
      ratingChannel: 'window-qr',
      indicators: { efficiency: 1, attitude: 3 },
      reasons: ['efficiency.long-wait'],
    });
    expect(res.status).toBe(201);
    const version = CONTENT_VERSIONS.at(-1)!.version;
    expect(res.body).toMatchObject({
      contentVersion: version,
      ratingChannel: 'window-qr',
      indicatorSet: 'offline',
    });
    expect(await t.platform.ratings.get('VC1')).toMatchObject({
      contentVersion: version,
      indicators: { efficiency: 1, attitude: 3 },
      reasons: ['efficiency.long-wait'],
    });
    const online = await rate('VC2', { score: 4, indicators: { usability: 4 } });
    expect(online.status).toBe(201);
    expect(online.body).toMatchObject({ ratingChannel: 'web-link', indicatorSet: 'online' });
  });
});
