/**
 * `npm start` as a user runs it: a real process tree (npm → node) on a data folder,
 * stopped with signals and killed with SIGKILL, checked for orphaned Java processes
 * and lost data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { groupsFor, loadOrCreateIssuerKeys, signStaffToken } from '../../infra/local/issuer.js';
import { isAlive, readPid } from '../../infra/local/processes.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'wp-runtime-'));
const started: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function npmStart(port: number): Started {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), WOODPECKER_DATA: dataDir, WOODPECKER_SEED: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
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

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const platformPid = () => readPid(path.join(dataDir, 'runtime.lock'));
const javaPid = () => readPid(path.join(dataDir, 'dynamodb.pid'));

afterAll(async () => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
  const java = javaPid();
  if (java && isAlive(java)) process.kill(java, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves, refuses a second start on the same folder, survives kill -9 without losing data, and stops cleanly', async () => {
    const port = await getPort();
    const first = npmStart(port);
    await waitFor(() => first.output().includes('Ready in'), 'first start');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe('ok');
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/^<!doctype html>/);

    const keys = await loadOrCreateIssuerKeys(path.join(dataDir, 'issuer-key.json'));
    const office = await signStaffToken(keys, { subject: 'runtime-test', groups: groupsFor('office') });
    const put = await fetch(`http://127.0.0.1:${port}/api/v1/departments/persist`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '持久化测试局' }),
    });
    expect(put.status).toBe(201);

    // A second platform on the same data folder says so and exits.
    const second = npmStart(await getPort());
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/already in use/);

    // kill -9 of the platform's node process orphans Java…
    const nodePid = platformPid()!;
    const orphan = javaPid()!;
    process.kill(nodePid, 'SIGKILL');
    await first.exited;
    expect(isAlive(orphan)).toBe(true);

    // …which the next start finds and stops, and no data is lost.
    const third = npmStart(port);
    await waitFor(() => third.output().includes('Ready in'), 'restart after kill -9');
    expect(isAlive(orphan)).toBe(false);
    expect(third.output()).toMatch(/left behind/);
    const got = await fetch(`http://127.0.0.1:${port}/api/v1/departments/persist`);
    expect(got.status).toBe(200);
    expect((await got.json()).name).toBe('持久化测试局');

    // SIGTERM to `npm start` stops everything: no Java outlives it.
    const java = javaPid()!;
    third.child.kill('SIGTERM');
    await third.exited;
    await waitFor(() => !isAlive(java), 'Java to stop', 15_000);
    expect(readFileSync(path.join(dataDir, 'issuer-key.json'), 'utf8')).toContain('privateJwk');
    expect(platformPid()).toBeUndefined();
  });

  it('stops cleanly on Ctrl-C (SIGINT to the node process)', async () => {
    const port = await getPort();
    const run = npmStart(port);
    await waitFor(() => run.output().includes('Ready in'), 'start');
    const java = javaPid()!;
    process.kill(platformPid()!, 'SIGINT');
    await run.exited;
    await waitFor(() => !isAlive(java), 'Java to stop', 15_000);
    expect(javaPid()).toBeUndefined();
  });
});
