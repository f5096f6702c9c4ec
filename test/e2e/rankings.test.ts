import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage } from '../support/browser.js';
import { leagueCases, seedTaxAndCivil } from '../support/test-platform.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

describe.runIf(CHROMIUM_PATH)('public league tables in Chromium', () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  it('explains the empty state before anything is published, and passes axe', async () => {
    const page = await newPage(browser);
    const res = await page.goto(`${s.url}/rankings`);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('效能评议排名');
    await expect(page.locator('#rk-empty').textContent()).resolves.toBe('尚未发布排名');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the published table with movement, talk marks, downloads and the method, and passes axe', async () => {
    const office = await s.token('office');
    await seedTaxAndCivil(s);
    const all = [
      ...leagueCases('m', 'FOOD', '2026-09', 20, 19),
      ...leagueCases('h', 'BUILD', '2026-09', 20, 8),
      ...leagueCases('t', 'TAX', '2026-09', 20, 17),
      ...leagueCases('c', 'CIVIL', '2026-09', 20, 11),
      ...leagueCases('m', 'FOOD', '2026-10', 20, 18),
      ...leagueCases('h', 'BUILD', '2026-10', 20, 6),
      ...leagueCases('t', 'TAX', '2026-10', 20, 20),
      ...leagueCases('c', 'CIVIL', '2026-10', 20, 12),
    ];
    const res = await s.call('POST', '/api/v1/cases:batch', {
      token: await s.token('system'),
      body: { cases: all },
    });
    expect(res.status).toBe(200);
    await s.drain();
    for (const period of ['2026-09', '2026-10']) {
      const draft = await s.call('POST', '/api/v1/rankings/drafts', {
        token: office,
        body: { scope: 'department', period },
      });
      expect(draft.status).toBe(201);
      const pub = await s.call(
        'POST',
        `/api/v1/rankings/department/${period}/versions/${draft.body.version}/publish`,
        {
          token: office,
        },
      );
      expect(pub.status).toBe(200);
    }

    const page = await newPage(browser);
    await page.goto(`${s.url}/rankings`);
    const rows = page.locator('#rk-department ~ .table-wrap table tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    await expect(rows.first().locator('th').textContent()).resolves.toContain('税务局');
    // Housing and civil affairs were the bottom two in September and October: a talk.
    await expect(page.locator('.badge-talk').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(page.getByText('前五名').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '完整排名表' }).click();
    await page.waitForURL(/\/rankings\/department\/2026-10$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('2026年10月');
    await expect(page.locator('a[href$="/inputs?format=csv"]').count()).resolves.toBe(1);
    await expect(page.locator('caption').first().textContent()).resolves.toContain('部门');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '住房和城乡建设局' }).first().click();
    await page.waitForURL(/\/rankings\/department\/units\/housing$/);
    await expect(page.locator('svg[role=img]').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${s.url}/rankings/method`);
    await expect(page.locator('.rk-formula').first().textContent()).resolves.toContain('k = 50');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${s.url}/rankings?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Performance rankings');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('works without JavaScript', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${s.url}/rankings/department/2026-10`);
    await expect(page.locator('table.rk-table tbody tr').count()).resolves.toBe(4);
    await page.close();
  });
});
