/**
 * Where the local runtime keeps its state. Everything lives under one data folder
 * (`WOODPECKER_DATA`, default `.data`), always as an absolute path: DynamoDB Local is
 * started in its own package folder, so a relative `-dbPath` would land in node_modules.
 *
 * The folder holds the signing keys (the token issuer's, the OpenID provider's), the
 * platform secret and the database, so it is private to the user who runs the platform:
 * the folder and its database folder are made 0700, the runtime's own files in it and
 * the database files 0600, also when an older version (or a copy) left them readable by
 * others. The runtime writes its files through `writePrivateFile`.
 */
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface DataPaths {
  root: string;
  dynamoDir: string;
  dynamoPidFile: string;
  lockFile: string;
  issuerKeyFile: string;
  /** The local OpenID provider's signing keys, cookie keys and the site's client secret. */
  oidcProviderFile: string;
  secretsFile: string;
  streamCheckpointFile: string;
}

export function dataPaths(dataDir = process.env.WOODPECKER_DATA || '.data'): DataPaths {
  const root = path.resolve(dataDir);
  const paths: DataPaths = {
    root,
    dynamoDir: path.join(root, 'dynamodb'),
    dynamoPidFile: path.join(root, 'dynamodb.pid'),
    lockFile: path.join(root, 'runtime.lock'),
    issuerKeyFile: path.join(root, 'issuer-key.json'),
    oidcProviderFile: path.join(root, 'oidc-provider.json'),
    secretsFile: path.join(root, 'secrets.json'),
    streamCheckpointFile: path.join(root, 'stream-checkpoints.json'),
  };
  mkdirSync(paths.dynamoDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tightenDataFolder(paths);
  return paths;
}

/** The runtime's files directly in the data folder (runtime.json: see connect.ts). */
const runtimeFiles = (p: DataPaths) => [
  p.dynamoPidFile,
  p.lockFile,
  p.issuerKeyFile,
  p.oidcProviderFile,
  p.secretsFile,
  p.streamCheckpointFile,
  `${p.streamCheckpointFile}.tmp`,
  path.join(p.root, 'runtime.json'),
];

/**
 * Make the data folder private: the folder and the database folder 0700, the runtime's
 * files and everything in the database folder 0600. Only the runtime's own files in
 * the folder itself, in case WOODPECKER_DATA points at a folder that holds others.
 */
export function tightenDataFolder(paths: DataPaths): void {
  chmodSync(paths.root, PRIVATE_DIR_MODE);
  chmodSync(paths.dynamoDir, PRIVATE_DIR_MODE);
  for (const file of runtimeFiles(paths)) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  for (const entry of readdirSync(paths.dynamoDir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(path.join(paths.dynamoDir, entry.name), PRIVATE_FILE_MODE);
  }
}

/** Write a file only its owner can read, whatever mode an existing file had. */
export function writePrivateFile(file: string, data: string): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
}
