/**
 * The first `npm start` on a fresh data folder serves at once and loads the demo behind
 * the site: every page says so (role=status, Chinese and English) while the seed runs —
 * observed mid-seed: no ranking is published yet and the terminal has not reported the
 * end — and no page says so once it is done. A second start reuses the data. A start
 * killed with SIGKILL mid-seed resumes on the next start, and the result holds every
 * aggregate exactly once. The seed is made small (WOODPECKER_SEED_VOLUME) so this runs
 * in a minute, but each notice is seen during a real seed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../functions/platform.js';
import { createStoreClient, type StoreClient } from '../../functions/store/client.js';
import { recount } from '../../functions/usecases/recount.js';
import type { RuntimeInfo } from '../../infra/local/connect.js';
import { isAlive, readPid } from '../../infra/local/processes.js';
import { seedRunOf } from '../../infra/local/seed/index.js';

const root = path.resolve(import.meta.dirname, '../..');
/** About 230 cases, 90 ratings and 10 critiques: a seed of some seconds (more under load). */
const VOLUME = '0.02';
const NOTICE_ZH = /<div class="banner" role="status"><div class="wrap">演示数据正在载入…/;
const NOTICE_EN = /<div class="banner" role="status"><div class="wrap">Demo data is loading…/;
const dataDirs: string[] = [];
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-first-start-'));
  dataDirs.push(dir);
  return dir;
}

function start(dataDir: string, port: number): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      WOODPECKER_DATA: dataDir,
      WOODPECKER_SEED: 'demo',
      WOODPECKER_SEED_VOLUME: VOLUME,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function get(port: number, url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${url}`);
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined; // not listening yet
  }
}

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function stop(run: Started): Promise<void> {
  run.child.kill('SIGTERM');
  await run.exited;
}

function storeOf(dataDir: string): StoreClient {
  const info = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo;
  return createStoreClient({ tableName: info.tableName, endpoint: info.endpoint });
}

const loaded = (run: Started) => run.output().includes('Demo data loaded');

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const dir of dataDirs) {
    const java = readPid(path.join(dir, 'dynamodb.pid'));
    if (java && isAlive(java)) process.kill(java, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('first npm start', () => {
  it('serves while the demo loads, with a notice on every page until it is done; a second start reuses the data', async () => {
    const dataDir = newDataDir();
    const port = await getPort();
    const first = start(dataDir, port);
    // Every page answered before the seed reported its end carries the notice.
    let home: { status: number; body: string } | undefined;
    await waitFor(async () => {
      home = await get(port, '/');
      return home?.status === 200;
    }, 'the home page');
    expect(home!.body).toMatch(NOTICE_ZH);
    const en = await get(port, '/services?lang=en');
    expect(en?.status).toBe(200);
    expect(en!.body).toMatch(NOTICE_EN);
    const api = await get(port, '/api/v1/services');
    expect(api?.status).toBe(200);
    const periods = await get(port, '/api/v1/rankings/department/periods');
    expect(JSON.parse(periods!.body).months).toEqual([]); // nothing ranked from partial data
    // All of that was seen while the seed was still running.
    expect(loaded(first)).toBe(false);
    const store = storeOf(dataDir);
    expect((await seedRunOf(store))?.steps ?? []).not.toContain('rankings');
    store.raw.destroy();

    await waitFor(() => loaded(first), 'the end of the seed');
    const after = await get(port, '/');
    expect(after?.status).toBe(200);
    expect(after!.body).not.toMatch(NOTICE_ZH);
    expect(after!.body).not.toContain('role="status"');
    const published = JSON.parse((await get(port, '/api/v1/rankings/department/periods'))!.body);
    expect(published.months.length).toBeGreaterThan(0);
    await stop(first);

    const second = start(dataDir, port);
    await waitFor(() => second.output().includes('Ready in'), 'the second start');
    const again = await get(port, '/');
    expect(again?.status).toBe(200);
    expect(again!.body).not.toMatch(NOTICE_ZH);
    expect(second.output()).not.toMatch(/loading the demo data|Resuming/);
    await stop(second);
  }, 400_000);

  it('resumes a seed killed midway on the next start, counting everything exactly once', async () => {
    const dataDir = newDataDir();
    const port = await getPort();
    const first = start(dataDir, port);
    await waitFor(() => first.output().includes('Ready in'), 'the first start');
    const killedStore = storeOf(dataDir);
    await waitFor(
      async () => (await seedRunOf(killedStore))?.steps.includes('critiques') ?? false,
      'the seed to pass its critiques step',
    );
    first.child.kill('SIGKILL');
    killedStore.raw.destroy();
    await first.exited;
    expect(loaded(first)).toBe(false);

    const second = start(dataDir, port);
    await waitFor(() => second.output().includes('Ready in'), 'the restart');
    expect(second.output()).toMatch(/left behind/); // the killed start's DynamoDB Local
    const during = await get(port, '/');
    expect(during!.body).toMatch(NOTICE_ZH);
    await waitFor(() => loaded(second), 'the resumed seed to finish');
    expect(second.output()).toMatch(
      /Resuming the demo seed begun .*\(finished before: catalogue, cases, critiques/,
    );
    expect((await get(port, '/'))!.body).not.toMatch(NOTICE_ZH);

    const store = storeOf(dataDir);
    const result = await recount(createPlatform(store));
    store.raw.destroy();
    const cases = Number(/Seeded .*?(\d+) cases/.exec(second.output())?.[1]);
    expect(cases).toBeGreaterThan(100);
    expect(result.rawItems).toBeGreaterThan(cases); // the cases, their ratings and the critiques
    expect(result.differences).toEqual([]);
    await stop(second);
  }, 400_000);
});
