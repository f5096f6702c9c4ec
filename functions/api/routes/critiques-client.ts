/**
 * Who a public request comes from, for the find-fault window's limits: the address and
 * the user agent together, so people sharing one address (a service hall, a campus)
 * are told apart. The address is the platform's one answer to "where from"
 * (`clientAddressOf`, which believes CloudFront's viewer header only from the CDN).
 */
import type { Context } from 'hono';
import type { Submitter } from '../../usecases/critiques/submit.js';
import { clientAddressOf } from '../client-address.js';

export async function submitterOf(c: Context, channel: Submitter['channel']): Promise<Submitter> {
  const address = await clientAddressOf(c);
  const agent = (c.req.header('user-agent') ?? '').slice(0, 300);
  return { channel, identity: `${address}|${agent}`, address };
}
