/**
 * The API reference page (`/docs/api`, web/api-docs.tsx) in Chromium: Scalar, served by
 * the site itself, renders the OpenAPI document's operations, and the page asks nothing
 * of any other origin (no CDN, fonts, telemetry) and breaks no rule of its CSP.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, NO_CHROMIUM_MESSAGE, newPage } from '../support/browser.js';
import { startBrowserTier, stopBrowserTier, type TestServer } from '../support/test-server.js';

if (!CHROMIUM_PATH) console.warn(NO_CHROMIUM_MESSAGE);

describe.runIf(CHROMIUM_PATH)('API reference in Chromium', () => {
  let s: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server: s, browser } = await startBrowserTier({ now: '2026-11-20T10:00:00+08:00' }));
  });
  afterAll(() => stopBrowserTier({ server: s, browser }));

  it('renders the document’s tag groups, asking nothing of another origin', async () => {
    const page = await newPage(browser);
    const origin = new URL(s.url).origin;
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${s.url}/docs/api`);
    // The tags of the document, in their two groups (x-tagGroups), from /api/v1/openapi.json.
    await page.getByText('Catalogue and curves').first().waitFor({ timeout: 30_000 });
    const text = await page.evaluate(() => document.body.textContent ?? '');
    for (const tag of ['Critique handling', 'Supervision', 'Open311 GeoReport v2', 'Woodpecker 啄木鸟 API'])
      expect(text).toContain(tag);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
