/**
 * The layer check (`npm run lint:layers`, .dependency-cruiser.mjs) catches what it is for:
 * each violation fixture under test/fixtures/layers/ — a miniature tree laid out like the
 * real one — makes it fail with its rule and nothing else, checked with the very config the
 * real tree is; and on the real tree it sees every source file and reports no violation.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.mjs');
/** The CLI as the package declares it (its file name has changed between majors). */
const CLI = join(
  ROOT,
  'node_modules',
  'dependency-cruiser',
  (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', 'dependency-cruiser', 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    }
  ).bin.depcruise as string,
);
const FIXTURES = join(ROOT, 'test', 'fixtures', 'layers');

interface Cruise {
  modules: { source: string }[];
  summary: {
    error: number;
    violations: {
      from: string;
      to: string;
      rule: { name: string };
      dependencyTypes?: string[];
      cycle?: { name: string }[];
    }[];
  };
}

/** Runs the check as `npm run lint:layers` does, from `cwd`, with the JSON reporter. */
function check(cwd: string): Cruise {
  const run = spawnSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', 'json', '.'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Cruise;
}

/** A violation as one readable line, e.g. `usecases-below-api: a.ts → b.ts`. */
const line = (v: Cruise['summary']['violations'][number]) =>
  `${v.rule.name}: ${v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`}`;

describe('layer rules', () => {
  it('fail on a use case importing functions/api', () => {
    const out = check(join(FIXTURES, 'usecase-imports-api'));
    expect(out.summary.violations.map(line)).toEqual([
      'usecases-below-api: functions/usecases/rate-case.ts → functions/api/errors.ts',
    ]);
    expect(out.summary.error).toBe(1);
  });

  it('fail on a DynamoDB command outside functions/store, and not on the store', () => {
    const out = check(join(FIXTURES, 'dynamodb-outside-store'));
    expect(out.summary.violations.map((v) => `${v.rule.name}: ${v.from}`)).toEqual([
      'dynamodb-only-in-store: functions/usecases/list-due.ts',
    ]);
    expect(out.summary.violations[0]?.to).toMatch(/node_modules\/@aws-sdk\/lib-dynamodb\//);
    expect(out.summary.error).toBe(1);
  });

  it('fail on an import cycle whose one half is type-only', () => {
    const out = check(join(FIXTURES, 'import-cycle'));
    expect(out.summary.violations.map(line)).toEqual([
      'no-circular: functions/usecases/handler.ts → functions/usecases/registry.ts → functions/usecases/handler.ts',
    ]);
    // handler.ts → registry.ts is `import type`: without it counted there would be no cycle.
    expect(out.summary.violations[0]?.dependencyTypes).toContain('type-only');
    expect(out.summary.error).toBe(1);
  });

  it('pass on the real tree, which they check whole', () => {
    const out = check(ROOT);
    const seen = new Set(out.modules.map((m) => m.source));
    const sources = ['functions', 'web', 'infra', 'test'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile() && /\.(ts|tsx|mjs|cjs|js)$/.test(f.name))
        .map((f) => relative(ROOT, join(f.parentPath, f.name))),
    );
    const unchecked = sources.filter((f) => !seen.has(f) && !f.startsWith('test/fixtures/layers/'));
    expect(unchecked).toEqual([]);
    expect(sources.length).toBeGreaterThan(300);
    expect(out.summary.violations.map(line)).toEqual([]);
  }, 60_000); // cruising the whole tree (~600 modules) takes seconds on 2 busy cores
});
