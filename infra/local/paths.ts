/**
 * Where the local runtime keeps its state. Everything lives under one data folder
 * (`WOODPECKER_DATA`, default `.data`), always as an absolute path: DynamoDB Local is
 * started in its own package folder, so a relative `-dbPath` would land in node_modules.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface DataPaths {
  root: string;
  dynamoDir: string;
  dynamoPidFile: string;
  lockFile: string;
  issuerKeyFile: string;
  secretsFile: string;
  streamCheckpointFile: string;
  siteDir: string;
}

export function dataPaths(dataDir = process.env.WOODPECKER_DATA || '.data'): DataPaths {
  const root = path.resolve(dataDir);
  const paths: DataPaths = {
    root,
    dynamoDir: path.join(root, 'dynamodb'),
    dynamoPidFile: path.join(root, 'dynamodb.pid'),
    lockFile: path.join(root, 'runtime.lock'),
    issuerKeyFile: path.join(root, 'issuer-key.json'),
    secretsFile: path.join(root, 'secrets.json'),
    streamCheckpointFile: path.join(root, 'stream-checkpoints.json'),
    siteDir: path.join(root, 'site'),
  };
  mkdirSync(paths.dynamoDir, { recursive: true });
  return paths;
}
