/**
 * Lambda bundles: for each function group, bundle the entry with esbuild using the very
 * settings the CDK construct deploys (`infra/constructs/bundling-options.ts`), report
 * the minified size and what dominates it (esbuild metafile), and measure a local cold
 * start: a fresh `node` process imports the bundle and handles one event. The baseline
 * is a bundle that only creates a DynamoDB client and answers, measured in the same run,
 * interleaved run by run. AWS calls go to a loopback stub that answers every request
 * with a non-retryable error at once, so the figure is import + init + one event, not
 * network.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import {
  esbuildBuildOptions,
  type FunctionGroup,
  functionEntries,
  projectRoot,
} from '../../infra/constructs/bundling-options.js';
import type { BenchContext, BenchFigure, Benchmark } from './bench-types.js';

const RUNS = 7;
const SIZE_GOAL_KB = 500;
const COLD_START_GOAL = 1.5;
const outDir = join(projectRoot, '.bench', 'bundles');

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Bytes in the output per package (or project folder), largest first. */
  contributors: [string, number][];
}

/** `node_modules/@aws-sdk/client-dynamodb/dist-es/x.js` → `@aws-sdk/client-dynamodb`; `functions/api/x.ts` → `functions/api`. */
function ownerOf(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const scoped = parts[nm + 1]?.startsWith('@');
    return parts.slice(nm + 1, nm + (scoped ? 3 : 2)).join('/');
  }
  return parts.slice(0, 2).join('/');
}

function contributorsOf(metafile: Metafile, outfile: string): [string, number][] {
  const key = relative(projectRoot, outfile);
  const output = metafile.outputs[key] ?? Object.values(metafile.outputs)[0];
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const owner = ownerOf(input);
    totals.set(owner, (totals.get(owner) ?? 0) + bytesInOutput);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

async function bundle(name: string, entry: string): Promise<Bundle> {
  const file = join(outDir, name, 'index.mjs');
  const result = await build({ ...esbuildBuildOptions(entry, file), metafile: true });
  const code = readFileSync(file);
  return {
    name,
    file,
    bytes: statSync(file).size,
    gzipBytes: gzipSync(code).length,
    contributors: contributorsOf(result.metafile, file),
  };
}

/** A DynamoDB (and any AWS service) stand-in: every request fails at once, non-retryably. */
async function startStub(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': 'ResourceNotFoundException',
      });
      res.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
          message: 'bench stub: no such resource',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const runnerSource = `
const t0 = performance.now();
const mod = await import(process.env.BENCH_BUNDLE_URL);
const t1 = performance.now();
const name = process.env.POWERTOOLS_SERVICE_NAME;
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:000000000000:function:' + name,
  memoryLimitInMB: '1024',
  awsRequestId: process.env.BENCH_REQUEST_ID,
  logGroupName: '/aws/lambda/' + name,
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10000,
  done() {}, fail() {}, succeed() {},
};
let outcome;
try {
  const r = await mod.handler(JSON.parse(process.env.BENCH_EVENT), context);
  outcome = r && typeof r === 'object' && 'statusCode' in r ? String(r.statusCode) : 'ok';
} catch (e) {
  outcome = 'threw ' + (e && e.name);
}
const t2 = performance.now();
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({ importMs: t1 - t0, coldMs: t2 - t0, processMs: t2, outcome }) + '\\n');
process.exit(0);
`;

interface Run {
  importMs: number;
  coldMs: number;
  processMs: number;
  outcome: string;
}

function httpEvent(method: string, path: string, body?: unknown) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'bench.execute-api.ap-east-1.amazonaws.com',
      'content-type': 'application/json',
      'user-agent': 'bench',
      'x-forwarded-for': '127.0.0.1',
    },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.execute-api.ap-east-1.amazonaws.com',
      domainPrefix: 'bench',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}

const scheduledEvent = {
  version: '0',
  id: 'bench',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'ap-east-1',
  resources: [],
  detail: {},
};

/** One small, realistic event per group (see the module comment for what they touch). */
const events: Record<FunctionGroup, unknown> = {
  'public-read': httpEvent('GET', '/healthz'),
  pages: httpEvent('GET', '/critiques/ABCDEFGHJK'),
  'public-write': httpEvent('POST', '/api/v1/critiques', {
    category: 'suggestion',
    text: 'Bench: the queue ticket machine should print the expected waiting time.',
  }),
  staff: httpEvent('GET', '/api/v1/cases/BENCH-1'),
  'stream-aggregator': { Records: [] },
  sweeper: scheduledEvent,
};

function runOnce(b: Bundle, group: string, event: unknown, stubUrl: string): Promise<Run> {
  const runner = join(outDir, 'runner.mjs');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    BENCH_BUNDLE_URL: `file://${b.file}`,
    BENCH_EVENT: JSON.stringify(event),
    BENCH_REQUEST_ID: randomUUID(),
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL: stubUrl,
    AWS_MAX_ATTEMPTS: '1',
    DYNAMODB_ENDPOINT: stubUrl,
    WOODPECKER_TABLE: 'bench',
    WOODPECKER_SECRET: 'bench-secret-bench-secret-bench-secret-bench-secret-0123456789',
    WOODPECKER_JWKS_URL: `${stubUrl}/.well-known/jwks.json`,
    WOODPECKER_JWT_ISSUER: 'https://bench.invalid/issuer',
    WOODPECKER_PUBLIC_URL: 'https://bench.invalid',
    SITE_BUCKET: 'bench-site',
    POWERTOOLS_SERVICE_NAME: `woodpecker-${group}`,
    POWERTOOLS_METRICS_NAMESPACE: 'Woodpecker',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', () => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) {
        reject(new Error(`${b.name}: no result.\n${err.slice(-2000)}\n${out.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as Run);
    });
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const kb = (bytes: number) => round1(bytes / 1024);

const baselineSource = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }),
);
export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ ok: typeof doc.send === 'function' }) });
`;

/**
 * The same client making one GetItem (to the stub) before it answers: what the first
 * SDK request of a process costs (credentials, signing, the HTTP agent, TLS module,
 * endpoint rules), which every group whose event touches the table pays as well.
 */
const oneRequestSource = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }),
);
export const handler = async () => {
  let outcome = 'found';
  try {
    await doc.send(new GetCommand({ TableName: process.env.WOODPECKER_TABLE, Key: { pk: 'bench', sk: 'bench' } }));
  } catch (e) {
    outcome = e.name;
  }
  return { statusCode: 200, body: JSON.stringify({ outcome }) };
};
`;

/** Median cold start of `a` and `b`, run interleaved (a, b, a, b…) after one untimed run each. */
async function interleaved(a: Bundle, b: Bundle, group: string, event: unknown, stubUrl: string) {
  await runOnce(a, 'baseline', event, stubUrl);
  const first = await runOnce(b, group, event, stubUrl);
  const runsA: Run[] = [];
  const runsB: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    runsA.push(await runOnce(a, 'baseline', event, stubUrl));
    runsB.push(await runOnce(b, group, event, stubUrl));
  }
  return { first, runsA, runsB };
}

async function run(ctx: BenchContext): Promise<BenchFigure[]> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'runner.mjs'), runnerSource);
  const baselineEntry = join(outDir, 'baseline-entry.mjs');
  writeFileSync(baselineEntry, baselineSource);

  const baseline = await bundle('baseline', baselineEntry);
  ctx.log(`baseline (DynamoDB client only): ${kb(baseline.bytes)} KB`);
  const oneRequestEntry = join(outDir, 'one-request-entry.mjs');
  writeFileSync(oneRequestEntry, oneRequestSource);
  const oneRequest = await bundle('one-request', oneRequestEntry);
  const stub = await startStub();
  const figures: BenchFigure[] = [];
  try {
    {
      const { runsA, runsB } = await interleaved(baseline, oneRequest, 'one-request', {}, stub.url);
      const value = median(runsB.map((r) => r.coldMs));
      const baseValue = median(runsA.map((r) => r.coldMs));
      ctx.log(
        `one DynamoDB request: cold start ${round1(value)} ms vs baseline ${round1(baseValue)} ms (${round1(value / baseValue)}x)`,
      );
      figures.push({
        id: 'bundle.one-request.coldStart',
        title: `What one DynamoDB request adds: local cold start of the baseline bundle making one GetItem (median of ${RUNS})`,
        value: round1(value),
        unit: 'ms',
        baseline: round1(baseValue),
        baselineLabel: 'DynamoDB-client-only bundle, same run',
        ratio: Math.round((value / baseValue) * 100) / 100,
        goal: 'reported (the floor under the HTTP groups, whose measured event reads the table)',
        met: true,
        details: {
          importMs: round1(median(runsB.map((r) => r.importMs))),
          outcome: [...new Set(runsB.map((r) => r.outcome))].join(','),
          runs: RUNS,
        },
      });
    }
    for (const [group, entry] of Object.entries(functionEntries) as [FunctionGroup, string][]) {
      if (!existsSync(join(projectRoot, entry))) {
        ctx.log(`${group}: ${entry} does not exist yet, skipped`);
        continue;
      }
      const b = await bundle(group, join(projectRoot, entry));
      const top = b.contributors.slice(0, 8);
      ctx.log(
        `${group}: ${kb(b.bytes)} KB minified (${kb(b.gzipBytes)} KB gzip); top: ${top.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`,
      );
      figures.push({
        id: `bundle.${group}.size`,
        title: `${group}: minified bundle size`,
        value: kb(b.bytes),
        unit: 'KB',
        baseline: kb(baseline.bytes),
        baselineLabel: 'bundle with only the DynamoDB client',
        ratio: round1(b.bytes / 1024 / SIZE_GOAL_KB),
        goal: `< ${SIZE_GOAL_KB} KB`,
        met: b.bytes / 1024 < SIZE_GOAL_KB,
        details: {
          gzipKB: kb(b.gzipBytes),
          largest: top.map(([p, n]) => `${p} ${kb(n)} KB`).join('; '),
          ...Object.fromEntries(top.map(([p, n]) => [`KB ${p}`, kb(n)])),
        },
      });

      // One untimed run each (disk cache), then interleaved: baseline, group, baseline,
      // group… so drift on a busy machine hits both alike.
      const {
        first,
        runsA: base,
        runsB: runs,
      } = await interleaved(baseline, b, group, events[group], stub.url);
      ctx.log(`${group}: first event answered ${first.outcome}`);
      const value = median(runs.map((r) => r.coldMs));
      const baseValue = median(base.map((r) => r.coldMs));
      const ratio = value / baseValue;
      ctx.log(
        `${group}: cold start ${round1(value)} ms vs baseline ${round1(baseValue)} ms (${round1(ratio)}x)`,
      );
      figures.push({
        id: `bundle.${group}.coldStart`,
        title: `${group}: local cold start, import + init + one event (median of ${RUNS})`,
        value: round1(value),
        unit: 'ms',
        baseline: round1(baseValue),
        baselineLabel: 'DynamoDB-client-only bundle, same run',
        ratio: Math.round(ratio * 100) / 100,
        goal: `<= ${COLD_START_GOAL}x baseline`,
        met: ratio <= COLD_START_GOAL,
        details: {
          importMs: round1(median(runs.map((r) => r.importMs))),
          baselineImportMs: round1(median(base.map((r) => r.importMs))),
          processMs: round1(median(runs.map((r) => r.processMs))),
          baselineProcessMs: round1(median(base.map((r) => r.processMs))),
          outcome: [...new Set(runs.map((r) => r.outcome))].join(','),
          runs: RUNS,
        },
      });
    }
  } finally {
    await new Promise<void>((resolve) => stub.server.close(() => resolve()));
  }
  return figures;
}

export const benchmarks: Benchmark[] = [{ name: 'Lambda bundles: size and local cold start', run }];
