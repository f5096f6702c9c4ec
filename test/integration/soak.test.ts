/**
 * A shortened `npm run soak`: a platform in its own process under concurrent ingest,
 * ratings with duplicates and critiques, SIGKILLed and restarted twice; nothing
 * acknowledged may be lost or duplicated and every aggregate must equal a recount.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('soak (shortened)', () => {
  it('loses and duplicates nothing across two SIGKILLs', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/soak/soak.ts', '--duration', '24'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status, out).toBe(0);
    const report = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as {
      cases: { acknowledged: number; lost: number };
      ratings: { acknowledged: number; lost: number; duplicated: number };
      critiques: { acknowledged: number; lost: number };
      aggregateDifferencesAfterDrain: number;
    };
    expect(report.cases.acknowledged).toBeGreaterThan(0);
    expect(report.ratings.acknowledged).toBeGreaterThan(0);
    expect(report.critiques.acknowledged).toBeGreaterThan(0);
    expect(report.cases.lost + report.ratings.lost + report.critiques.lost + report.ratings.duplicated).toBe(
      0,
    );
    expect(report.aggregateDifferencesAfterDrain).toBe(0);
  });
});
