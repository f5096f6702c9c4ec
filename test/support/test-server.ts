/**
 * A test platform served over real HTTP on a free loopback port, for the browser tier.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

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
