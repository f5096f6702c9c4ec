/**
 * Real Chromium for the e2e tier: Debian's `chromium` driven by playwright-core (never
 * a downloaded browser), with axe for accessibility. When no Chromium is installed the
 * tier skips itself with a clear message instead of failing.
 */
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { sessionCookie } from './staff-session.js';

export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const NO_CHROMIUM_MESSAGE =
  'e2e tier skipped: no Chromium at /usr/bin/chromium (install Debian `chromium`; .ci/run does).';

export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error(NO_CHROMIUM_MESSAGE);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** axe with the WCAG 2 A and AA rules; returns the violations (expected to be none). */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

/** A page in its own context (axe needs one made with `newContext`). */
export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  return context.newPage();
}

/**
 * Signs the page's context in as staff: a server-side session is started from the
 * token (as the sign-in page does) and its cookie set for the server's origin, instead
 * of walking through sign-in on every page a test opens.
 */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<Page> {
  const [name = '', value = ''] = (await sessionCookie(token)).split('=');
  await page.context().addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  return page;
}
