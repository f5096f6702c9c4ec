/**
 * Who a public request comes from, for the find-fault window's limits: the address and
 * the user agent together, so people sharing one address (a service hall, a campus)
 * are told apart. The address is the viewer's as CloudFront reports it, else API
 * Gateway's source, else the local socket, else a forwarded header (tests).
 */
import type { Context } from 'hono';
import type { Submitter } from '../../usecases/critiques/submit.js';

interface KnownEnv {
  requestContext?: { http?: { sourceIp?: string } };
  incoming?: { socket?: { remoteAddress?: string } };
}

export function addressOf(c: Context): string {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '');
  const env = c.env as KnownEnv | undefined;
  return (
    env?.requestContext?.http?.sourceIp ??
    env?.incoming?.socket?.remoteAddress ??
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
    'unknown'
  );
}

export function submitterOf(c: Context, channel: Submitter['channel']): Submitter {
  const address = addressOf(c);
  const agent = (c.req.header('user-agent') ?? '').slice(0, 300);
  return { channel, identity: `${address}|${agent}`, address };
}
