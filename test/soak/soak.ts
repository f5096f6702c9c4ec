/**
 * `npm run soak [-- --duration SECONDS] [--concurrency N]`: start a platform on a free
 * port with its own data folder, drive concurrent case ingest, ratings (with duplicate
 * submissions) and critiques against it, SIGKILL the platform twice and restart it,
 * then — after the stream has drained — check that every write acknowledged with a 2xx
 * is stored exactly once and every aggregate equals a recount. Prints the counts and
 * exits non-zero on any loss, duplicate or mismatch.
 */
import '../../infra/local/local-env.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import getPort from 'get-port';
import { createPlatform } from '../../functions/platform.js';
import { createStoreClient } from '../../functions/store/client.js';
import { keys } from '../../functions/store/keys.js';
import { recount } from '../../functions/usecases/recount.js';
import { intOption, parseCommandLine } from '../../infra/local/cli.js';
import type { RuntimeInfo } from '../../infra/local/connect.js';
import { groupsFor, loadOrCreateIssuerKeys, signStaffToken } from '../../infra/local/issuer.js';
import { isAlive, readPid } from '../../infra/local/processes.js';

const command = 'npm run soak --';
const { values } = parseCommandLine({
  command,
  usage: `[--duration SECONDS] [--concurrency N] [--topology local|cloud] [--keep]

Starts a platform on a free port with its own data folder, drives concurrent case
ingest, ratings and critiques, kills it twice with SIGKILL and restarts it, then checks
that every acknowledged write is stored exactly once and every aggregate equals a
recount. Exits 1 on any loss, duplicate or mismatch.

  --duration SECONDS  how long to drive load (default 60)
  --concurrency N     concurrent clients (default 6)
  --topology T        local (one process, default) or cloud (the synthesized
                      assembly behind its edge, as WOODPECKER_TOPOLOGY=cloud npm start)
  --keep              keep the data folder afterwards
  -h, --help          this text`,
  options: {
    duration: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '6' },
    keep: { type: 'boolean', default: false },
    topology: { type: 'string', default: 'local' },
  },
});
if (values.topology !== 'local' && values.topology !== 'cloud') {
  process.stderr.write(`${command} --topology must be local or cloud, not ${values.topology}.\n`);
  process.exit(2);
}
const topology = values.topology;
const durationMs = intOption(command, 'duration', values.duration, 1) * 1000;
const concurrency = intOption(command, 'concurrency', values.concurrency, 1);
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'wp-soak-'));
const log = (m: string) => process.stdout.write(`[soak ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const t0 = Date.now();

let child: ChildProcess | undefined;
let base = '';
let ready = false;

async function startPlatform(port: number): Promise<void> {
  ready = false;
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      WOODPECKER_DATA: dataDir,
      WOODPECKER_SEED: 'none',
      WOODPECKER_TOPOLOGY: topology,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  // The cloud topology synthesizes and bundles the assembly on every start.
  const deadline = Date.now() + (topology === 'cloud' ? 300_000 : 120_000);
  while (!out.includes('Ready in')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`platform did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The cloud topology's edge serves only its own host names (localhost), as CloudFront does.
  base = topology === 'cloud' ? `http://localhost:${port}` : `http://127.0.0.1:${port}`;
  ready = true;
}

function killPlatform(): Promise<void> {
  ready = false;
  const c = child!;
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

type Json = Record<string, unknown>;
async function call(
  method: string,
  url: string,
  body: unknown,
  token?: string,
  client = 'soak',
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      // Many citizens in one hall share an address; their browsers differ.
      'user-agent': `woodpecker-soak/${client}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const key = `${method} ${url.split('?')[0]!.replace(/\/[^/]*\d[^/]*$/, '/…')} ${res.status}`;
  counts.statuses[key] = (counts.statuses[key] ?? 0) + 1;
  const text = await res.text();
  let parsed: Json = {};
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

const counts = {
  cases: { sent: 0, acknowledged: 0 },
  ratings: { sent: 0, acknowledged: 0, refusedAsDuplicate: 0 },
  critiques: { sent: 0, acknowledged: 0 },
  errors5xx: 0,
  networkErrors: 0,
  statuses: {} as Record<string, number>,
};
const acknowledgedCases = new Map<string, string>(); // caseId → completedAt
const ratingLinks: { caseId: string; token: string }[] = [];
const acknowledgedRatings = new Map<string, number>(); // caseId → times a 201 was returned
const acknowledgedCritiques = new Set<string>();

async function main() {
  const port = await getPort();
  await startPlatform(port);
  log(`platform up on ${base} (${topology} topology), data in ${dataDir}`);
  const issuer = await loadOrCreateIssuerKeys(path.join(dataDir, 'issuer-key.json'));
  // In the cloud topology the HTTP API's authorizer checks the user pool client's audience.
  const { audience } = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo;
  const clientId = audience ? { clientId: audience } : {};
  const office = await signStaffToken(issuer, {
    subject: 'soak-office',
    groups: groupsFor('office'),
    ...clientId,
  });
  const system = await signStaffToken(issuer, {
    subject: 'soak-system',
    groups: groupsFor('system'),
    ...clientId,
  });
  await call('PUT', '/api/v1/departments/market', { name: '市场监督管理局', district: '浦东新区' }, office);
  await call(
    'PUT',
    '/api/v1/services/FOOD',
    { name: '食品经营许可', departmentId: 'market', statutoryDays: 18, promisedDays: 6 },
    office,
  );

  let stop = false;
  let seq = 0;
  const guarded = async (fn: () => Promise<void>) => {
    if (!ready) {
      await new Promise((r) => setTimeout(r, 50));
      return;
    }
    try {
      await fn();
    } catch {
      counts.networkErrors++;
    }
    // Always yield to the event loop, so a worker with nothing to do cannot starve timers.
    await new Promise((r) => setImmediate(r));
  };

  const ingestWorker = async () => {
    while (!stop) {
      await guarded(async () => {
        // Completed within the last weeks, so their rating links are still valid.
        const dayOf = (daysAgo: number) =>
          new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
        const batch = Array.from({ length: 20 }, () => {
          const n = seq++;
          const accepted = dayOf(5 + (n % 20));
          const completed = dayOf(2 + (n % 3));
          return {
            caseId: `S${n}`,
            serviceCode: 'FOOD',
            acceptedAt: `${accepted}T09:00:00+08:00`,
            completedAt: `${completed}T15:00:00+08:00`,
            updatedAt: `${completed}T15:00:00+08:00`,
          };
        });
        counts.cases.sent += batch.length;
        const res = await call('POST', '/api/v1/cases:batch', { cases: batch }, system);
        if (res.status >= 500) counts.errors5xx++;
        if (res.status !== 200) return;
        for (const r of res.body.results as { caseId: string; status: string; ratingUrl?: string }[]) {
          if (r.status === 'created' || r.status === 'updated' || r.status === 'unchanged') {
            counts.cases.acknowledged++;
            acknowledgedCases.set(r.caseId, batch.find((c) => c.caseId === r.caseId)!.completedAt);
            if (r.ratingUrl)
              ratingLinks.push({ caseId: r.caseId, token: new URL(r.ratingUrl).searchParams.get('t')! });
          }
        }
      });
    }
  };

  const ratingWorker = async () => {
    while (!stop) {
      await guarded(async () => {
        if (!ratingLinks.length) {
          await new Promise((r) => setTimeout(r, 50));
          return;
        }
        // Often the same case again: duplicates must be refused, never stored twice.
        const link = ratingLinks[Math.floor(Math.random() * Math.min(ratingLinks.length, 400))]!;
        counts.ratings.sent++;
        const res = await call('POST', '/api/v1/ratings', {
          caseId: link.caseId,
          token: link.token,
          score: 1 + (seq % 5),
        });
        if (res.status >= 500) counts.errors5xx++;
        if (res.status === 201) {
          counts.ratings.acknowledged++;
          acknowledgedRatings.set(link.caseId, (acknowledgedRatings.get(link.caseId) ?? 0) + 1);
        } else if (res.status === 409) counts.ratings.refusedAsDuplicate++;
      });
    }
  };

  const critiqueWorker = async () => {
    while (!stop) {
      await guarded(async () => {
        counts.critiques.sent++;
        const n = seq++;
        const res = await call(
          'POST',
          '/api/v1/critiques',
          {
            category: (['correction', 'enquiry', 'suggestion'] as const)[n % 3],
            text: `压力测试意见 ${n}：窗口排队时间太长，建议增加自助终端。`,
            targetType: 'service',
            targetId: 'FOOD',
          },
          undefined,
          `citizen-${n}`,
        );
        if (res.status >= 500) counts.errors5xx++;
        if (res.status === 201) {
          counts.critiques.acknowledged++;
          acknowledgedCritiques.add(String(res.body.trackingCode));
        }
      });
    }
  };

  const workers = [
    ...Array.from({ length: Math.max(1, Math.floor(concurrency / 2)) }, ingestWorker),
    ...Array.from({ length: Math.max(1, Math.floor(concurrency / 3)) }, ratingWorker),
    ...Array.from({ length: Math.max(1, Math.floor(concurrency / 3)) }, critiqueWorker),
  ];
  const chaos = (async () => {
    for (const at of [durationMs / 3, (2 * durationMs) / 3]) {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + at - Date.now())));
      log('SIGKILL the platform');
      await killPlatform();
      await startPlatform(port);
      log('platform restarted');
    }
  })();
  await new Promise((r) => setTimeout(r, durationMs));
  await chaos;
  stop = true;
  await Promise.all(workers);
  log('load stopped; waiting for the stream to drain and checking');

  const info = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo;
  const store = createStoreClient({ tableName: info.tableName, endpoint: info.endpoint });
  let lostCases = 0;
  for (const caseId of acknowledgedCases.keys()) {
    const got = await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.case(caseId), ConsistentRead: true }),
    );
    if (!got.Item) lostCases++;
  }
  let lostRatings = 0;
  let duplicatedRatings = 0;
  for (const [caseId, times] of acknowledgedRatings) {
    if (times > 1) duplicatedRatings += times - 1;
    const got = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': keys.rating(caseId).pk, ':sk': keys.rating(caseId).sk },
        ConsistentRead: true,
      }),
    );
    if (!got.Items?.length) lostRatings++;
  }
  let lostCritiques = 0;
  for (const code of acknowledgedCritiques) {
    const got = await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.critique(code), ConsistentRead: true }),
    );
    if (!got.Item) lostCritiques++;
  }
  let differences = -1;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const result = await recount(createPlatform(store));
    differences = result.differences.length;
    if (differences === 0) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  store.raw.destroy();

  const report = {
    durationSeconds: durationMs / 1000,
    kills: 2,
    cases: { ...counts.cases, stored: acknowledgedCases.size - lostCases, lost: lostCases },
    ratings: {
      ...counts.ratings,
      casesRated: acknowledgedRatings.size,
      lost: lostRatings,
      duplicated: duplicatedRatings,
    },
    critiques: { ...counts.critiques, lost: lostCritiques },
    errors5xx: counts.errors5xx,
    statuses: counts.statuses,
    requestsDuringDowntime: counts.networkErrors,
    aggregateDifferencesAfterDrain: differences,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failed =
    lostCases + lostRatings + lostCritiques + duplicatedRatings > 0 ||
    differences !== 0 ||
    counts.errors5xx > 0 ||
    counts.cases.acknowledged === 0 ||
    counts.ratings.acknowledged === 0 ||
    counts.critiques.acknowledged === 0;
  log(
    failed
      ? 'FAILED'
      : 'OK: nothing acknowledged was lost or duplicated, and every aggregate equals a recount',
  );
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  process.stderr.write(`soak failed: ${(err as Error).stack ?? err}\n`);
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  const java = readPid(path.join(dataDir, 'dynamodb.pid'));
  if (java && isAlive(java)) process.kill(java, 'SIGKILL');
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
