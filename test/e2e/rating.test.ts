/**
 * Rating a case in real Chromium: from the printed receipt's QR link to the rating
 * page, with JavaScript and without it (a plain form POST), on a phone-sized screen,
 * in Chinese and English; and the department's console for the bad review. axe finds
 * no WCAG 2 A/AA violations on any of these pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage, signIn } from '../support/browser.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

const PHONE = { width: 390, height: 844 };

describe.runIf(CHROMIUM_PATH)('rating page in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  const links = new Map<string, string>();

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
    const system = await s.token('system');
    const res = await s.call('POST', '/api/v1/cases:batch', {
      token: system,
      body: {
        cases: ['Q1', 'Q2', 'Q3'].map((caseId) => ({
          caseId,
          serviceCode: 'FOOD',
          acceptedAt: '2026-11-09T09:00:00+08:00',
          completedAt: '2026-11-19T15:00:00+08:00',
          windowId: 'market-w1',
          staffId: 's1',
        })),
      },
    });
    for (const r of res.body.results) links.set(r.caseId, r.ratingUrl);
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  async function expectAxeClean(page: Page) {
    expect(await axeViolations(page)).toEqual([]);
  }

  /** axe runs in the page, so a page shown without JavaScript is checked in a twin that has it. */
  async function expectAxeCleanAt(url: string, viewport = PHONE) {
    const twin = await newPage(browser, { viewport });
    await twin.goto(url);
    await expectAxeClean(twin);
    await twin.context().close();
  }

  it('follows the receipt’s QR link and rates with JavaScript on a phone', async () => {
    const page = await newPage(browser, { viewport: PHONE });
    const link = links.get('Q1')!;
    expect(link.startsWith(s.url)).toBe(true);
    await page.goto(link.replace('/rate/', '/receipt/'));
    const qr = page.locator('img.qr');
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
    await expect(qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).resolves.toBe(true);
    await expect(page.locator('.link-text').textContent()).resolves.toBe(link);
    await expectAxeClean(page);

    await page.locator('a.button.primary').click();
    await page.waitForURL(link);
    await expect(page.locator('h1').textContent()).resolves.toBe('服务评价');
    await expectAxeClean(page);
    // Large touch targets for the five levels.
    const box = await page.locator('.levels label').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThan(300);
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByLabel('办事效率').selectOption('5');
    await page.locator('#comment').fill('手续简单，很快办好。');
    // Asking for a callback without consent: the form comes back with what to fix.
    await page.getByLabel('我希望部门回访我（请留下姓名和手机号）').check();
    await page.locator('#cb-name').fill('李女士');
    await page.locator('#cb-phone').fill('12345');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.locator('.errors').textContent()).resolves.toContain('11位手机号');
    await expectAxeClean(page);
    await page.getByLabel('我希望部门回访我（请留下姓名和手机号）').uncheck();
    await page.locator('#cb-name').fill('');
    await page.locator('#cb-phone').fill('');
    await Promise.all([page.waitForURL(/done=1/), page.getByRole('button', { name: '提交评价' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('感谢您的评价');
    await expect(page.locator('main').textContent()).resolves.toContain('手续简单');
    await expectAxeClean(page);
    expect(await s.platform.ratings.get('Q1')).toMatchObject({
      score: 4,
      subScores: { efficiency: 5 },
    });
    await page.context().close();
  });

  it('rates without JavaScript, shows what to fix, then what happens next', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false, viewport: PHONE });
    await page.goto(links.get('Q2')!);
    await page.getByLabel('非常不满意').check();
    await page.locator('#comment').fill('材料要求前后不一致，跑了三趟。');
    await page.getByLabel('我希望部门回访我（请留下姓名和手机号）').check();
    await page.locator('#cb-name').fill('王先生');
    await page.locator('#cb-phone').fill('13912345678');
    // Without the consent the form comes back, filled in, with what to fix.
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.locator('.errors').textContent()).resolves.toContain('勾选同意');
    await expect(page.locator('#comment').inputValue()).resolves.toBe('材料要求前后不一致，跑了三趟。');
    await expect(page.getByLabel('非常不满意').isChecked()).resolves.toBe(true);
    await page.getByLabel(/我同意/).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('感谢您的评价');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('2026-11-24');
    expect(text).toContain('2026-12-11');
    await expectAxeCleanAt(page.url());
    const stored = await s.platform.ratings.get('Q2');
    expect(stored).toMatchObject({ score: 1, contact: { name: '王先生', phoneMasked: '139****5678' } });
    // A second visit to the link says it was already rated.
    await page.goto(links.get('Q2')!);
    await expect(page.locator('main').textContent()).resolves.toContain('已经评价过了');
    await page.context().close();
  });

  it('is in English with ?lang=en and passes axe there too', async () => {
    const page = await newPage(browser);
    await page.goto(`${links.get('Q3')!}&lang=en`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Rate this service');
    await expectAxeClean(page);
    await page.getByLabel('Very satisfied').check();
    await page.getByRole('button', { name: 'Submit rating' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you for your rating');
    await expectAxeClean(page);
    await page.context().close();
  });

  it('shows the bad review in the department console, accessibly', async () => {
    const page = await newPage(browser);
    const token = await s.token('department', 'market');
    await signIn(page, s.url, token);
    await page.goto(`${s.url}/staff/reviews`);
    await expect(page.locator('h1').textContent()).resolves.toBe('差评整改台账');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Q2' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('139****5678');
    await expectAxeClean(page);
    await s.drain();
    await page.goto(`${s.url}/services/FOOD`);
    await expect(page.locator('#satisfaction-title').textContent()).resolves.toBe('好差评');
    await expectAxeClean(page);
    await page.context().close();
  });
});
