/**
 * Every `npm run` tool behaves like a command-line tool: `--help` prints usage and exits
 * 0; an unknown option prints one line (plus the hint to --help) and exits 2, never a
 * stack trace. The tools are found in package.json — every script that runs a
 * TypeScript file with tsx — so a new tool is checked without editing this test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
/** Script name → the TypeScript file it runs (`node … --import tsx file.ts`). */
const tools = Object.entries(scripts)
  .map(([name, line]) => [name, line.match(/--import tsx (\S+\.ts)\b/)?.[1]] as const)
  .filter((t): t is readonly [string, string] => Boolean(t[1]));

function run(file: string, args: string[]) {
  return spawnSync(process.execPath, ['--no-warnings', '--import', 'tsx', file, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    // An empty data folder: no tool may need a running platform to answer --help.
    env: { ...process.env, WOODPECKER_DATA: mkdtempSync(path.join(tmpdir(), 'wp-cli-')) },
  });
}

describe('command-line tools', () => {
  it('finds the tools in package.json', () => {
    expect(tools.map(([name]) => name)).toEqual(
      expect.arrayContaining(['start', 'token', 'recount', 'import:cases', 'bench', 'soak', 'test']),
    );
  });

  it.each(tools)('npm run %s -- --help prints usage and exits 0', (_name, file) => {
    const r = run(file, ['--help']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: /);
  });

  it.each(tools)('npm run %s -- --no-such-option exits 2 with one line, no stack trace', (_name, file) => {
    const r = run(file, ['--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines[0]).toMatch(/no-such-option/);
  });
});
