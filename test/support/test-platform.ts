/**
 * An in-process platform for integration tests: a fresh table in the run's shared
 * DynamoDB Local, the real API and site app called through `app.request()`, the real
 * stream poller and aggregator, a local JWT issuer, and a settable clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { inject } from 'vitest';
import { createApiApp } from '../../functions/api/local-app.js';
import { type Clock, createPlatform, type Platform, setPlatform } from '../../functions/platform.js';
import { aggregateRecords } from '../../functions/store/aggregator.js';
import { createStoreClient } from '../../functions/store/client.js';
import { ensureTable } from '../../infra/local/create-table.js';
import {
  groupsFor,
  type IssuerKeys,
  LOCAL_ISSUER,
  loadOrCreateIssuerKeys,
  signStaffToken,
  type TokenRole,
} from '../../infra/local/issuer.js';
import { StreamPoller } from '../../infra/local/stream-poller.js';
import { mountSite } from '../../web/site-app.js';

/** A clock tests can set and advance. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface TestPlatform {
  app: Hono;
  platform: Platform;
  clock: TestClock;
  poller: StreamPoller;
  keys: IssuerKeys;
  tableName: string;
  endpoint: string;
  /** A staff token for a role (department needs a department id). */
  token: (
    role: TokenRole,
    departmentId?: string,
    options?: { expiresInSeconds?: number; subject?: string },
  ) => Promise<string>;
  /** JSON request helper: returns status and parsed body. */
  call: (
    method: string,
    url: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: any; headers: Headers; text: string }>;
  /** Deliver everything on the stream to the aggregator, until quiet. */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
}

let counter = 0;

export async function startTestPlatform(
  options: { now?: string; background?: boolean } = {},
): Promise<TestPlatform> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `t${process.pid}x${Date.now().toString(36)}x${counter++}`;
  const store = createStoreClient({ tableName, endpoint });
  await ensureTable(store.raw, tableName);
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-test-'));
  const keys = await loadOrCreateIssuerKeys(path.join(dir, 'issuer.json'));
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: endpoint,
    WOODPECKER_TABLE: tableName,
    WOODPECKER_JWT_PUBLIC_JWK: JSON.stringify(keys.publicJwk),
    WOODPECKER_JWT_ISSUER: LOCAL_ISSUER,
    WOODPECKER_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    WOODPECKER_PUBLIC_URL: 'http://localhost:3000',
  });
  const clock = new TestClock(new Date(options.now ?? '2026-11-20T10:00:00+08:00'));
  const platform = createPlatform(store, clock);
  setPlatform(platform);
  const poller = new StreamPoller({
    client: store.raw,
    endpoint,
    tableName,
    handler: (event) => aggregateRecords(store, event.Records),
    idleMs: 100,
  });
  if (options.background) poller.start();
  const app = createApiApp((a) => mountSite(a));
  const call: TestPlatform['call'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  };
  return {
    app,
    platform,
    clock,
    poller,
    keys,
    tableName,
    endpoint,
    token: (role, departmentId, o = {}) =>
      signStaffToken(keys, {
        subject: o.subject ?? `test-${role}${departmentId ? `-${departmentId}` : ''}`,
        groups: groupsFor(role, departmentId),
        expiresInSeconds: o.expiresInSeconds,
      }),
    call,
    drain: async () => {
      let quiet = 0;
      for (let i = 0; i < 200 && quiet < 2; i++) quiet = (await poller.pollOnce()) === 0 ? quiet + 1 : 0;
    },
    stop: async () => {
      await poller.stop();
      store.raw.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Set up the demo-like catalogue most tests need: two departments and a few services. */
export async function seedCatalogue(t: TestPlatform): Promise<void> {
  const office = await t.token('office');
  const put = async (url: string, body: unknown) => {
    const res = await t.call('PUT', url, { body, token: office });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${res.text}`);
  };
  await put('/api/v1/departments/market', { name: '市场监督管理局', district: '浦东新区' });
  await put('/api/v1/departments/housing', { name: '住房和城乡建设局', district: '徐汇区' });
  await put('/api/v1/windows/market-w1', { name: '市场 1号窗口', departmentId: 'market' });
  await put('/api/v1/services/FOOD', {
    name: '食品经营许可',
    departmentId: 'market',
    statutoryDays: 18,
    promisedDays: 6,
  });
  await put('/api/v1/services/BUILD', {
    name: '建筑工程施工许可',
    departmentId: 'housing',
    statutoryDays: 20,
    promisedDays: 10,
  });
}
