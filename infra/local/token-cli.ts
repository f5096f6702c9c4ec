/**
 * `npm run token -- --role office|inspector|system|department [--dept ID] [--expires-in SECONDS]`
 * prints only a signed staff JWT of the local issuer, for scripts and curl: an access
 * token of the local staff client (iss, client_id, token_use=access, exp), the shape the
 * API requires. Reads (or creates) the key in WOODPECKER_DATA like `npm start`, so it
 * works on an empty platform.
 */
import './local-env.js';
import { intOption, parseCommandLine, usageError } from './cli.js';
import { runningPlatformInfo } from './connect.js';
import { groupsFor, loadOrCreateIssuerKeys, signStaffToken, type TokenRole } from './issuer.js';
import { dataPaths } from './paths.js';

const ROLES = ['office', 'inspector', 'system', 'department'] as const;
const command = 'npm run -s token --';

const { values } = parseCommandLine({
  command,
  usage: `--role ROLE [--dept ID] [--expires-in SECONDS] [--subject SUB]

Prints a signed staff token of the local issuer (and nothing else), for scripts and curl:
  curl -H "Authorization: Bearer $(npm run -s token -- --role office)" …
Reads (or creates) the signing key in WOODPECKER_DATA like npm start. Against a running
cloud topology (WOODPECKER_TOPOLOGY=cloud npm start) the token carries the audience its
HTTP API's JWT authorizer accepts.

  --role ROLE           ${ROLES.join(' | ')}
  --dept ID             the department, with --role department
  --expires-in SECONDS  lifetime (default: the issuer's)
  --subject SUB         the token's subject (default cli-<role>[-<dept>])
  -h, --help            this text`,
  options: {
    role: { type: 'string' },
    dept: { type: 'string' },
    'expires-in': { type: 'string' },
    subject: { type: 'string' },
  },
});
const role = values.role as TokenRole | undefined;
if (!role || !ROLES.includes(role)) usageError(command, `--role must be one of ${ROLES.join(', ')}.`);
if (role === 'department' && !values.dept) usageError(command, '--role department needs --dept ID.');
const expires =
  values['expires-in'] === undefined ? undefined : intOption(command, 'expires-in', values['expires-in'], 1);
const paths = dataPaths();
const keys = await loadOrCreateIssuerKeys(paths.issuerKeyFile);
const running = runningPlatformInfo(paths.root);
const token = await signStaffToken(keys, {
  subject: values.subject ?? `cli-${role}${values.dept ? `-${values.dept}` : ''}`,
  groups: groupsFor(role, values.dept),
  expiresInSeconds: expires,
  ...(running?.topology === 'cloud' && running.audience ? { clientId: running.audience } : {}),
});
process.stdout.write(`${token}\n`);
