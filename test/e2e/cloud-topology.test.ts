/**
 * The cloud topology in Chromium (issue 14): the synthesized assembly itself — its
 * CloudFront behaviours and cache policies, the HTTP API's routes and JWT authorizer, the
 * bundled functions with the template's environment, the stream's event filter into the
 * aggregator — with DynamoDB Local and the local OpenID provider standing in. A citizen
 * gives a bad review on the phone page; department staff, the efficiency office and an
 * inspector each sign in on the provider's page and do their work; a citizen switches
 * to English and to the elderly-friendly mode on every public page, without JavaScript,
 * and the edge keeps one copy per variant. Every API answer is checked against the
 * OpenAPI document. Real time: the functions run on the system clock.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, launchBrowser, newPage } from '../support/browser.js';
import { type CloudServer, startCloudServer } from '../support/cloud-server.js';
import { seedCatalogue } from '../support/test-platform.js';

const DAY = 86_400_000;
/** A Beijing wall-clock time `daysAgo` days back, as an ISO instant with +08:00. */
function beijing(daysAgo: number, time: string): string {
  const date = new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
  return `${date}T${time}+08:00`;
}
/** The month before this one in Beijing, YYYY-MM. */
function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

const PUBLIC_PAGES = [
  '/',
  '/services',
  '/services/FOOD',
  '/departments',
  '/departments/market',
  '/rankings',
  '/critiques',
  '/hall-of-fame',
  '/privacy',
];

describe.runIf(CHROMIUM_PATH)('the cloud topology in Chromium', () => {
  let s: CloudServer;
  let browser: Browser;
  let citizenLink: string;

  beforeAll(async () => {
    s = await startCloudServer();
    await seedCatalogue(s);
    browser = await launchBrowser();
    const system = await s.token('system');
    const month = lastMonth();
    const cases = Array.from({ length: 24 }, (_, i) => ({
      caseId: `CLOUD-${month}-${i}`,
      serviceCode: i % 2 ? 'BUILD' : 'FOOD',
      acceptedAt: `${month}-0${2 + (i % 6)}T09:30:00+08:00`,
      completedAt: `${month}-${String(12 + (i % 9)).padStart(2, '0')}T16:00:00+08:00`,
    }));
    cases.push({
      caseId: 'CLOUD-CITIZEN',
      serviceCode: 'FOOD',
      acceptedAt: beijing(6, '09:00:00'),
      completedAt: beijing(0, '00:05:00'),
    });
    const res = await s.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
    expect(res.status, res.text).toBe(200);
    citizenLink = res.body.results.at(-1).ratingUrl;
    expect(new URL(citizenLink).origin).toBe(s.url);
    await s.drain();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  async function visit(page: Page, url: string, status = 200) {
    const res = await page.goto(url.startsWith('http') ? url : `${s.url}${url}`);
    expect(res?.status(), url).toBe(status);
    expect(await axeViolations(page), url).toEqual([]);
    return res!;
  }

  /** Sign in on the provider's own page as the demo user named, from a console page. */
  async function signInAs(page: Page, user: RegExp, from = '/staff') {
    await page.goto(`${s.url}${from}`);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.waitForURL((url) => url.origin === s.topology.provider.issuer);
    await page.getByRole('button', { name: user }).click();
    await page.waitForURL(`${s.url}${from}`);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('a citizen gives a bad review on the phone page, through the edge', async () => {
    const page = await newPage(browser, { viewport: { width: 375, height: 812 } });
    const res = await visit(page, citizenLink);
    // A personal page: never kept by the edge.
    expect(res.headers()['cache-control']).toContain('no-store');
    expect(res.headers()['x-cache']).toBe('Miss from cloudfront');
    expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByLabel('非常不满意').check();
    await page.locator('#comment').fill('窗口说材料不全，但清单上没有写。');
    await page.locator('input[name=callback]').check();
    await page.locator('#cb-name').fill('赵女士');
    await page.locator('#cb-phone').fill('13912340000');
    await page.locator('input[name=consent]').check();
    await Promise.all([
      page.waitForURL(/done=1/),
      page.locator('form.rate-form button[type=submit]').click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('感谢您的评价');
    await page.context().close();
    await s.drain();
  });

  it('department staff sign in through the OpenID provider and call the citizen back', async () => {
    const page = await newPage(browser);
    await signInAs(page, /市场监管局 张科员/);
    await expect(page.locator('section.console h2').textContent()).resolves.toBe('部门工作台');
    await page
      .getByRole('navigation', { name: '工作台导航' })
      .getByRole('link', { name: '差评整改' })
      .click();
    await page.getByRole('link', { name: 'CLOUD-CITIZEN' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('139****0000');
    await page.locator('#cb-outcome').selectOption('explained');
    await page.locator('#cb-note').fill('已致电说明：原件核验后当场退还。');
    await page.locator('form[action$="/callback"] button[type=submit]').click();
    await page.waitForURL(/saved=1$/);
    await expect(page.locator('.ok[role=status]').textContent()).resolves.toContain('已保存');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the efficiency office signs in through the OpenID provider and publishes a ranking', async () => {
    const page = await newPage(browser);
    await signInAs(page, /效能办 李主任/, '/staff/rankings');
    await page.locator('#scope').selectOption('department');
    await page.locator('#period').fill(lastMonth());
    await page.locator('form[action="/staff/rankings/drafts"] button[type=submit]').click();
    await page.waitForURL(new RegExp(`/staff/rankings/department/${lastMonth()}/\\d+$`));
    await page.getByRole('button', { name: '发布（发布后不可修改）' }).click();
    await page.waitForURL(new RegExp(`/rankings/department/${lastMonth()}$`));
    await expect(page.locator('main table').textContent()).resolves.toContain('市场监督管理局');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('an inspector signs in through the OpenID provider and pulls a report', async () => {
    const page = await newPage(browser);
    await signInAs(page, /督查 王科长/, '/staff/reports');
    await page.selectOption('#scope', 'department');
    await page.fill('#id', 'market');
    await page.fill('#period', lastMonth());
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.waitForURL(/\/staff\/reports\?scope=department&id=market/);
    await expect(page.locator('#report-title').textContent()).resolves.toContain('市场监督管理局');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a citizen switches to English and to the elderly mode on every public page', async () => {
    const page = await newPage(browser);
    for (const url of PUBLIC_PAGES) {
      // Axe once per page, in the variant that differs most from the Chinese default.
      expect((await page.goto(`${s.url}${url}`))?.status(), url).toBe(200);
      await page.locator('.lang-switch').click();
      await expect(page.locator('html').getAttribute('lang'), url).resolves.toBe('en');
      await page.getByRole('button', { name: 'Large text' }).click();
      await expect(page.locator('html').getAttribute('class'), url).resolves.toBe('elder');
      await expect(page.locator('html').getAttribute('lang'), url).resolves.toBe('en');
      expect(await axeViolations(page), url).toEqual([]);
      // Back to Chinese and the standard mode, remembered by the next page.
      await page.getByRole('button', { name: 'Large text' }).click();
      await page.locator('.lang-switch').click();
      await expect(page.locator('html').getAttribute('lang'), url).resolves.toBe('zh-CN');
      await expect(page.locator('html').getAttribute('class'), url).resolves.toBeNull();
    }
    await page.context().close();
  });

  it('the switches work without JavaScript too', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    for (const url of PUBLIC_PAGES) {
      await page.goto(`${s.url}${url}`);
      await page.locator('.lang-switch').click();
      await page.getByRole('button', { name: 'Large text' }).click();
      await expect(page.locator('html').getAttribute('lang'), url).resolves.toBe('en');
      await expect(page.locator('html').getAttribute('class'), url).resolves.toBe('elder');
      await page.getByRole('button', { name: 'Large text' }).click();
      await page.locator('.lang-switch').click();
      await expect(page.locator('html').getAttribute('lang'), url).resolves.toBe('zh-CN');
      await expect(page.locator('html').getAttribute('class'), url).resolves.toBeNull();
    }
    await page.context().close();
  });

  it('the edge keeps one copy of a public page per language and mode, and none of a personal page', async () => {
    const get = (p: string, cookie?: string) =>
      fetch(`${s.url}${p}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    const variants = ['', 'wp_lang=en', 'wp_elder=1', 'wp_lang=en; wp_elder=1'];
    for (const cookie of variants) await get('/departments', cookie || undefined);
    const again = await Promise.all(variants.map((c) => get('/departments', c || undefined)));
    expect(again.map((r) => r.headers.get('x-cache'))).toEqual(variants.map(() => 'Hit from cloudfront'));
    const [zh, en, elder, both] = await Promise.all(again.map((r) => r.text()));
    expect(zh).toContain('lang="zh-CN"');
    expect(en).toContain('lang="en"');
    expect(elder).toMatch(/<html[^>]*class="elder"/);
    expect(both).toMatch(/<html[^>]*lang="en"[^>]*class="elder"|<html[^>]*class="elder"[^>]*lang="en"/);
    // A cookie outside the key neither splits the cache nor reaches the page.
    const other = await get('/departments', 'tracking=1');
    expect(other.headers.get('x-cache')).toBe('Hit from cloudfront');
    // The API and the consoles are never kept.
    for (const p of ['/api/v1/services', '/staff']) {
      await get(p);
      expect((await get(p)).headers.get('x-cache'), p).toBe('Miss from cloudfront');
    }
  });
});
