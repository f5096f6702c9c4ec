/**
 * Staff sign-in in Chromium through the local OpenID provider: the office follows the
 * sign-in link of a console it may not see yet, picks its demo account on the provider's
 * page, lands on the console it asked for, and signs out here and at the provider. Every
 * page on the way passes axe (WCAG 2 A/AA), with JavaScript and without.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage } from '../support/browser.js';
import { startTestProvider } from '../support/oidc-sign-in.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

describe.runIf(CHROMIUM_PATH)('staff sign-in through the OpenID provider in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  let provider: Awaited<ReturnType<typeof startTestProvider>>;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
    provider = await startTestProvider([s.url]);
  });
  afterAll(async () => {
    await provider?.stop();
    await stopBrowserTier({ server: s, browser });
  });

  for (const javaScriptEnabled of [false]) {
    it(`the office signs in on the provider’s page and reaches its console, then signs out (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      await page.goto(`${s.url}/staff/appeals`);
      console.log('STEP 1', page.url());
      await expect(page.locator('h1').textContent()).resolves.toBe('工作台');
      console.log('STEP 2', page.url());
      await page.getByRole('link', { name: '工作人员登录' }).click();
      console.log('STEP 3', page.url());

      // The provider's page: its own origin, one button per demo account.
      await page.waitForURL((url) => url.origin === provider.issuer);
      console.log('STEP 4', page.url());
      await expect(page.locator('h1').textContent()).resolves.toBe('本地统一身份认证（演示）');
      console.log('STEP 5', page.url()); await new Promise((r) => setTimeout(r, 3000)); console.log('AFTER', page.url(), (await page.content()).slice(0, 1500));
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: /效能办 李主任/ }).click();
      console.log('STEP 6', page.url());

      // Back on the site, on the console asked for, signed in as the office.
      await page.waitForURL(`${s.url}/staff/appeals`);
      console.log('STEP 7', page.url());
      await expect(page.locator('.staff-nav, nav').first().isVisible()).resolves.toBe(true);
      console.log('STEP 8', page.url());
      await expect(page.content()).resolves.toContain('office-li');
      console.log('STEP 9', page.url());
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${s.url}/staff`);
      console.log('STEP 10', page.url());
      await expect(page.locator('section.console[data-role="office"]').count()).resolves.toBe(1);
      console.log('STEP 11', page.url());

      // Signing out: here, then at the provider (its confirmation), then home. The page
      // between goes on by itself (a Refresh header); once, it is held to follow its link.
      if (!javaScriptEnabled) {
        await page.route('**/staff/signed-out', async (route) => {
          const response = await route.fetch();
          const { refresh: _, ...headers } = response.headers();
          await route.fulfill({ response, headers });
        });
      }
      await page.getByRole('button', { name: '退出' }).first().click();
      console.log('STEP 12', page.url());
      if (!javaScriptEnabled) {
        await page.waitForURL(`${s.url}/staff/signed-out`);
      console.log('STEP 13', page.url());
        await expect(page.locator('h1').textContent()).resolves.toBe('已退出登录');
      console.log('STEP 14', page.url());
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('link', { name: '继续在统一身份认证服务退出' }).click();
      console.log('STEP 15', page.url());
      }
      await page.waitForURL((url) => url.origin === provider.issuer);
      console.log('STEP 16', page.url());
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '退出' }).click();
      console.log('STEP 17', page.url());
      await page.waitForURL(`${s.url}/`);
      console.log('STEP 18', page.url());
      await page.goto(`${s.url}/staff/appeals`);
      console.log('STEP 19', page.url());
      await expect(page.locator('h1').textContent()).resolves.toBe('工作台');
      console.log('STEP 20', page.url());
      // The provider forgot the office too: signing in asks again.
      await page.getByRole('link', { name: '工作人员登录' }).click();
      console.log('STEP 21', page.url());
      await page.waitForURL((url) => url.origin === provider.issuer);
      console.log('STEP 22', page.url());
      await expect(page.getByRole('button', { name: /效能办 李主任/ }).count()).resolves.toBe(1);
      console.log('STEP 23', page.url());
      await page.context().close();
      console.log('STEP 24', page.url());
    });
  }
});
