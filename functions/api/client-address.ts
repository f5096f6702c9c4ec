/**
 * The one place that says which address a request comes from, for every per-client
 * limit. Headers a client can set are believed only when the transport vouches for
 * them:
 *
 * - `CloudFront-Viewer-Address` only with the CDN's origin secret header (see
 *   functions/shared/origin-secret.ts); the execute-api endpoint is public, so without
 *   it the header is whatever the sender wrote.
 * - Otherwise, in Lambda, API Gateway's own `sourceIp` (HTTP API or REST API event);
 *   for a request through the CDN without a valid origin header that is the edge's
 *   address, which is coarse but cannot be forged.
 * - Under `npm start` (Node server), the socket's peer address.
 * - `X-Forwarded-For` only when there is no transport at all: `app.request()` in tests
 *   and benchmarks, where nothing but the test itself can send a request.
 */
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { cameThroughCdn, ORIGIN_VERIFY_HEADER } from '../shared/origin-secret.js';

interface KnownEnv {
  /** Lambda behind API Gateway (hono/aws-lambda passes the event's request context). */
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
  /** @hono/node-server. */
  incoming?: { socket?: { remoteAddress?: string } };
}

/** `CloudFront-Viewer-Address` is `address:port` (IPv6 too, unbracketed). */
function viewerAddress(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const address = header.trim().replace(/:\d{1,5}$/, '');
  return isIP(address) ? address : undefined;
}

/** The address a request comes from, believing only what its transport vouches for (see above). */
export async function clientAddressOf(c: Context): Promise<string> {
  const viewer = viewerAddress(c.req.header('cloudfront-viewer-address'));
  if (viewer && (await cameThroughCdn(c.req.header(ORIGIN_VERIFY_HEADER)))) return viewer;
  const env = c.env as KnownEnv | undefined;
  if (env?.requestContext)
    return env.requestContext.http?.sourceIp ?? env.requestContext.identity?.sourceIp ?? 'unknown';
  if (env?.incoming) return env.incoming.socket?.remoteAddress ?? 'unknown';
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown';
}
