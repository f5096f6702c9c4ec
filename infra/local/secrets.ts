/**
 * The local platform secret (rating tokens, phone hashes), generated once per data
 * folder. In AWS it lives in Secrets Manager.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writePrivateFile } from './paths.js';

export function loadOrCreateSecret(file: string): string {
  if (existsSync(file)) {
    const { secret } = JSON.parse(readFileSync(file, 'utf8')) as { secret: string };
    if (typeof secret === 'string' && secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('base64url');
  writePrivateFile(file, JSON.stringify({ secret }));
  return secret;
}
