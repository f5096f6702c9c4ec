/**
 * `npm start`: the whole platform on this machine. Honours PORT (default 3000),
 * WOODPECKER_DATA (default .data), WOODPECKER_SEED (demo | none) and
 * WOODPECKER_SEED_VOLUME (share of the demo's volume, default 1). Serves first and
 * prints the URL; on a first start the demo data then loads behind the served site,
 * with a progress bar here and a notice on every page, while the scheduled jobs wait
 * for it to finish. A start cut short while seeding resumes the seed on the next start.
 * Ctrl-C, SIGTERM and a crash all stop DynamoDB Local before exiting, so no Java
 * process outlives it (which is what lets `npm run dev` restart it on every change).
 */
import './local-env.js';
import { setDemoLoading } from '../../web/demo-loading.js';
import { parseCommandLine } from './cli.js';
import { DataFolderInUseError } from './lock.js';
import { type RunningPlatform, startPlatform } from './runtime.js';
import { isSeeded, seedDemo } from './seed/index.js';
import './seed/extensions.js';

parseCommandLine({
  command: 'npm start --',
  usage: `(no arguments; settings come from the environment)

Starts the whole platform on this machine: DynamoDB Local, the API and the site on
http://localhost:PORT, the stream poller and the scheduled jobs. On a first start the
demo data loads behind the served site.

  PORT                    HTTP port (default 3000)
  WOODPECKER_OIDC_PORT    port of the local OpenID provider staff sign in with
                          (default PORT + 1; 0 picks a free one)
  WOODPECKER_DATA         data folder (default .data)
  WOODPECKER_SEED         demo | none (default demo)
  WOODPECKER_SEED_VOLUME  share of the demo's volume, above 0 and at most 1 (default 1)
  WOODPECKER_TOPOLOGY     local (default): one process serving the API and site;
                          cloud: the synthesized cloud assembly as AWS runs it — its
                          CloudFront behaviours, HTTP API routes and JWT authorizer,
                          the bundled functions, stream filter and schedules
  -h, --help              this text`,
  options: {},
});

const port = Number(process.env.PORT ?? 3000);
const oidcPort = Number(process.env.WOODPECKER_OIDC_PORT ?? (port === 0 ? 0 : port + 1));
const dataDir = process.env.WOODPECKER_DATA || '.data';
const seed = process.env.WOODPECKER_SEED ?? 'demo';
const seedVolume = Number(process.env.WOODPECKER_SEED_VOLUME || 1);
const topology = process.env.WOODPECKER_TOPOLOGY || 'local';
const log = (m: string) => process.stdout.write(`${m}\n`);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number, not ${process.env.PORT}\n`);
  process.exit(2);
}
if (!Number.isInteger(oidcPort) || oidcPort < 0 || oidcPort > 65535 || (oidcPort === port && port !== 0)) {
  process.stderr.write(`WOODPECKER_OIDC_PORT must be a port number other than PORT, not ${oidcPort}\n`);
  process.exit(2);
}
if (topology !== 'local' && topology !== 'cloud') {
  process.stderr.write(`WOODPECKER_TOPOLOGY must be local or cloud, not ${topology}\n`);
  process.exit(2);
}
if (seed !== 'demo' && seed !== 'none') {
  process.stderr.write(`WOODPECKER_SEED must be demo or none, not ${seed}\n`);
  process.exit(2);
}
if (!(seedVolume > 0 && seedVolume <= 1)) {
  process.stderr.write(
    `WOODPECKER_SEED_VOLUME must be a share of the demo, above 0 and at most 1, not ${process.env.WOODPECKER_SEED_VOLUME}\n`,
  );
  process.exit(2);
}

if (topology === 'local') process.env.WOODPECKER_PUBLIC_URL ??= `http://localhost:${port}`;
const started = performance.now();
let running: RunningPlatform | undefined;
let stopPlatform: (() => Promise<void>) | undefined;
let stopping = false;
/** Whether this start has the demo to load (decided before the server answers). */
let seeding = false;
let jobsMayRun: () => void = () => {};
const seeded = new Promise<void>((resolve) => {
  jobsMayRun = resolve;
});

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
  log(`Woodpecker 啄木鸟 — starting the ${topology} topology with data in ${dataDir}`);
  const start =
    topology === 'cloud' ? (await import('../cloud-local/platform.js')).startCloudPlatform : startPlatform;
  running = await start({
    dataDir,
    port,
    oidcPort,
    log,
    onStop: (stop) => {
      stopPlatform = stop;
    },
    // The sweeper and the site publisher run only on complete data.
    holdJobsUntil: seeded,
    beforeServe: async (platform) => {
      seeding = seed === 'demo' && !(await isSeeded(platform));
      // Set before the server answers, so no page is served without the notice meanwhile.
      setDemoLoading(seeding);
      if (!seeding) jobsMayRun();
    },
  });
  if (stopping) process.exit(0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Ready in ${seconds} s: http://localhost:${running.port}`);
  log(
    topology === 'cloud'
      ? `  staff sign-in: http://localhost:${running.port}/staff/sign-in (the dev pages are local-topology only)`
      : `  staff sign-in: http://localhost:${running.port}/staff/sign-in   outbox: http://localhost:${running.port}/dev/outbox`,
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

if (seeding && running) void loadDemo(running);

/** The demo seed behind the served site: progress here, the notice on the pages until done. */
async function loadDemo(r: RunningPlatform): Promise<void> {
  log('First start: loading the demo data; the site already serves, and says so until it is done…');
  try {
    await seedDemo(r.platform, {
      interactive: process.stdout.isTTY,
      log,
      share: seedVolume,
      settle: async () => {
        log('Building the aggregates from the stream…');
        await r.drain(300_000);
      },
    });
  } catch (err) {
    if (stopping) return; // stopped mid-seed: the next start resumes it
    process.stderr.write(
      `The demo seed failed (the next start resumes it): ${(err as Error).stack ?? err}\n`,
    );
    await shutdown(1, 'demo seed failed');
    return;
  }
  setDemoLoading(false);
  jobsMayRun();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Demo data loaded in ${seconds} s: http://localhost:${r.port}`);
}
