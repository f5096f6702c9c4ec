/**
 * The HTTP server of the local runtime: the platform's Hono app on 127.0.0.1, with two
 * guards the cloud gets from API Gateway and CloudFront:
 * - only requests addressed to this machine (Host `localhost`, `127.0.0.1` or `[::1]`,
 *   any port, or the host of WOODPECKER_PUBLIC_URL) are served; anything else is 421.
 *   Listening on loopback keeps the network out, but a web page in the developer's
 *   browser can still point a name of its own at 127.0.0.1 (DNS rebinding) and drive
 *   the staff consoles and read `/dev/outbox` as a same-origin page (the local OpenID
 *   provider, on its own port, checks Host the same way). Its requests carry
 *   its own name in Host; the port alone proves nothing, so it is not checked;
 * - an answer sent before the request body was read (413 from the body limit, or any
 *   early refusal of a body still on its way) says `Connection: close`. The server
 *   drops such a connection rather than read the rest of the body, and a keep-alive
 *   client told nothing would send its next request into a closed socket.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { errorBody } from '../../functions/api/errors.js';

/** The only address the local server listens on. */
export const LOCAL_HOST = '127.0.0.1';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header (lower case, IPv6 in brackets), without its port. */
export function hostNameOf(host: string): string | undefined {
  const m = host
    .trim()
    .toLowerCase()
    .match(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/);
  return m?.[1]?.replace(/\.$/, '');
}

/** Whether a Host header names this machine (see the module comment). */
export function isLocalHost(
  host: string | undefined,
  publicUrl = process.env.WOODPECKER_PUBLIC_URL,
): boolean {
  const name = host === undefined ? undefined : hostNameOf(host);
  if (!name) return false;
  if (LOOPBACK_NAMES.has(name)) return true;
  try {
    return publicUrl !== undefined && new URL(publicUrl).hostname.toLowerCase() === name;
  } catch {
    return false;
  }
}

function bodyStillComing(incoming: IncomingMessage): boolean {
  if (incoming.complete) return false;
  const length = incoming.headers['content-length'];
  return incoming.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Wrap the app's fetch with the host check and the early-answer `Connection: close`. */
export function localFetch(app: Hono) {
  return async (request: Request, env: { incoming: IncomingMessage }): Promise<Response> => {
    if (!isLocalHost(env.incoming.headers.host)) {
      return Response.json(
        errorBody('forbidden', 'This server answers only requests addressed to localhost or 127.0.0.1.'),
        { status: 421, headers: { connection: 'close' } },
      );
    }
    const response = await app.fetch(request, env);
    if (response.status === 413 || bodyStillComing(env.incoming)) {
      const headers = new Headers(response.headers);
      headers.set('connection', 'close');
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    }
    return response;
  };
}

/** Serve the app on 127.0.0.1 (`port` 0 picks a free one). */
export function serveLocal(app: Hono, port: number): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch: localFetch(app) as never, port, hostname: LOCAL_HOST }, () =>
      resolve({ server: s as Server, port: ((s as Server).address() as AddressInfo).port }),
    );
    (s as Server).once('error', reject);
  });
}
