import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../../functions/usecases/sweep-warnings.js';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage, signIn } from '../support/browser.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

describe.runIf(CHROMIUM_PATH)('inspectors in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  let inspector: string;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
    inspector = await s.token('inspector');
    const cases = [
      ...Array.from({ length: 6 }, (_, i) => ({
        caseId: `C${i}`,
        serviceCode: i % 2 ? 'BUILD' : 'FOOD',
        acceptedAt: '2026-11-02T09:00:00+08:00',
        completedAt: `2026-11-${String(3 + i).padStart(2, '0')}T15:00:00+08:00`,
      })),
      { caseId: 'OPEN-RED', serviceCode: 'FOOD', acceptedAt: '2026-11-03T09:00:00+08:00' },
      { caseId: 'OPEN-YELLOW', serviceCode: 'BUILD', acceptedAt: '2026-11-09T09:00:00+08:00' },
    ];
    const res = await s.call('POST', '/api/v1/cases:batch', {
      token: await s.token('system'),
      body: { cases },
    });
    expect(res.status).toBe(200);
    await sweep(s.platform);
    await s.drain();
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  async function signedIn(token: string, options: { javaScriptEnabled?: boolean } = {}) {
    return signIn(await newPage(browser, options), s.url, token);
  }

  it('pulls a report, prints it, and downloads its CSV', async () => {
    const page = await signedIn(inspector);
    await page.goto(`${s.url}/staff/reports`);
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#scope', 'department');
    await page.fill('#id', 'market');
    await page.fill('#period', '2026-11');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.waitForURL(/\/staff\/reports\?scope=department&id=market&period=2026-11/);
    await expect(page.locator('#report-title').textContent()).resolves.toContain('市场监督管理局');
    await expect(page.locator('.sv-report-header').textContent()).resolves.toContain('2026-11-20 10:00');
    await expect(page.getByText('OPEN-RED').count()).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Printing hides the navigation and the form but keeps the report and its header.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('form.sv-filters').isVisible()).resolves.toBe(false);
    await expect(page.locator('.sv-report-header').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report-department-market-2026-11.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('办件 Cases');
    expect(text).toContain('OPEN-RED');
    await page.close();
  });

  it('shows the warnings board and issues an order from it, and passes axe', async () => {
    const page = await signedIn(inspector);
    await page.goto(`${s.url}/staff/warnings`);
    await expect(page.locator('tbody th', { hasText: 'OPEN-RED' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '下发督办单: OPEN-RED' }).click();
    await expect(page.locator('#targetId').inputValue()).resolves.toBe('OPEN-RED');
    await page.fill('#title', '红灯件督办');
    await page.fill('#instructions', '请三个工作日内办结并说明原因。');
    await page.fill('#deadline', '2026-11-25');
    await page.getByRole('button', { name: '下发', exact: true }).click();
    await page.waitForURL(/\/staff\/orders\/DB20261120-/);
    await expect(page.locator('h1').textContent()).resolves.toContain('DB20261120-');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const dept = await signedIn(await s.token('department', 'market'), { javaScriptEnabled: false });
    await dept.goto(`${s.url}/staff/orders`);
    await dept.locator('tbody a').first().click();
    await dept.fill('#note', '已安排专人办理。');
    await dept.getByRole('button', { name: '反馈办理情况' }).click();
    await expect(dept.getByText('已安排专人办理。').count()).resolves.toBeGreaterThan(0);
    const orderUrl = dept.url();
    await dept.close();
    // axe needs scripts: check the department's view of the order in a normal context.
    const withJs = await signedIn(await s.token('department', 'market'));
    await withJs.goto(orderUrl);
    await expect(withJs.locator('h1').textContent()).resolves.toContain('DB20261120-');
    expect(await axeViolations(withJs)).toEqual([]);
    await withJs.close();
  });
});
