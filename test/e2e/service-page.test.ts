import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage } from '../support/browser.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

describe.runIf(CHROMIUM_PATH)('service page in Chromium', () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
    const system = await s.token('system');
    const cases = Array.from({ length: 30 }, (_, i) => ({
      caseId: `E${i}`,
      serviceCode: 'FOOD',
      acceptedAt: `2026-0${(i % 9) + 1}-0${(i % 5) + 2}T09:00:00+08:00`,
      completedAt: `2026-0${(i % 9) + 1}-1${(i % 5) + 2}T15:00:00+08:00`,
    }));
    const res = await s.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
    expect(res.body.results.every((r: { status: string }) => r.status === 'created')).toBe(true);
    await s.drain();
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  it('draws the three curves, has a data table and passes axe', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.url}/services/FOOD`);
    await page.locator('.chart-wrap[data-ready=true]').waitFor({ timeout: 15_000 });
    const datasets = await page.evaluate(() => {
      const canvas = document.getElementById('curves-chart') as HTMLCanvasElement & { $chartjs?: unknown };
      return canvas.width > 0 && canvas.height > 0;
    });
    expect(datasets).toBe(true);
    await expect(page.locator('table tbody tr').count()).resolves.toBeGreaterThan(10);
    await expect(page.locator('h1').textContent()).resolves.toBe('食品经营许可');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${s.url}/services/FOOD?lang=en`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
