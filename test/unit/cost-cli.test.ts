/**
 * `npm run cost` follows the command-line conventions of infra/local/cli.ts: usage on
 * --help with exit 0, one line and exit 2 on a bad argument, and the tables otherwise.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = path.resolve(import.meta.dirname, '../../infra/cost/estimate.ts');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--no-warnings', '--import', 'tsx', cli, ...args], { encoding: 'utf8' });

describe('npm run cost', () => {
  it('prints usage on --help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run cost -- \[--scenario NAME\]/);
    expect(r.stdout).toContain('small-city | large-city | province');
  });

  it.each([
    [['--scenario', 'metropolis'], /--scenario must be one of/],
    [['--region', 'eu-west-1'], /--region must be one of/],
    [['--frobnicate'], /Unknown option/],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).toContain("Try 'npm run cost -- --help'.");
  });

  it('prints one scenario in one region as Markdown', () => {
    const r = run('--scenario', 'small-city', '--region', 'cn-northwest-1', '--markdown');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| service | cn-north-1 (CNY/month) |');
    expect(r.stdout).not.toContain('us-east-1 (USD');
    expect(r.stdout).not.toContain('Province');
    expect(r.stdout).toMatch(/^\| DynamoDB \| [\d.,]+ †? \|$/m);
  });
});
