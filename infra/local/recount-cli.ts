/**
 * `npm run recount -- [--scope svc|dept|district|window|staff|city] [--id ID] [--fix] [--table NAME]`
 * rebuilds aggregates from raw items, prints every difference from the stored ones and
 * exits non-zero if there is any (after `--fix`, re-checks and reports what remains).
 */
import './local-env.js';
import { createPlatform } from '../../functions/platform.js';
import { applyRecount, type Difference, recount } from '../../functions/usecases/recount.js';
import { parseCommandLine, usageError } from './cli.js';
import { connectToStore } from './connect.js';

const command = 'npm run recount --';
const scopes = ['svc', 'dept', 'district', 'window', 'staff', 'city'];
const { values } = parseCommandLine({
  command,
  usage: `[--scope SCOPE] [--id ID] [--fix] [--table NAME] [--region REGION]

Rebuilds the monthly aggregates from the raw items, prints every difference from the
stored ones and exits 1 if there is any (0 when all agree).

  --scope SCOPE    only aggregates of this scope: ${scopes.join(' | ')}
  --id ID          only the aggregates of this unit (with --scope)
  --fix            rewrite the differing aggregates, then check again
  --table NAME     the table (default: the local platform's, from npm start)
  --region REGION  an AWS region: recount a deployed table with your AWS credentials
  -h, --help       this text`,
  options: {
    scope: { type: 'string' },
    id: { type: 'string' },
    fix: { type: 'boolean', default: false },
    table: { type: 'string' },
    region: { type: 'string' },
  },
});
if (values.scope && !scopes.includes(values.scope))
  usageError(command, `--scope must be one of ${scopes.join(', ')}.`);
if (values.id && !values.scope) usageError(command, '--id needs --scope.');

function print(differences: Difference[]) {
  for (const d of differences.slice(0, 200)) {
    process.stdout.write(`  ${d.aggregate}  ${d.counter}: stored ${d.stored}, recounted ${d.recounted}\n`);
  }
  if (differences.length > 200) process.stdout.write(`  … and ${differences.length - 200} more\n`);
}

const { store, close, where } = await connectToStore({ table: values.table, region: values.region });
const p = createPlatform(store);
try {
  const filter = { scope: values.scope, id: values.id };
  process.stdout.write(`Recounting aggregates in ${where}…\n`);
  let result = await recount(p, filter);
  process.stdout.write(
    `${result.rawItems} raw items, ${result.aggregates} aggregates, ${result.differences.length} differences\n`,
  );
  print(result.differences);
  if (values.fix && result.differences.length) {
    const fixed = await applyRecount(p, result.differences, filter);
    result = await recount(p, filter);
    process.stdout.write(`Rewrote ${fixed} aggregates; ${result.differences.length} differences remain.\n`);
    print(result.differences);
  }
  process.exitCode = result.differences.length ? 1 : 0;
} finally {
  await close();
}
