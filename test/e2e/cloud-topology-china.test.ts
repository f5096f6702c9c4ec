/**
 * The mainland assembly (partition `aws-cn`, issue 20) in the cloud topology: the
 * templates a Beijing deployment would get — no user pool, the HTTP API's JWT authorizer
 * and the functions trusting the city's issuer with its own groups claim (`groups`), the
 * distribution on the ICP-recorded domain — with the local OpenID provider standing in
 * for the city's (its ID tokens and the staff tokens carry `groups`, as the template
 * says). One journey per role: an upstream system pushes cases, a citizen rates on the
 * phone page, department staff, the office and an inspector sign in on the provider's
 * page; every public page shows the ICP and public-security numbers. The full set of
 * journeys is test/e2e/cloud-topology.test.ts (global assembly).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStaffToken } from '../../infra/local/issuer.js';
import { axeViolations, CHROMIUM_PATH, launchBrowser, newPage } from '../support/browser.js';
import { chinaContext, testIcpNumber, testPsbNumber } from '../support/china-context.js';
import { type CloudServer, startCloudServer } from '../support/cloud-server.js';
import { seedCatalogue } from '../support/test-platform.js';

const DAY = 86_400_000;
const beijingDate = (daysAgo: number) =>
  new Date(Date.now() + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

describe.runIf(CHROMIUM_PATH)('the aws-cn assembly in the cloud topology', () => {
  let s: CloudServer;
  let browser: Browser;
  let citizenLink: string;

  beforeAll(async () => {
    s = await startCloudServer({ context: chinaContext });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  async function signInAs(page: Page, user: RegExp, from: string) {
    await page.goto(`${s.url}${from}`);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.waitForURL((url) => url.origin === s.topology.provider.issuer);
    await page.getByRole('button', { name: user }).click();
    await page.waitForURL(`${s.url}${from}`);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('is the mainland shape: the city issuer’s groups claim, its clients at the gateway', () => {
    expect(s.topology.groupsClaim).toBe('groups');
    expect(s.topology.audiences).toEqual(['woodpecker', 'case-feed']);
  });

  it('an upstream system pushes a batch through the edge and the JWT authorizer', async () => {
    await seedCatalogue(s);
    const month = lastMonth();
    const cases = Array.from({ length: 8 }, (_, i) => ({
      caseId: `CN-${month}-${i}`,
      serviceCode: i % 2 ? 'BUILD' : 'FOOD',
      acceptedAt: `${month}-0${2 + (i % 6)}T09:30:00+08:00`,
      completedAt: `${month}-${String(12 + i).padStart(2, '0')}T16:00:00+08:00`,
    }));
    cases.push({
      caseId: 'CN-CITIZEN',
      serviceCode: 'FOOD',
      acceptedAt: `${beijingDate(6)}T09:00:00+08:00`,
      completedAt: `${beijingDate(0)}T00:05:00+08:00`,
    });
    const system = await s.token('system');
    const res = await s.call('POST', '/api/v1/cases:batch', { token: system, body: { cases } });
    expect(res.status, res.text).toBe(200);
    citizenLink = res.body.results.at(-1).ratingUrl;
    expect(new URL(citizenLink).origin).toBe(s.url);
    await s.drain();
  });

  it('a citizen gives a bad review on the phone page, and the footer shows the filing numbers', async () => {
    const page = await newPage(browser, { viewport: { width: 375, height: 812 } });
    await page.goto(citizenLink);
    await page.getByLabel('非常不满意').check();
    await page.locator('#comment').fill('窗口说材料不全，但清单上没有写。');
    await page.locator('input[name=callback]').check();
    await page.locator('#cb-name').fill('钱先生');
    await page.locator('#cb-phone').fill('13712340000');
    await page.locator('input[name=consent]').check();
    await Promise.all([
      page.waitForURL(/done=1/),
      page.locator('form.rate-form button[type=submit]').click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('感谢您的评价');
    const home = await page.goto(`${s.url}/`);
    expect(home?.status()).toBe(200);
    const footer = page.locator('footer');
    await expect(footer.getByRole('link', { name: testIcpNumber }).getAttribute('href')).resolves.toBe(
      'https://beian.miit.gov.cn/',
    );
    await expect(footer.getByRole('link', { name: testPsbNumber }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
    await s.drain();
  });

  it('department staff sign in through the stand-in issuer and see the bad review', async () => {
    const page = await newPage(browser);
    await signInAs(page, /市场监管局 张科员/, '/staff');
    await expect(page.locator('section.console h2').textContent()).resolves.toBe('部门工作台');
    await page
      .getByRole('navigation', { name: '工作台导航' })
      .getByRole('link', { name: '差评整改' })
      .click();
    await page.getByRole('link', { name: 'CN-CITIZEN' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('137****0000');
    await page.context().close();
  });

  it('the efficiency office signs in and opens the rankings console', async () => {
    const page = await newPage(browser);
    await signInAs(page, /效能办 李主任/, '/staff/rankings');
    await expect(page.locator('#scope').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('an inspector signs in and pulls a report', async () => {
    const page = await newPage(browser);
    await signInAs(page, /督查 王科长/, '/staff/reports');
    await page.selectOption('#scope', 'department');
    await page.fill('#id', 'market');
    await page.fill('#period', lastMonth());
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.waitForURL(/\/staff\/reports\?scope=department&id=market/);
    await expect(page.locator('#report-title').textContent()).resolves.toContain('市场监督管理局');
    await page.context().close();
  });

  it('the staff API refuses a token whose groups are in Cognito’s claim instead of the city’s', async () => {
    // Signed by the trusted stand-in, for an accepted client, but with `cognito:groups`:
    // the deployment reads `groups`, so this caller has no role.
    const token = await signStaffToken(s.topology.issuerKeys, {
      subject: 'wrong-claim',
      groups: ['office'],
      clientId: 'woodpecker',
    });
    const res = await s.call('PUT', '/api/v1/departments/cn-test', { token, body: { name: '测试局' } });
    expect(res.status).toBe(403);
    const right = await s.token('office');
    expect(
      (await s.call('PUT', '/api/v1/departments/cn-test', { token: right, body: { name: '测试局' } })).status,
    ).toBeLessThan(300);
  });
});
