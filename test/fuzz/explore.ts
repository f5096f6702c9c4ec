/**
 * `npm run fuzz`: exploratory fuzzing. `npm test` runs the property-based fuzz tier
 * (test/integration/fuzz.test.ts) with one fixed seed, so CI is deterministic; this
 * runs it again and again, each pass with a new random seed, many more runs per
 * property and every probe over real HTTP on a loopback port (so a request that loses
 * its connection is caught, not only a 5xx), until the time is up. Every failing pass
 * is reported with the command that replays it; the exit code is 1 if any pass failed.
 *
 * Environment (all optional):
 * - `FUZZ_MINUTES`: how long to keep starting passes (default 15);
 * - `FUZZ_RUNS`: runs per property per pass (default 100000: in effect, until its time);
 * - `FUZZ_PROPERTY_SECONDS`: time per property per pass (default 30), so each pass gives
 *   every property its turn and a new seed comes every few minutes;
 * - `FUZZ_HTTP`: `0` to probe in process instead of over HTTP (default `1`);
 * - `FUZZ_STORE_EVERY`: compare the table on one probe in N (default 20; the Scan it
 *   takes is most of a probe's cost, and "nothing stored from a rejected request" is
 *   what `npm test` checks on every probe);
 * - `FUZZ_WORKERS`: passes run side by side, each its own vitest, DynamoDB Local and
 *   table (default 1);
 * - `FUZZ_SEED`: replay one pass with this seed instead of exploring.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parseCommandLine } from '../../infra/local/cli.js';

parseCommandLine({
  command: 'npm run fuzz --',
  usage: `(no arguments; settings come from the environment)

Exploratory fuzzing: passes of the property-based fuzz tier with new random seeds, over
real HTTP, until the time is up; prints each pass's seed and how to replay a failure.

  FUZZ_MINUTES           how long to keep starting passes (default 15)
  FUZZ_RUNS              runs per property per pass (default 100000)
  FUZZ_PROPERTY_SECONDS  time per property per pass (default 30)
  FUZZ_HTTP              0 to probe in process instead of over HTTP (default 1)
  FUZZ_STORE_EVERY       compare the table on one probe in N (default 20)
  FUZZ_WORKERS           passes side by side (default 1)
  FUZZ_SEED              replay one pass with this seed
  -h, --help             this text`,
  options: {},
});

const root = path.resolve(import.meta.dirname, '../..');
const TEST_FILE = 'test/integration/fuzz.test.ts';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`${name} must be a positive number, not ${raw}\n`);
    process.exit(2);
  }
  return n;
}

const minutes = numberFromEnv('FUZZ_MINUTES', 15);
const runs = Math.round(numberFromEnv('FUZZ_RUNS', 100_000));
const propertySeconds = Math.round(numberFromEnv('FUZZ_PROPERTY_SECONDS', 30));
const storeEvery = Math.round(numberFromEnv('FUZZ_STORE_EVERY', 20));
const workers = Math.round(numberFromEnv('FUZZ_WORKERS', 1));
const http = process.env.FUZZ_HTTP !== '0';
const replay = process.env.FUZZ_SEED;
const deadline = Date.now() + minutes * 60_000;
const dir = mkdtempSync(path.join(tmpdir(), 'wp-fuzz-'));
const statsFile = path.join(dir, 'stats.jsonl');
const t0 = Date.now();
const log = (m: string) =>
  process.stdout.write(`[fuzz ${((Date.now() - t0) / 60_000).toFixed(1)} min] ${m}\n`);

interface PassStats {
  seed: number;
  requests: number;
  dropped: number;
  /** Refused by Node's HTTP parser (431, head over 16 KiB) before the app saw them. */
  headTooLarge: number;
  ms: number;
}

interface Pass {
  seed: number;
  ok: boolean;
  stats?: PassStats | undefined;
  log: string;
  failures: string[];
}

/** The lines of a vitest log that say what failed and how to replay it. */
function failureLines(output: string): string[] {
  const plain = stripVTControlCharacters(output);
  const keep =
    /(FAIL |Property failed|Reproduce:|or only this property|Counterexample:|Error: |dropped connection)/;
  return [...new Set(plain.split('\n').filter((l) => keep.test(l)))].map((l) => l.trim().slice(0, 600));
}

function runPass(n: number, seed: number): Promise<Pass> {
  const logFile = path.join(dir, `pass-${n}-seed-${seed}.log`);
  const env = {
    ...process.env,
    FUZZ_SEED: String(seed),
    FUZZ_RUNS: String(runs),
    FUZZ_HTTP: http ? '1' : '0',
    FUZZ_STORE_EVERY: String(storeEvery),
    FUZZ_PROPERTY_SECONDS: String(propertySeconds),
    FUZZ_STATS: statsFile,
    // A replay runs to the end; exploring stops the properties when the time is up.
    ...(replay ? {} : { FUZZ_DEADLINE: String(deadline) }),
  };
  return new Promise((resolve) => {
    // A property may run for the whole time: no per-test timeout short of that.
    const timeout = String(Math.max(120_000, deadline - Date.now() + 600_000));
    const args = ['node_modules/vitest/vitest.mjs', 'run', TEST_FILE, '--testTimeout', timeout];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => {
      writeFileSync(logFile, output);
      const lines = readFileSync(statsFile, 'utf8').trim().split('\n').filter(Boolean);
      const stats = lines
        .map((l) => JSON.parse(l) as PassStats)
        .reverse()
        .find((s) => s.seed === seed);
      resolve({
        seed,
        ok: code === 0,
        stats,
        log: logFile,
        failures: code === 0 ? [] : failureLines(output),
      });
    });
  });
}

writeFileSync(statsFile, '');
log(
  `${replay ? `replaying seed ${replay}` : `exploring for ${minutes} min with ${workers} worker(s)`}: up to ${runs} runs and ${propertySeconds} s per property, ${
    http ? 'over HTTP on 127.0.0.1' : 'in process'
  }, table compared on 1 probe in ${storeEvery}; logs in ${dir}`,
);
const passes: Pass[] = [];
let started = 0;
/** One worker: passes one after another until the time is up (a replay is one pass). */
async function worker(): Promise<void> {
  do {
    const n = ++started;
    const seed = replay ? Number(replay) : randomInt(2 ** 31);
    const pass = await runPass(n, seed);
    passes.push(pass);
    const s = pass.stats;
    log(
      `pass ${n} seed ${seed}: ${pass.ok ? 'ok' : 'FAILED'}, ${s?.requests ?? '?'} requests${
        s?.dropped ? `, ${s.dropped} dropped connections` : ''
      } in ${s ? (s.ms / 1000).toFixed(0) : '?'} s`,
    );
    for (const line of pass.failures) log(`  ${line}`);
  } while (!replay && Date.now() < deadline);
}
await Promise.all(Array.from({ length: replay ? 1 : workers }, worker));

const requests = passes.reduce((sum, p) => sum + (p.stats?.requests ?? 0), 0);
const dropped = passes.reduce((sum, p) => sum + (p.stats?.dropped ?? 0), 0);
const headTooLarge = passes.reduce((sum, p) => sum + (p.stats?.headTooLarge ?? 0), 0);
const failed = passes.filter((p) => !p.ok);
log(
  `done: ${passes.length} passes, ${requests} requests (${headTooLarge} refused by the HTTP parser), ${dropped} dropped connections, ${failed.length} failed passes in ${(
    (Date.now() - t0) / 60_000
  ).toFixed(1)} min`,
);
log(`seeds: ${passes.map((p) => p.seed).join(', ')}`);
for (const p of failed) log(`failed: seed ${p.seed} (log ${p.log})`);
process.exit(failed.length ? 1 : 0);
