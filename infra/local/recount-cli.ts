/**
 * `npm run recount -- [--scope svc|dept|district|window|staff|city] [--id ID] [--fix] [--table NAME]`
 * rebuilds aggregates from raw items, prints every difference from the stored ones and
 * exits non-zero if there is any (after `--fix`, re-checks and reports what remains).
 */
import './local-env.js';
import { parseArgs } from 'node:util';
import { applyRecount, type Difference, recount } from '../../functions/usecases/recount.js';
import { connectToStore } from './connect.js';

const { values } = parseArgs({
  options: {
    scope: { type: 'string' },
    id: { type: 'string' },
    fix: { type: 'boolean', default: false },
    table: { type: 'string' },
    region: { type: 'string' },
  },
  strict: true,
});

function print(differences: Difference[]) {
  for (const d of differences.slice(0, 200)) {
    process.stdout.write(`  ${d.aggregate}  ${d.counter}: stored ${d.stored}, recounted ${d.recounted}\n`);
  }
  if (differences.length > 200) process.stdout.write(`  … and ${differences.length - 200} more\n`);
}

const { store, close, where } = await connectToStore({ table: values.table, region: values.region });
try {
  const filter = { scope: values.scope, id: values.id };
  process.stdout.write(`Recounting aggregates in ${where}…\n`);
  let result = await recount(store, filter);
  process.stdout.write(
    `${result.rawItems} raw items, ${result.aggregates} aggregates, ${result.differences.length} differences\n`,
  );
  print(result.differences);
  if (values.fix && result.differences.length) {
    const fixed = await applyRecount(store, result.differences, filter);
    result = await recount(store, filter);
    process.stdout.write(`Rewrote ${fixed} aggregates; ${result.differences.length} differences remain.\n`);
    print(result.differences);
  }
  process.exitCode = result.differences.length ? 1 : 0;
} finally {
  await close();
}
