import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage, signIn } from '../support/browser.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

const HOSTILE =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> 窗口电话 13812345678 打不通';

describe.runIf(CHROMIUM_PATH)('the find-fault window in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  let code: string;
  let key: string;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  it('submits a critique through the form without JavaScript, and shows its text as text', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${s.url}/critiques/new`);
    await page.getByLabel('纠错').check();
    await page.locator('#target').selectOption('service:FOOD');
    await page.locator('#text').fill(HOSTILE);
    await page.locator('#nickname').fill('E2E 找茬者');
    await page.locator('#contact').fill('13900002222');
    await page.getByLabel(/我同意平台/).check();
    await page.getByRole('button', { name: '提交找茬' }).click();
    await page.waitForURL(/\/critiques\/[0-9A-Z]{10}\?new=1&key=[0-9A-Z]{26}$/);
    code = (await page.locator('.ok .code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    // The receipt gives the nitpicker a private link and key of their own, apart from the public code.
    key = (await page.locator('.cr-private-key').textContent())!.trim();
    expect(key).toMatch(/^[0-9A-Z]{26}$/);
    await expect(page.locator('a.cr-private-link').getAttribute('href')).resolves.toBe(
      `${s.url}/critiques/${code}?key=${key}`,
    );
    const text = await page.locator('p.cr-text').first().textContent();
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await page.content()).not.toContain('13900002222');
    await page.context().close();

    // axe runs as a script: check both pages again with JavaScript on.
    const checked = await newPage(browser);
    await checked.goto(`${s.url}/critiques/new`);
    expect(await axeViolations(checked)).toEqual([]);
    await checked.goto(`${s.url}/critiques/${code}?new=1&key=${key}`);
    expect(await checked.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await axeViolations(checked)).toEqual([]);
    await checked.context().close();
  });

  it('re-shows the form with the errors and the values typed when something is wrong', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.url}/critiques/new?lang=en`);
    await page.locator('#text').fill('no category chosen');
    await page.locator('#contact').fill('not a contact');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.locator('.errors[role=alert] li').count()).resolves.toBe(2);
    await expect(page.locator('#text').inputValue()).resolves.toBe('no category chosen');
    await expect(page.locator('#contact').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('follows the critique by tracking code and sees the department’s answer', async () => {
    const office = await s.token('office');
    const market = await s.token('department', 'market');
    expect(
      (
        await s.call('POST', `/api/v1/staff/critiques/${code}/route`, {
          token: office,
          body: { departmentId: 'market' },
        })
      ).status,
    ).toBe(200);
    s.clock.set('2026-11-23T11:00:00+08:00');
    const answer = '已核实：窗口电话号码更新为 021-55550000，欢迎来电。<b>不是粗体</b>';
    expect(
      (
        await s.call('POST', `/api/v1/staff/critiques/${code}/reply`, {
          token: market,
          body: { text: answer },
        })
      ).status,
    ).toBe(200);

    const page = await newPage(browser);
    await page.goto(`${s.url}/critiques`);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#track-code').fill(code.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(new RegExp(`/critiques/${code}$`));
    await expect(page.locator('h1').textContent()).resolves.toBe('纠错 · 食品经营许可');
    const answerText = await page.locator('section.cr-answer').first().textContent();
    expect(answerText).toContain('已核实');
    expect(answerText).toContain('<b>不是粗体</b>');
    expect(answerText).toContain('市场监督管理局');
    await expect(page.locator('.badge.answered').count()).resolves.toBe(1);
    await expect(page.locator('dl.facts').textContent()).resolves.toContain('1 个工作日');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);

    // Found by its public code, the page asks for the private key; a wrong one is refused.
    await page.getByLabel('私人密钥').fill('0'.repeat(26));
    await page.getByRole('button', { name: '已解决' }).click();
    await expect(page.locator('.errors[role=alert]').textContent()).resolves.toContain('私人密钥不对');
    await expect(page.locator('.badge.answered').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // The nitpicker confirms it is solved through the page's form, with the key from the receipt.
    await page.getByLabel('私人密钥').fill(key.toLowerCase());
    await page.getByRole('button', { name: '已解决' }).click();
    await page.waitForURL(/confirmed=1$/);
    await expect(page.locator('.ok[role=status]').textContent()).resolves.toContain('已记录');
    await expect(page.getByRole('button', { name: '已解决' }).count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('lists it on the board with filters, and the hall of fame and figures pages pass axe', async () => {
    const office = await s.token('office');
    await s.call('POST', `/api/v1/staff/critiques/${code}/rectify`, {
      token: office,
      body: { text: '办事指南已更新电话' },
    });
    await s.call('POST', `/api/v1/staff/critiques/${code}/award`, {
      token: office,
      body: { citation: '让电话重新打得通' },
    });
    await s.drain();
    const page = await newPage(browser);
    await page.goto(`${s.url}/critiques`);
    await page.locator('#f-status').selectOption('rectified');
    await page.locator('#f-service').selectOption('FOOD');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.waitForURL(/\/critiques\/board\?/);
    const items = page.locator('.cr-list > li');
    await expect(items.count()).resolves.toBe(1);
    await expect(items.first().textContent()).resolves.toContain('<script>window.__pwned = 1</script>');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${s.url}/hall-of-fame`);
    await expect(page.locator('main').textContent()).resolves.toContain('让电话重新打得通');
    await expect(page.locator('table tbody th').first().textContent()).resolves.toBe('E2E 找茬者');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${s.url}/critiques/stats?lang=en`);
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('gives department staff a console page for the critique that passes axe', async () => {
    const page = await newPage(browser);
    const token = await s.token('department', 'market');
    await signIn(page, s.url, token);
    await page.goto(`${s.url}/staff/critiques`);
    await expect(page.locator(`a[href="/staff/critiques/${code}"]`).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${s.url}/staff/critiques/${code}`);
    await expect(page.locator('p.cr-text').textContent()).resolves.toContain('13812345678');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
