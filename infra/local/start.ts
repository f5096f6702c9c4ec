/**
 * `npm start`: the whole platform on this machine. Honours PORT (default 3000),
 * WOODPECKER_DATA (default .data) and WOODPECKER_SEED (demo | none). Seeds the demo on
 * first start with a progress bar, then prints the URL. Ctrl-C, SIGTERM and a crash
 * all stop DynamoDB Local before exiting, so no Java process outlives it.
 */
import './local-env.js';
import { DataFolderInUseError } from './lock.js';
import { type RunningPlatform, startPlatform } from './runtime.js';
import { isSeeded, seedDemo } from './seed/index.js';
import './seed/extensions.js';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.WOODPECKER_DATA || '.data';
const seed = process.env.WOODPECKER_SEED ?? 'demo';
const log = (m: string) => process.stdout.write(`${m}\n`);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number, not ${process.env.PORT}\n`);
  process.exit(2);
}
if (seed !== 'demo' && seed !== 'none') {
  process.stderr.write(`WOODPECKER_SEED must be demo or none, not ${seed}\n`);
  process.exit(2);
}

process.env.WOODPECKER_PUBLIC_URL ??= `http://localhost:${port}`;
const started = performance.now();
let running: RunningPlatform | undefined;
let stopPlatform: (() => Promise<void>) | undefined;
let stopping = false;

async function shutdown(code: number, reason: string) {
  if (stopping) return;
  stopping = true;
  log(`\nStopping (${reason})…`);
  try {
    await stopPlatform?.();
  } finally {
    process.exit(code);
  }
}

process.on('SIGINT', () => void shutdown(0, 'SIGINT'));
process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));
process.on('SIGHUP', () => void shutdown(0, 'SIGHUP'));
process.on('uncaughtException', (err) => {
  process.stderr.write(`Crashed: ${err.stack ?? err}\n`);
  void shutdown(1, 'crash');
});
process.on('unhandledRejection', (err) => {
  process.stderr.write(`Crashed: ${(err as Error)?.stack ?? err}\n`);
  void shutdown(1, 'crash');
});

try {
  log(`Woodpecker 啄木鸟 — starting with data in ${dataDir}`);
  running = await startPlatform({
    dataDir,
    port,
    log,
    onStop: (stop) => {
      stopPlatform = stop;
    },
    beforeServe: async (platform, r) => {
      if (seed === 'demo' && !(await isSeeded(platform))) {
        log('First start: seeding the demo data…');
        await seedDemo(platform, { interactive: process.stdout.isTTY, log });
        log('Building the aggregates from the stream…');
        await r.drain(300_000);
      }
    },
  });
  if (stopping) process.exit(0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Ready in ${seconds} s: http://localhost:${running.port}`);
  log(
    `  staff sign-in: http://localhost:${running.port}/dev/sign-in   outbox: http://localhost:${running.port}/dev/outbox`,
  );
  log('Press Ctrl-C to stop.');
} catch (err) {
  if (err instanceof DataFolderInUseError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`Could not start: ${(err as Error).stack ?? err}\n`);
  await stopPlatform?.();
  process.exit(1);
}
