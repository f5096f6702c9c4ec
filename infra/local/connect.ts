/**
 * How the command-line tools reach the store: the DynamoDB Local of a running
 * `npm start` on the same data folder (it records its endpoint in runtime.json), or,
 * when none runs, a DynamoDB Local of their own on that folder. With `--table` and no
 * local data they talk to AWS with the default credential chain instead.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createStoreClient, type StoreClient } from '../../functions/store/client.js';
import { ensureTable } from './create-table.js';
import { startDynamo } from './dynamodb-local.js';
import { acquireLock } from './lock.js';
import { dataPaths, writePrivateFile } from './paths.js';
import { isAlive } from './processes.js';

export interface RuntimeInfo {
  pid: number;
  endpoint: string;
  tableName: string;
  url: string;
  /** `cloud` when the running platform is the cloud topology (local when absent). */
  topology?: 'local' | 'cloud';
  /** An audience the cloud topology's JWT authorizer accepts (tokens must carry it). */
  audience?: string;
}

/** The running platform's facts, or undefined when none runs on this data folder. */
export function runningPlatformInfo(root = dataPaths().root): RuntimeInfo | undefined {
  const file = runtimeFile(root);
  if (!existsSync(file)) return undefined;
  const info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
  return isAlive(info.pid) ? info : undefined;
}

export const runtimeFile = (root: string) => path.join(root, 'runtime.json');

export function writeRuntimeInfo(root: string, info: RuntimeInfo): () => void {
  writePrivateFile(runtimeFile(root), JSON.stringify(info));
  return () => rmSync(runtimeFile(root), { force: true });
}

export async function connectToStore(
  options: { table?: string; region?: string } = {},
): Promise<{ store: StoreClient; close: () => Promise<void>; where: string }> {
  if (options.table && !process.env.WOODPECKER_DATA) {
    const store = createStoreClient({ tableName: options.table, region: options.region });
    return { store, close: async () => store.raw.destroy(), where: `AWS table ${options.table}` };
  }
  const paths = dataPaths();
  const info = runningPlatformInfo(paths.root);
  if (info) {
    const store = createStoreClient({ tableName: info.tableName, endpoint: info.endpoint });
    return { store, close: async () => store.raw.destroy(), where: `running platform (pid ${info.pid})` };
  }
  const release = acquireLock(paths.lockFile, paths.root);
  const dynamo = await startDynamo({ dbPath: paths.dynamoDir, pidFile: paths.dynamoPidFile });
  const store = createStoreClient({ tableName: options.table ?? 'woodpecker', endpoint: dynamo.endpoint });
  await ensureTable(store.raw, store.tableName);
  return {
    store,
    where: `data folder ${paths.root}`,
    close: async () => {
      store.raw.destroy();
      await dynamo.stop();
      release();
    },
  };
}
