/**
 * `npm run token -- --role office|inspector|system|department [--dept ID] [--expires-in SECONDS]`
 * prints only a signed staff JWT of the local issuer, for scripts and curl. Reads (or
 * creates) the key in WOODPECKER_DATA like `npm start`, so it works on an empty platform.
 */
import './local-env.js';
import { parseArgs } from 'node:util';
import { groupsFor, loadOrCreateIssuerKeys, signStaffToken, type TokenRole } from './issuer.js';
import { dataPaths } from './paths.js';

const ROLES = ['office', 'inspector', 'system', 'department'] as const;

try {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      dept: { type: 'string' },
      'expires-in': { type: 'string' },
      subject: { type: 'string' },
    },
    strict: true,
  });
  const role = values.role as TokenRole | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const expires = values['expires-in'] === undefined ? undefined : Number(values['expires-in']);
  if (expires !== undefined && !(Number.isInteger(expires) && expires > 0)) {
    throw new Error('--expires-in must be a positive whole number of seconds');
  }
  const keys = await loadOrCreateIssuerKeys(dataPaths().issuerKeyFile);
  const token = await signStaffToken(keys, {
    subject: values.subject ?? `cli-${role}${values.dept ? `-${values.dept}` : ''}`,
    groups: groupsFor(role, values.dept),
    expiresInSeconds: expires,
  });
  process.stdout.write(`${token}\n`);
} catch (err) {
  process.stderr.write(`token: ${(err as Error).message}\n`);
  process.exit(2);
}
