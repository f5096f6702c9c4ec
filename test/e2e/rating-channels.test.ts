/**
 * Rating channels in real Chromium: a tablet at a window set up with an office-issued
 * device key (评价器) rates the cases of its window and staff member with one tap and
 * resets to the next case, keeping a rating in its local queue while the network is
 * down and sending it when it returns; the hotline rates two other cases through the
 * system API; and a second channel rating a case already rated gets 409.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage } from '../support/browser.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

const TABLET = { width: 1024, height: 768 };

describe.runIf(CHROMIUM_PATH)('rating channels in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  let deviceKey: string;
  let hotlineKey: string;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
    const system = await s.token('system');
    const kase = (caseId: string, completedAt: string, staffId = 's1') => ({
      caseId,
      serviceCode: 'FOOD',
      acceptedAt: '2026-11-09T09:00:00+08:00',
      completedAt,
      windowId: 'market-w1',
      staffId,
    });
    const res = await s.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: {
        cases: [
          kase('W1', '2026-11-19T10:00:00+08:00'),
          kase('W2', '2026-11-19T11:00:00+08:00'),
          kase('H1', '2026-11-19T09:00:00+08:00', 's2'),
          kase('H2', '2026-11-19T09:30:00+08:00', 's2'),
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    const office = await s.token('office');
    const issue = async (body: Record<string, unknown>) => {
      const r = await s.call('POST', '/api/v1/staff/rating-keys', { token: office, body });
      expect(r.status, r.text).toBe(201);
      return r.body.apiKey as string;
    };
    deviceKey = await issue({
      name: '1号窗口评价器',
      departmentId: 'market',
      ratingChannel: 'window-device',
      windowId: 'market-w1',
      staffId: 's1',
    });
    hotlineKey = await issue({ name: '12345 热线', departmentId: 'market', ratingChannel: 'hotline' });
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  const hotline = (caseId: string, score: number) =>
    s.call('POST', '/api/v1/ratings/system', {
      body: { caseId, score },
      headers: { 'x-api-key': hotlineKey },
    });

  it('rates at the window on the 评价器, the hotline rates two other cases, and a second channel gets 409', async () => {
    const page = await newPage(browser, { viewport: TABLET });
    await page.goto(`${s.url}/rate/device`);
    await page.fill('#device-key', deviceKey);
    await page.click('form[action="/rate/device/setup"] button');
    await page.waitForURL(`${s.url}/rate/device`);
    // The latest completed case of its window and staff member, five large targets.
    await expect(page.locator('input[name=caseId]').inputValue()).resolves.toBe('W2');
    const buttons = page.locator('.device-levels button');
    await expect(buttons.count()).resolves.toBe(5);
    expect((await buttons.first().boundingBox())!.height).toBeGreaterThanOrEqual(64);
    expect(await axeViolations(page)).toEqual([]);

    await page.click('.device-levels button[value="5"]');
    await page.waitForURL(`${s.url}/rate/device?done=1`);
    // Reset for the next rater: the next unrated case of the window.
    await expect(page.locator('input[name=caseId]').inputValue()).resolves.toBe('W1');
    expect(await s.platform.ratings.get('W2')).toMatchObject({
      score: 5,
      ratingChannel: 'window-device',
      indicatorSet: 'offline',
      windowId: 'market-w1',
      staffId: 's1',
    });

    // Network down: the tap is kept on the device and sent once the network returns.
    await page.context().setOffline(true);
    await page.click('.device-levels button[value="2"]');
    await page.locator('#device-queue').waitFor({ state: 'visible' });
    await expect(page.evaluate(() => localStorage.getItem('woodpecker.device.queue'))).resolves.toContain(
      'W1',
    );
    expect(await s.platform.ratings.get('W1')).toBeUndefined();
    await page.context().setOffline(false);
    // Sent, taken off the queue, and the device reloads: nothing of its window is left to rate.
    await page.locator('#device-form').waitFor({ state: 'detached' });
    await expect(page.evaluate(() => localStorage.getItem('woodpecker.device.queue'))).resolves.toBe('[]');
    expect(await s.platform.ratings.get('W1')).toMatchObject({ score: 2, ratingChannel: 'window-device' });

    // The hotline rates two other cases.
    for (const caseId of ['H1', 'H2']) {
      const res = await hotline(caseId, 4);
      expect(res.status, res.text).toBe(201);
      expect(res.body.ratingChannel).toBe('hotline');
    }
    // A second channel rating a case the device rated: 409, and the first rating stands.
    const second = await hotline('W2', 1);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_rated');
    expect((await s.platform.ratings.get('W2'))?.score).toBe(5);
    await page.context().close();
  });

  it('refuses a key that is not a device key at setup', async () => {
    const page = await newPage(browser, { viewport: TABLET });
    await page.goto(`${s.url}/rate/device`);
    await page.fill('#device-key', hotlineKey);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/rate/device/setup')),
      page.click('form[action="/rate/device/setup"] button'),
    ]);
    expect(answer.status()).toBe(401);
    await expect(page.locator('[role=alert]').count()).resolves.toBe(1);
    await page.context().close();
  });
});
