/**
 * What the local runtime (the one `npm start` runs, started here in-process on a data
 * folder of its own) trusts: only this machine. DynamoDB Local, the HTTP server and the
 * local OpenID provider listen on 127.0.0.1 only and answer only requests addressed to
 * this machine (no DNS rebinding into staff sign-in or `/dev/outbox`), the data folder
 * is private to its owner, even when an older run left it readable, and a keep-alive
 * client survives an early 413.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupsFor, loadOrCreateIssuerKeys, signStaffToken } from '../../infra/local/issuer.js';
import { isLocalHost } from '../../infra/local/local-server.js';
import { type RunningPlatform, startPlatform } from '../../infra/local/runtime.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'wp-trust-'));
let running: RunningPlatform;
/** The port of the local OpenID provider the runtime started. */
const providerPort = () => Number(new URL(running.oidcIssuer ?? '').port);

/** This machine's IPv4 addresses other than loopback (none on a machine without a network). */
const externalIPv4 = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal)
  .map((a) => a!.address);

const modeOf = (file: string) => statSync(file).mode & 0o777;

beforeAll(async () => {
  // A data folder as an older version left it: readable by everyone.
  chmodSync(dataDir, 0o755);
  const keys = path.join(dataDir, 'issuer-key.json');
  await loadOrCreateIssuerKeys(keys);
  chmodSync(keys, 0o644);
  writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ secret: 'x'.repeat(43) }), {
    mode: 0o644,
  });
  mkdirSync(path.join(dataDir, 'dynamodb'), { mode: 0o755 });
  running = await startPlatform({ dataDir, port: 0, background: true });
});

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** One request over node's http client, with whatever Host header it is given. */
function request(
  port: number,
  options: {
    method?: string;
    path?: string;
    host?: string;
    body?: Buffer | string;
    headers?: http.OutgoingHttpHeaders;
    agent?: http.Agent;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { ...options.headers };
    if (options.host !== undefined) headers.host = options.host;
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers,
        agent: options.agent,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body, reusedSocket: req.reusedSocket }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Local addresses of the sockets listening on a TCP port (Linux /proc/net). */
function listenersOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue;
      out.push(local.slice(0, local.lastIndexOf(':')));
    }
  }
  return out;
}
/** 127.0.0.1 as /proc/net/tcp and /proc/net/tcp6 (IPv4-mapped) write it. */
const LOOPBACK_HEX = ['0100007F', '0000000000000000FFFF00000100007F'];

describe('the local runtime listens on loopback only', () => {
  it('DynamoDB Local, the HTTP server and the OpenID provider have no listener except on 127.0.0.1', () => {
    for (const port of [running.dynamo.port, running.port, providerPort()]) {
      const listeners = listenersOn(port);
      expect(listeners.length, `a listener on port ${port}`).toBeGreaterThan(0);
      for (const address of listeners) expect(LOOPBACK_HEX).toContain(address);
    }
  });

  // Skipped only on a machine with no IPv4 address but loopback: then there is no other
  // interface to reach it on, and the /proc check above is what remains.
  it.runIf(externalIPv4.length > 0)(
    `DynamoDB Local and the HTTP server cannot be reached on this machine's other addresses (${externalIPv4.join(', ') || 'none'})`,
    async () => {
      expect(await connects('127.0.0.1', running.dynamo.port)).toBe(true);
      for (const address of externalIPv4) {
        expect(await connects(address, running.dynamo.port), `DynamoDB Local on ${address}`).toBe(false);
        expect(await connects(address, running.port), `HTTP on ${address}`).toBe(false);
        expect(await connects(address, providerPort()), `OpenID provider on ${address}`).toBe(false);
      }
    },
  );

  it('DynamoDB Local refuses a request addressed to another host (DNS rebinding)', async () => {
    const listTables = (host?: string) =>
      request(running.dynamo.port, {
        method: 'POST',
        host,
        body: '{}',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/cn-north-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
        },
      });
    const own = await listTables();
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).TableNames).toContain('woodpecker');
    for (const host of [
      'evil.example',
      `evil.example:${running.dynamo.port}`,
      `127.0.0.1.nip.io:${running.dynamo.port}`,
    ]) {
      const res = await listTables(host);
      expect(res.status, host).toBe(421);
      expect(res.body).not.toContain('woodpecker');
    }
  });
});

describe('the local HTTP server answers only requests addressed to this machine', () => {
  const foreign = () => [
    'evil.example',
    `evil.example:${running.port}`,
    `localhost.evil.example:${running.port}`,
    `127.0.0.1.nip.io:${running.port}`,
    `[2001:db8::1]:${running.port}`,
  ];

  it('refuses a foreign Host on every path, the dev pages included, with 421', async () => {
    for (const host of foreign()) {
      for (const p of ['/healthz', '/dev/outbox', '/staff/sign-in', '/api/v1/services']) {
        const res = await request(running.port, { path: p, host });
        expect(res.status, `${host} ${p}`).toBe(421);
        expect(JSON.parse(res.body).error.code).toBe('forbidden');
      }
    }
  });

  it('hands out no staff session to a rebinding page (the OpenID provider and its sign-in page)', async () => {
    const port = providerPort();
    const own = await request(port, { path: '/.well-known/openid-configuration', host: `127.0.0.1:${port}` });
    expect(own.status).toBe(200);
    for (const path of ['/.well-known/openid-configuration', '/auth', '/interaction/x/login']) {
      const res = await request(port, {
        method: path.endsWith('login') ? 'POST' : 'GET',
        path,
        host: `evil.example:${port}`,
        body: 'user=office-li',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status, path).toBe(421);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('serves localhost, 127.0.0.1 and [::1], with the port or without', async () => {
    for (const host of [
      `localhost:${running.port}`,
      `127.0.0.1:${running.port}`,
      `[::1]:${running.port}`,
      'localhost',
    ]) {
      const res = await request(running.port, { path: '/healthz', host });
      expect(res.status, host).toBe(200);
    }
    expect(
      (await request(running.port, { path: '/dev/outbox', host: `localhost:${running.port}` })).status,
    ).toBe(200);
  });

  it('tells host names apart exactly', () => {
    expect(isLocalHost('LocalHost:3000', undefined)).toBe(true);
    expect(isLocalHost('[::1]', undefined)).toBe(true);
    expect(isLocalHost('woodpecker.test:3000', 'http://woodpecker.test:3000')).toBe(true);
    for (const host of [
      undefined,
      '',
      'localhost:3000/x',
      'localhost@evil',
      'evil.localhost',
      '0.0.0.0:3000',
    ]) {
      expect(isLocalHost(host, undefined), String(host)).toBe(false);
    }
  });
});

describe('an early 413 and keep-alive', () => {
  it('closes the connection it will not read, so a keep-alive client goes on with a fresh one', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const host = `127.0.0.1:${running.port}`;
      const warm = await request(running.port, { path: '/healthz', host, agent });
      expect(warm.status).toBe(200);
      for (let i = 0; i < 3; i++) {
        const big = await request(running.port, {
          method: 'POST',
          path: '/api/v1/critiques',
          host,
          agent,
          body: Buffer.alloc(2 * 1024 * 1024, 'a'),
          headers: { 'content-type': 'application/json' },
        });
        expect(big.status).toBe(413);
        expect(big.headers.connection).toBe('close');
        // The next request on the agent must not land on the dropped socket.
        const next = await request(running.port, { path: '/healthz', host, agent });
        expect(next.status).toBe(200);
        expect(next.reusedSocket).toBe(false);
      }
      // An ordinary answer keeps the connection.
      const again = await request(running.port, { path: '/healthz', host, agent });
      expect(again.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('the data folder is private to its owner', () => {
  it('makes the folder 0700 and its files 0600, tightening what an older run left readable', async () => {
    // Something for the stream poller to deliver and checkpoint.
    const office = await signStaffToken(running.issuerKeys, {
      subject: 'trust-test',
      groups: groupsFor('office'),
    });
    const put = await request(running.port, {
      method: 'PUT',
      path: '/api/v1/departments/trust',
      body: JSON.stringify({ name: '信任测试局' }),
      headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
    });
    expect(put.status).toBe(201);
    await running.drain();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'dynamodb'))).toBe(0o700);
    const files = [
      'issuer-key.json',
      'oidc-provider.json',
      'secrets.json',
      'runtime.json',
      'runtime.lock',
      'dynamodb.pid',
      'stream-checkpoints.json',
    ];
    for (const f of files) expect(modeOf(path.join(dataDir, f)).toString(8), f).toBe('600');
    const dbFiles = readdirSync(path.join(dataDir, 'dynamodb'));
    expect(dbFiles.length).toBeGreaterThan(0);
    for (const f of dbFiles) expect(modeOf(path.join(dataDir, 'dynamodb', f)).toString(8), f).toBe('600');
  });
});
