/**
 * The two topologies side by side, each started as a user starts it (`npm start` on a
 * fresh data folder, `WOODPECKER_SEED=none`) — one process serving everything, and
 * `WOODPECKER_TOPOLOGY=cloud`, the synthesized assembly behind its edge with every
 * function in its own process. Reported, cloud against local in the same run: seconds to
 * a served home page (the cloud start synthesizes and bundles first), the first API
 * answer after that (a function's cold start: fork and import of its bundle), and the
 * median of warm requests — an API read the edge never keeps, and a page the edge keeps
 * (a hit costs the edge alone). Tells an operator what the cloud tier's test time buys
 * and a developer whether the emulation's overhead hides the code's own cost.
 *
 * `npm run bench -- topology`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { isAlive, readPid } from '../../infra/local/processes.js';
import type { BenchFigure, Benchmark } from './bench-types.js';
import { median } from './support.js';

const root = path.resolve(import.meta.dirname, '../..');
const WARM_RUNS = 30;

type Topology = 'local' | 'cloud';

interface Started {
  child: ChildProcess;
  dataDir: string;
  url: string;
  startSeconds: number;
  exited: Promise<unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(topology: Topology): Promise<Started> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `wp-bench-${topology}-`));
  const port = await getPort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WOODPECKER_DATA: dataDir,
    WOODPECKER_SEED: 'none',
    WOODPECKER_TOPOLOGY: topology,
  };
  delete env.WOODPECKER_PUBLIC_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise((r) => child.once('exit', r));
  // The cloud edge serves only its own host names, as CloudFront does.
  const url = topology === 'cloud' ? `http://localhost:${port}` : `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start (${topology}) exited:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start (${topology}) served nothing in 300 s:\n${out}`);
    const res = await fetch(`${url}/`).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(100);
  }
  return { child, dataDir, url, startSeconds: (performance.now() - t0) / 1000, exited };
}

async function stop(s: Started): Promise<void> {
  if (s.child.exitCode === null) s.child.kill('SIGTERM');
  const done = await Promise.race([s.exited.then(() => true), sleep(30_000).then(() => false)]);
  if (!done) s.child.kill('SIGKILL');
  const java = readPid(path.join(s.dataDir, 'dynamodb.pid'));
  if (java && isAlive(java)) process.kill(java, 'SIGKILL');
  rmSync(s.dataDir, { recursive: true, force: true });
}

/** Milliseconds for one GET answered 200 (the body read), and the edge's verdict. */
async function timed(url: string): Promise<{ ms: number; cache: string | null }> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - t0, cache: res.headers.get('x-cache') };
}

interface Measured {
  startSeconds: number;
  firstApiMs: number;
  apiMs: number;
  pageMs: number;
  pageCache: string | null;
  /** Median of first requests to pages not yet kept by the edge (rendered by the pages function). */
  missMs: number;
  missCache: string | null;
}

/** Public pages, each fetched once cold: at the edge a miss, rendered by the warm pages function. */
const MISS_PAGES = ['/services', '/departments', '/rankings', '/critiques', '/hall-of-fame', '/privacy'];

async function measure(topology: Topology): Promise<Measured> {
  const s = await start(topology);
  try {
    const info = JSON.parse(readFileSync(path.join(s.dataDir, 'runtime.json'), 'utf8')) as { url?: string };
    const base = info.url ?? s.url;
    // The home page warmed the pages function; the first API read meets a cold one.
    const firstApiMs = (await timed(`${base}/api/v1/services`)).ms;
    const api: number[] = [];
    const page: number[] = [];
    let pageCache: string | null = null;
    const misses: number[] = [];
    let missCache: string | null = null;
    for (const p of MISS_PAGES) {
      const got = await timed(`${base}${p}`);
      misses.push(got.ms);
      missCache = got.cache;
    }
    for (let i = 0; i < 3; i++) await timed(`${base}/privacy`);
    for (let i = 0; i < WARM_RUNS; i++) {
      api.push((await timed(`${base}/api/v1/services`)).ms);
      const p = await timed(`${base}/privacy`);
      page.push(p.ms);
      pageCache = p.cache;
    }
    return {
      startSeconds: s.startSeconds,
      firstApiMs,
      apiMs: median(api),
      pageMs: median(page),
      pageCache,
      missMs: median(misses),
      missCache,
    };
  } finally {
    await stop(s);
  }
}

const topologies: Benchmark = {
  name: 'The cloud topology against the local one: start, cold function, warm API read and edge-kept page',
  run: async ({ log }) => {
    const local = await measure('local');
    log(`local: home page after ${local.startSeconds.toFixed(1)} s, API ${local.apiMs.toFixed(1)} ms`);
    const cloud = await measure('cloud');
    log(`cloud: home page after ${cloud.startSeconds.toFixed(1)} s, API ${cloud.apiMs.toFixed(1)} ms`);
    const figure = (
      id: string,
      title: string,
      value: number,
      baseline: number,
      unit: string,
      limit: number,
      details: Record<string, number | string> = {},
    ): BenchFigure => ({
      id,
      title,
      value,
      unit,
      baseline,
      baselineLabel: `the same with npm start (one process)`,
      ratio: value / baseline,
      goal: `<= ${limit}`,
      met: value / baseline <= limit,
      details,
    });
    return [
      figure(
        'topology.start',
        'WOODPECKER_TOPOLOGY=cloud npm start, empty data: seconds to a served home page (synth and bundling included)',
        cloud.startSeconds,
        local.startSeconds,
        's',
        10,
      ),
      figure(
        'topology.cold-api',
        'cloud topology: the first API read, meeting a cold public-read function (fork and bundle import)',
        cloud.firstApiMs,
        local.firstApiMs,
        'ms',
        50,
      ),
      figure(
        'topology.api',
        `cloud topology: median warm GET /api/v1/services over ${WARM_RUNS} (edge, HTTP API, event, function process)`,
        cloud.apiMs,
        local.apiMs,
        'ms',
        3,
      ),
      figure(
        'topology.page-miss',
        `cloud topology: median first GET of ${MISS_PAGES.length} public pages, rendered by the pages function behind the edge`,
        cloud.missMs,
        local.missMs,
        'ms',
        2,
        { cloudXCache: cloud.missCache ?? 'none' },
      ),
      figure(
        'topology.edge-hit',
        `cloud topology: median warm GET /privacy over ${WARM_RUNS}, kept by the edge`,
        cloud.pageMs,
        local.pageMs,
        'ms',
        1.5,
        { cloudXCache: cloud.pageCache ?? 'none' },
      ),
    ];
  },
};

export const benchmarks: Benchmark[] = [topologies];
