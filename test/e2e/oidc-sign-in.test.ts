/**
 * Staff sign-in in Chromium through the local OpenID provider: the office follows the
 * sign-in link of a console it may not see yet, picks its demo account on the provider's
 * page, lands on the console it asked for, and signs out here and at the provider. Every
 * page on the way passes axe (WCAG 2 A/AA). The walk is made with JavaScript and
 * without; axe runs as a script, so it checks the pages in the run with JavaScript.
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

  for (const javaScriptEnabled of [true, false]) {
    it(`the office signs in on the provider’s page and reaches its console, then signs out (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await newPage(browser, { javaScriptEnabled });
      const axe = async () => {
        if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
      };
      await page.goto(`${s.url}/staff/appeals`);
      await expect(page.locator('h1').textContent()).resolves.toBe('工作台');
      await page.getByRole('link', { name: '工作人员登录' }).click();

      // The provider's page: its own origin, one button per demo account.
      await page.waitForURL((url) => url.origin === provider.issuer);
      await expect(page.locator('h1').textContent()).resolves.toBe('本地统一身份认证（演示）');
      await axe();
      await page.getByRole('button', { name: /效能办 李主任/ }).click();

      // Back on the site, on the console asked for, signed in as the office.
      await page.waitForURL(`${s.url}/staff/appeals`);
      await expect(page.locator('.staff-nav, nav').first().isVisible()).resolves.toBe(true);
      await expect(page.content()).resolves.toContain('office-li');
      await axe();
      await page.goto(`${s.url}/staff`);
      await expect(page.locator('section.console[data-role="office"]').count()).resolves.toBe(1);

      // Signing out: here, then at the provider (its confirmation), then home. The page
      // between goes on by itself (a Refresh header, no script: the run without JavaScript);
      // in the other run it is held, checked and its link followed.
      if (javaScriptEnabled) {
        // A route sees only the first URL of a redirect chain: the post, followed here.
        await page.route('**/staff/sign-out', async (route) => {
          const response = await route.fetch();
          expect(new URL(response.url()).pathname).toBe('/staff/signed-out');
          const { refresh, ...headers } = response.headers();
          expect(refresh).toMatch(new RegExp(`^0; url=${provider.issuer}/`));
          await route.fulfill({ response, headers });
        });
      }
      await page.getByRole('button', { name: '退出' }).first().click();
      if (javaScriptEnabled) {
        await expect(page.locator('h1').textContent()).resolves.toBe('已退出登录');
        await axe();
        await page.getByRole('link', { name: '继续在统一身份认证服务退出' }).click();
      }
      await page.waitForURL((url) => url.origin === provider.issuer);
      await axe();
      await page.getByRole('button', { name: '退出' }).click();
      await page.waitForURL(`${s.url}/`);
      await page.goto(`${s.url}/staff/appeals`);
      await expect(page.locator('h1').textContent()).resolves.toBe('工作台');
      // The provider forgot the office too: signing in asks again.
      await page.getByRole('link', { name: '工作人员登录' }).click();
      await page.waitForURL((url) => url.origin === provider.issuer);
      await expect(page.getByRole('button', { name: /效能办 李主任/ }).count()).resolves.toBe(1);
      await page.context().close();
    });
  }
});
