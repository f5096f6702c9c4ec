/**
 * `npm test`: every tier in turn — lint (biome, then the layer rules of
 * .dependency-cruiser.mjs), types, then the vitest projects — with each
 * tier's wall time printed as it ends and a summary at the close, so a slow tier is
 * visible in every CI log instead of hidden in one total. Every tier runs even after a
 * failure (one red run shows all that is red); the exit code is non-zero if any failed.
 *
 * Usage: npm test [-- tier…]   (tiers: lint types unit integration infra e2e)
 */
import { spawnSync } from 'node:child_process';

/**
 * The tiers, in the order they run, each one or more commands (all run, even after one
 * fails); the vitest ones are the projects of vitest.config.ts. The lint steps are
 * `npm run lint`'s.
 */
const TIERS: Record<string, string[][]> = {
  lint: [
    ['npx', 'biome', 'check', '.'],
    ['npx', 'depcruise', '--config', '.dependency-cruiser.mjs', '.'],
  ],
  types: [['npx', 'tsc', '--noEmit']],
  unit: [['npx', 'vitest', 'run', '--project', 'unit']],
  integration: [['npx', 'vitest', 'run', '--project', 'integration']],
  infra: [['npx', 'vitest', 'run', '--project', 'infra']],
  e2e: [['npx', 'vitest', 'run', '--project', 'e2e']],
};

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm test [-- tier…]\nTiers, in order: ${Object.keys(TIERS).join(' ')} (default: all).`);
  process.exit(0);
}
const unknown = args.filter((a) => !(a in TIERS));
if (unknown.length) {
  console.error(`Unknown tier: ${unknown.join(', ')}. Tiers: ${Object.keys(TIERS).join(' ')}.`);
  process.exit(2);
}
const chosen = args.length ? Object.keys(TIERS).filter((t) => args.includes(t)) : Object.keys(TIERS);

const results: { tier: string; seconds: number; ok: boolean }[] = [];
for (const tier of chosen) {
  const started = performance.now();
  let ok = true;
  for (const [cmd, ...rest] of TIERS[tier] as [string, ...string[]][]) {
    console.log(`\n▶ ${tier}: ${[cmd, ...rest].join(' ')}`);
    if (spawnSync(cmd, rest, { stdio: 'inherit' }).status !== 0) ok = false;
  }
  const seconds = (performance.now() - started) / 1000;
  results.push({ tier, seconds, ok });
  console.log(`◀ ${tier}: ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(1)} s`);
}

const total = results.reduce((s, r) => s + r.seconds, 0);
console.log('\nTier times:');
for (const r of results)
  console.log(`  ${r.tier.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.ok ? 'ok' : 'FAILED'}`);
console.log(`  ${'total'.padEnd(12)} ${total.toFixed(1).padStart(7)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
