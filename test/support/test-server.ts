/**
 * A test platform served over real HTTP on a free loopback port, for the browser tier.
 * Every answer to an `/api/v1/*` or `/open311/*` request — the browser's over HTTP and the
 * test's through `call` — is checked against the OpenAPI document (test/support/contract-check.ts);
 * test/support/contract-setup.ts, the e2e project's setup file, fails the file when any departed.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { launchBrowser } from './browser.js';
import { ContractRecorder } from './contract-check.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from './test-platform.js';

export interface TestServer extends TestPlatform {
  url: string;
}

/** The answers of every server this test file started, checked against the document. */
export const contractRecorder = new ContractRecorder();
let enforced = false;

/**
 * Fail the test file, after all its tests, when an API answer departed from the document,
 * listing each with method, path, status and Ajv's error. The e2e setup file calls it; a
 * file that starts a server without it is refused, so no departure can pass unseen.
 */
export function enforceContract(): void {
  if (enforced) return;
  enforced = true;
  afterAll(assertNoDepartures);
}

/** Throws, listing them, when answers departed from the document since the last look. */
export async function assertNoDepartures(): Promise<void> {
  const departures = await contractRecorder.take();
  expect(
    departures,
    `${departures.length} API answer(s) departed from the OpenAPI document:\n${departures.join('\n')}`,
  ).toEqual([]);
}

export async function startTestServer(
  options: Parameters<typeof startTestPlatform>[0] = {},
): Promise<TestServer> {
  if (!enforced)
    throw new Error(
      'startTestServer checks API answers: call enforceContract() (test/support/contract-setup.ts)',
    );
  const t = await startTestPlatform(options);
  // `app.request` (the tests' `call`) goes through `app.fetch` too, so both are recorded.
  const dispatch = t.app.fetch;
  t.app.fetch = async (request, ...rest) => {
    const response = await dispatch(request, ...rest);
    contractRecorder.record(request, response);
    return response;
  };
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.WOODPECKER_PUBLIC_URL = url;
  return {
    ...t,
    url,
    stop: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await t.stop();
    },
  };
}

/** What every e2e file drives: a server holding the standard catalogue, and Chromium. */
export interface BrowserTier {
  server: TestServer;
  browser: Browser;
}

/**
 * How every e2e file starts: a test server with `seedCatalogue` applied, and a
 * launched Chromium. Whatever else a file seeds comes after. If a step fails, what was
 * already started is stopped here, because the file's `afterAll` never receives it.
 */
export async function startBrowserTier(
  options: Parameters<typeof startTestServer>[0] = {},
): Promise<BrowserTier> {
  const server = await startTestServer(options);
  try {
    await seedCatalogue(server);
    return { server, browser: await launchBrowser() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Close the browser, then stop the server; either is missing when a `beforeAll` failed early. */
export async function stopBrowserTier(tier: Partial<BrowserTier>): Promise<void> {
  await tier.browser?.close();
  await tier.server?.stop();
}
