/**
 * An in-process platform for integration tests: a fresh table in the run's shared
 * DynamoDB Local, the real API and site app (staff sign-in included) called through
 * `app.request()`, the real stream poller and aggregator, a local JWT issuer, and a
 * settable clock. Staff sign-in over OIDC needs a provider: see test/support/oidc-sign-in.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { inject } from 'vitest';
import { createApiApp } from '../../functions/api/local-app.js';
import { type Clock, createPlatform, type Platform, setPlatform } from '../../functions/platform.js';
import { createStoreClient } from '../../functions/store/client.js';
import { dispatchRecords, streamItemTypes } from '../../functions/usecases/stream-dispatch.js';
import { ensureTable } from '../../infra/local/create-table.js';
import {
  groupsFor,
  type IssuerKeys,
  loadOrCreateIssuerKeys,
  localVerifierEnv,
  signStaffToken,
  type TokenRole,
} from '../../infra/local/issuer.js';
import { StreamPoller } from '../../infra/local/stream-poller.js';
import { mountStaffSignIn } from '../../web/oidc/routes.js';
import { mountSite } from '../../web/site-app.js';
import { SITE_ORIGIN, sessionCookie } from './staff-session.js';

export { SITE_ORIGIN, sessionCookie };

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
  /** The staff sign-in cookie (`wp_session=…`) of a token: see `sessionCookie`. */
  session: (token: string) => Promise<string>;
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
    ...localVerifierEnv(keys),
    WOODPECKER_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    WOODPECKER_PUBLIC_URL: SITE_ORIGIN,
  });
  const clock = new TestClock(new Date(options.now ?? '2026-11-20T10:00:00+08:00'));
  const platform = createPlatform(store, clock);
  setPlatform(platform);
  const poller = new StreamPoller({
    client: store.raw,
    endpoint,
    tableName,
    handler: (event) => dispatchRecords(platform, event.Records),
    // The item types the cloud's event filter lets through (infra/stacks/api-stack.ts).
    itemTypes: streamItemTypes(),
    idleMs: 100,
  });
  if (options.background) poller.start();
  const app = createApiApp((a) => {
    mountStaffSignIn(a);
    mountSite(a);
  });
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
    session: sessionCookie,
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

/**
 * A PUT as the efficiency office that throws when refused. Catalogue seeding goes
 * through it so that a seed that went wrong fails the setup with the status and the
 * answer, instead of surfacing as a puzzling assertion much later.
 */
/** What seeding needs of a platform: its API and tokens (either topology). */
export type ApiClient = Pick<TestPlatform, 'call' | 'token'>;

export async function officePut(t: ApiClient): Promise<(url: string, body: unknown) => Promise<void>> {
  const office = await t.token('office');
  return async (url, body) => {
    const res = await t.call('PUT', url, { body, token: office });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${res.text}`);
  };
}

/** Set up the demo-like catalogue most tests need: two departments and a few services. */
export async function seedCatalogue(t: ApiClient): Promise<void> {
  const put = await officePut(t);
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

/**
 * Two more departments on top of `seedCatalogue`, with a service each: tax (税务局,
 * 浦东新区, TAX 15/5) and civil affairs (民政局, 徐汇区, CIVIL 20/`civil.promisedDays`).
 * Ranking tests and the journeys need them so a league table has four departments in
 * two districts, with a top and a bottom that can be told apart. `civil` is the civil
 * affairs service, which the journeys give another name and promise than the league
 * tables do.
 */
export async function seedTaxAndCivil(
  t: ApiClient,
  civil: { name: string; promisedDays: number } = { name: '婚姻登记', promisedDays: 5 },
): Promise<void> {
  const put = await officePut(t);
  await put('/api/v1/departments/tax', { name: '税务局', district: '浦东新区' });
  await put('/api/v1/departments/civil', { name: '民政局', district: '徐汇区' });
  await put('/api/v1/services/TAX', {
    name: '税务登记',
    departmentId: 'tax',
    statutoryDays: 15,
    promisedDays: 5,
  });
  await put('/api/v1/services/CIVIL', {
    name: civil.name,
    departmentId: 'civil',
    statutoryDays: 20,
    promisedDays: civil.promisedDays,
  });
}

/**
 * Completed cases of one service in a month, for the league tables (API and browser):
 * `onTime` of them done the next working day, the rest 14 working days late. Two
 * numbers per unit and month set its on-time rate, so a test can say who leads and
 * who is bottom in September and October 2026 without computing dates.
 */
export function leagueCases(
  prefix: string,
  serviceCode: string,
  month: '2026-09' | '2026-10',
  total: number,
  onTime: number,
) {
  const fast = month === '2026-09' ? ['2026-09-14', '2026-09-15'] : ['2026-10-12', '2026-10-13'];
  const slow = month === '2026-09' ? ['2026-09-01', '2026-09-22'] : ['2026-10-08', '2026-10-27'];
  return Array.from({ length: total }, (_, i) => {
    const [a, c] = i < onTime ? fast : slow;
    return {
      caseId: `${prefix}-${month}-${i}`,
      serviceCode,
      acceptedAt: `${a}T09:00:00+08:00`,
      completedAt: `${c}T15:00:00+08:00`,
    };
  });
}
