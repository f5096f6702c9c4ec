/**
 * `npm run import:cases -- file.csv [--table NAME]` streams a CSV of cases (see
 * functions/usecases/case-csv.ts for the columns) through the same ingest path as
 * `POST /api/v1/cases:batch`, 500 rows at a time, with a progress bar, and ends with
 * a summary and the rejected rows with their reasons.
 */
import './local-env.js';
import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { parse } from 'csv-parse';
import { principalFromGroups } from '../../functions/domain/identity.js';
import { createPlatform, setPlatform } from '../../functions/platform.js';
import { caseRowFromCsv } from '../../functions/usecases/case-csv.js';
import { type IngestResult, ingestCases, MAX_BATCH } from '../../functions/usecases/ingest-cases.js';
import { inviteToRate } from '../../functions/usecases/rating-invitations.js';
import { parseCommandLine, usageError } from './cli.js';
import { connectToStore } from './connect.js';
import { dataPaths } from './paths.js';
import { loadOrCreateSecret } from './secrets.js';

const command = 'npm run import:cases --';
const { values, positionals } = parseCommandLine({
  command,
  usage: `FILE.csv [--table NAME] [--region REGION]

Streams a CSV of cases (columns: functions/usecases/case-csv.ts) through the same ingest
path as POST /api/v1/cases:batch, 500 rows at a time, with a progress bar; ends with a
summary and the rejected rows with their reasons. Exits 1 if a row was rejected.

  --table NAME     the table (default: the local platform's, from npm start)
  --region REGION  an AWS region: import into a deployed table (needs WOODPECKER_SECRET_ARN)
  -h, --help       this text`,
  options: { table: { type: 'string' }, region: { type: 'string' } },
  allowPositionals: true,
});
const [file, ...extra] = positionals;
if (!file) usageError(command, 'name the CSV file to import.');
if (extra.length) usageError(command, `one file at a time, not ${positionals.length}.`);
let size = 0;
try {
  size = statSync(file).size;
} catch {
  usageError(command, `cannot read ${file}.`);
}
// Locally the data folder's secret signs rating links; against AWS (--table) the
// platform secret is read from Secrets Manager through WOODPECKER_SECRET_ARN.
if (!values.table) process.env.WOODPECKER_SECRET ??= loadOrCreateSecret(dataPaths().secretsFile);
else if (!process.env.WOODPECKER_SECRET && !process.env.WOODPECKER_SECRET_ARN) {
  process.stderr.write(
    'Importing into AWS needs WOODPECKER_SECRET_ARN (the platform secret) to sign rating links.\n',
  );
  process.exit(2);
}

const { store, close, where } = await connectToStore({ table: values.table, region: values.region });
const platform = createPlatform(store);
setPlatform(platform);
const principal = principalFromGroups('import-cli', ['system']);
const bar = new cliProgress.SingleBar(
  {
    format: ' import |{bar}| {percentage}% | {rows} rows | {eta_formatted} left',
    noTTYOutput: !process.stdout.isTTY,
    notTTYSchedule: 5000,
  },
  cliProgress.Presets.shades_classic,
);
const counts: Record<string, number> = {};
const rejected: { line: number; caseId: string; reason: string }[] = [];
let rows = 0;
const started = performance.now();

async function flush(batch: { line: number; row: Record<string, unknown> }[]) {
  const results: IngestResult[] = await ingestCases(
    platform,
    principal,
    batch.map((b) => b.row),
    { onCompleted: inviteToRate },
  );
  results.forEach((r, i) => {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.status === 'rejected')
      rejected.push({ line: batch[i]!.line, caseId: r.caseId, reason: r.error?.message ?? '' });
  });
}

try {
  process.stdout.write(`Importing ${file} into ${where}…\n`);
  bar.start(size, 0, { rows: 0 });
  const stream = createReadStream(file);
  const parser = stream.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true }),
  );
  let batch: { line: number; row: Record<string, unknown> }[] = [];
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    batch.push({ line: info.lines, row: caseRowFromCsv(record) });
    rows++;
    if (batch.length >= MAX_BATCH) {
      await flush(batch);
      batch = [];
      bar.update(stream.bytesRead, { rows });
    }
  }
  if (batch.length) await flush(batch);
  bar.update(size, { rows });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\n${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)}/s): ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}\n`,
  );
  if (rejected.length) {
    process.stdout.write(`\nRejected rows:\n`);
    for (const r of rejected.slice(0, 100))
      process.stdout.write(`  line ${r.line} ${r.caseId || '(no caseId)'}: ${r.reason}\n`);
    if (rejected.length > 100) process.stdout.write(`  … and ${rejected.length - 100} more\n`);
  }
  process.exitCode = rejected.length ? 1 : 0;
} catch (err) {
  bar.stop();
  process.stderr.write(`import failed: ${(err as Error).message}\n`);
  process.exitCode = 2;
} finally {
  await close();
}
