/**
 * A test platform served over real HTTP on a free loopback port, for the browser tier.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { seedCatalogue, startTestPlatform, type TestPlatform } from './test-platform.js';

export interface TestServer extends TestPlatform {
  url: string;
}

export async function startTestServer(
  options: Parameters<typeof startTestPlatform>[0] = {},
): Promise<TestServer> {
  const t = await startTestPlatform(options);
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
