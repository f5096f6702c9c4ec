/**
 * The local SMS gateway: an HTTP server on loopback that answers as a domestic or
 * government SMS platform does (the route in AWS China), so `npm start` and the tests
 * send staff SMS through the same adapter the cloud uses. It accepts only the
 * registered templates (functions/domain/alerts/sms-templates.ts) with all their
 * parameters and a signature, renders the text the phone would show, and dedupes on the
 * `Idempotency-Key` header (the alert's deterministic id): a repeated key is answered
 * as accepted and not sent again, so one delivery per id is counted. `failNext(n)` makes
 * the next n requests fail with 503, for tests of the sender's retries and parking.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fillSmsTemplate, smsTemplateById } from '../../functions/domain/alerts/index.js';
import { LOCAL_HOST } from './local-server.js';

/** One text message as the gateway sent it (the first request of its key). */
export interface GatewayMessage {
  id: string;
  to: string;
  templateId: string;
  params: Record<string, string>;
  signature: string;
  /** Signature and filled template: what the phone shows. */
  text: string;
  receivedAt: string;
}

export interface SmsGatewayMock {
  /** `http://127.0.0.1:<port>/sms`: what WOODPECKER_SMS_GATEWAY_URL is set to. */
  url: string;
  messages(): GatewayMessage[];
  /** Deliveries counted for an idempotency key: 0 or 1, deduped. */
  deliveriesOf(id: string): number;
  /** Requests that carried the key, duplicates and failures included. */
  arrivalsOf(id: string): number;
  /** Answer the next `n` requests with 503 (nothing sent). */
  failNext(n: number): void;
  stop(): Promise<void>;
}

const KEEP = 2000;

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new Error('too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');

/** Start the mock on loopback (`port` 0, the default, picks a free one); `token`, if given, is required. */
export async function startSmsGatewayMock(
  options: { port?: number; token?: string } = {},
): Promise<SmsGatewayMock> {
  const byId = new Map<string, GatewayMessage>();
  const arrivals = new Map<string, number>();
  let failing = 0;
  const server = createServer(async (req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method !== 'POST' || req.url !== '/sms') return answer(404, { code: 'not_found' });
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`)
        return answer(401, { code: 'unauthorized' });
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[\w-]{8,128}$/.test(key))
        return answer(400, { code: 'idempotency_key_required' });
      arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
      if (failing > 0) {
        failing--;
        return answer(503, { code: 'unavailable' });
      }
      const sent = byId.get(key);
      if (sent) return answer(200, { id: key, duplicate: true });
      const body = JSON.parse(await bodyOf(req)) as Record<string, unknown>;
      const template = typeof body.templateId === 'string' ? smsTemplateById(body.templateId) : undefined;
      if (!template) return answer(400, { code: 'template_not_registered' });
      if (typeof body.to !== 'string' || !/^\+?\d{6,15}$/.test(body.to))
        return answer(400, { code: 'bad_number' });
      if (typeof body.signature !== 'string' || !/^【.{2,12}】$/.test(body.signature))
        return answer(400, { code: 'signature_not_registered' });
      const params = isStringMap(body.params) ? body.params : {};
      const filled = fillSmsTemplate(template, params);
      if (filled === undefined) return answer(400, { code: 'template_params_missing' });
      byId.set(key, {
        id: key,
        to: body.to,
        templateId: template.id,
        params,
        signature: body.signature,
        text: `${body.signature}${filled}`,
        receivedAt: new Date().toISOString(),
      });
      if (byId.size > KEEP) byId.delete(byId.keys().next().value as string);
      return answer(200, { id: key, duplicate: false });
    } catch {
      return answer(400, { code: 'bad_request' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOCAL_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOCAL_HOST}:${port}/sms`,
    messages: () => [...byId.values()],
    deliveriesOf: (id) => (byId.has(id) ? 1 : 0),
    arrivalsOf: (id) => arrivals.get(id) ?? 0,
    failNext: (n) => {
      failing = Math.max(0, Math.floor(n));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
