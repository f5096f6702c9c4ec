/**
 * `npm run bench [-- --full] [-- name…]`: runs every `test/bench/*.bench.ts`, prints
 * each figure with its same-run baseline and ratio, and writes one report as Markdown
 * and JSON to `.bench/report.{md,json}` with the machine it ran on.
 */
import '../../infra/local/local-env.js';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCommandLine } from '../../infra/local/cli.js';
import type { BenchFigure, Benchmark } from './bench-types.js';
import { stopLargeCaseTable } from './large-case-table.js';

process.env.WOODPECKER_ACCESS_LOG = 'off';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const { values, positionals } = parseCommandLine({
  command: 'npm run bench --',
  usage: `[--full] [--out DIR] [NAME…]

Runs every test/bench/*.bench.ts (or those whose file name contains a NAME), prints each
figure beside its baseline measured in the same run and their ratio, and writes the
report to DIR/report.md and DIR/report.json. Exits 1 if a benchmark failed to run.

  --full       full sizes (slower; the default sizes fit a few minutes per benchmark)
  --out DIR    where the report goes (default .bench)
  -h, --help   this text`,
  options: { full: { type: 'boolean', default: false }, out: { type: 'string', default: '.bench' } },
  allowPositionals: true,
});

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !positionals.length || positionals.some((p) => f.includes(p)))
  .sort();

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};
const started = Date.now();
const results: { bench: string; figures: BenchFigure[]; error?: string; seconds: number }[] = [];
const log = (m: string) => process.stdout.write(`  ${m}\n`);

process.stdout.write(
  `Benchmarks on ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}${values.full ? ', full sizes' : ''}\n`,
);
for (const file of files) {
  const mod = (await import(path.join(dir, file))) as { benchmarks?: Benchmark[] };
  for (const bench of mod.benchmarks ?? []) {
    process.stdout.write(`\n▶ ${bench.name}\n`);
    const t0 = Date.now();
    try {
      const figures = await bench.run({ full: values.full, log });
      results.push({ bench: bench.name, figures, seconds: (Date.now() - t0) / 1000 });
      for (const f of figures) {
        log(
          `${f.met ? '✓' : '✗'} ${f.title}: ${fmt(f.value)} ${f.unit} vs ${fmt(f.baseline)} (${f.baselineLabel}) → ratio ${fmt(f.ratio)} (goal ${f.goal})`,
        );
      }
    } catch (err) {
      results.push({
        bench: bench.name,
        figures: [],
        error: String((err as Error).stack ?? err),
        seconds: (Date.now() - t0) / 1000,
      });
      log(`failed: ${String(err)}`);
    }
  }
}

await stopLargeCaseTable();

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

const totalSeconds = (Date.now() - started) / 1000;
const out = path.resolve(values.out);
mkdirSync(out, { recursive: true });
writeFileSync(
  path.join(out, 'report.json'),
  JSON.stringify({ machine, full: values.full, totalSeconds, results }, null, 2),
);
const md = [
  '# Woodpecker benchmark report',
  '',
  `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}. Sizes: ${values.full ? 'full' : 'default'}. Total ${totalSeconds.toFixed(0)} s.`,
  '',
  '| figure | value | baseline (same run) | ratio | goal | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.flatMap((r) =>
    r.error
      ? [`| ${r.bench} | failed: ${r.error.split('\n')[0]} | | | | ✗ |`]
      : r.figures.map(
          (f) =>
            `| ${f.title} | ${fmt(f.value)} ${f.unit} | ${fmt(f.baseline)} (${f.baselineLabel}) | ${fmt(f.ratio)} | ${f.goal} | ${f.met ? '✓' : '✗'} |`,
        ),
  ),
  '',
  ...results.flatMap((r) =>
    r.figures
      .filter((f) => f.details)
      .map(
        (f) =>
          `- ${f.id}: ${Object.entries(f.details ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
      ),
  ),
  '',
].join('\n');
writeFileSync(path.join(out, 'report.md'), md);
process.stdout.write(
  `\nReport: ${path.join(out, 'report.md')} and report.json (${totalSeconds.toFixed(0)} s)\n`,
);
process.exit(results.some((r) => r.error) ? 1 : 0);
