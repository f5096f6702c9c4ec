/**
 * The platform secret in AWS: read from Secrets Manager by ARN on first use (the SDK
 * client loaded only then), kept for five minutes, refused when too short. Secrets
 * Manager is stood in for by a loopback HTTP server speaking its JSON protocol; the
 * real SDK client makes the requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { platformSecret, resetSecretCache, SECRET_MAX_AGE_MS } from '../../functions/shared/secrets.js';

const ARN = 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:woodpecker-platform-AbCdEf';
let server: Server;
let value = 'a'.repeat(64);
const requests: { target: string; secretId: string }[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => {
      body += d.toString();
    });
    req.on('end', () => {
      const secretId = (JSON.parse(body) as { SecretId: string }).SecretId;
      requests.push({ target: String(req.headers['x-amz-target']), secretId });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ARN: secretId, Name: 'woodpecker-platform', SecretString: value }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  delete process.env.WOODPECKER_SECRET;
  Object.assign(process.env, {
    WOODPECKER_SECRET_ARN: ARN,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

afterEach(() => {
  resetSecretCache();
  requests.length = 0;
  value = 'a'.repeat(64);
});

afterAll(async () => {
  process.env = saved;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('platform secret from Secrets Manager', () => {
  it('reads the secret by ARN once, then serves it from memory', async () => {
    const [a, b] = await Promise.all([platformSecret(), platformSecret()]);
    expect(a).toBe(value);
    expect(b).toBe(value);
    expect(await platformSecret()).toBe(value);
    expect(requests).toEqual([{ target: 'secretsmanager.GetSecretValue', secretId: ARN }]);
  });

  it('reads it again after five minutes, so a rotation reaches warm functions', async () => {
    const realNow = Date.now;
    try {
      await platformSecret();
      value = 'b'.repeat(64);
      const start = realNow();
      Date.now = () => start + SECRET_MAX_AGE_MS - 1000;
      expect(await platformSecret()).toBe('a'.repeat(64));
      Date.now = () => start + SECRET_MAX_AGE_MS + 1000;
      expect(await platformSecret()).toBe('b'.repeat(64));
      expect(requests).toHaveLength(2);
    } finally {
      Date.now = realNow;
    }
  });

  it('refuses a secret that is too short, and asks again next time', async () => {
    value = 'short';
    await expect(platformSecret()).rejects.toThrow(/too short/);
    value = 'c'.repeat(40);
    expect(await platformSecret()).toBe(value);
    expect(requests).toHaveLength(2);
  });
});
