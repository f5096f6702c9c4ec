/**
 * `WOODPECKER_TOPOLOGY=cloud npm start`: the platform in the shape AWS runs it, on this
 * machine, over the same data folder as the local topology — DynamoDB Local with the
 * table, the cloud assembly synthesized from the code as it stands, and the topology
 * started from it (infra/cloud-local/topology.ts). It answers what `startPlatform`
 * answers, so `npm start`, the demo seed, `npm run token` and the soak run use either.
 */
import { appendFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPlatform, setPlatform, systemClock } from '../../functions/platform.js';
import { createStoreClient } from '../../functions/store/client.js';
import { writeRuntimeInfo } from '../local/connect.js';
import { ensureTable } from '../local/create-table.js';
import { startDynamo } from '../local/dynamodb-local.js';
import { acquireLock } from '../local/lock.js';
import { dataPaths, tightenDataFolder } from '../local/paths.js';
import type { PlatformOptions, RunningPlatform } from '../local/runtime.js';
import { synthesizeAssembly } from './synth.js';
import { startCloudTopology } from './topology.js';

export async function startCloudPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const log = options.log ?? (() => {});
  const paths = dataPaths(options.dataDir);
  const releaseLock = acquireLock(paths.lockFile, paths.root);
  const cleanups: (() => Promise<unknown> | unknown)[] = [releaseLock];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    cleanups.length = 0;
  };
  options.onStop?.(stopAll);
  try {
    const functionLog = path.join(paths.root, 'cloud-functions.log');
    log('Synthesizing the cloud assembly (the stacks and bundled functions AWS would deploy)…');
    const assemblyDir = synthesizeAssembly(`start-${process.pid}`);
    // Each start synthesizes afresh: its assembly (~10 MB of bundles) goes with it.
    cleanups.push(() => rmSync(assemblyDir, { recursive: true, force: true }));
    const dynamo = await startDynamo({ dbPath: paths.dynamoDir, pidFile: paths.dynamoPidFile, log });
    cleanups.push(() => dynamo.stop());
    const tableName = options.tableName ?? 'woodpecker';
    const store = createStoreClient({ tableName, endpoint: dynamo.endpoint });
    cleanups.push(() => store.raw.destroy());
    if ((await ensureTable(store.raw, tableName)) === 'created') log(`Created table ${tableName}.`);
    tightenDataFolder(paths);

    const background = options.background !== false;
    const topology = await startCloudTopology({
      assemblyDir,
      dynamoEndpoint: dynamo.endpoint,
      tableName,
      port: options.port ?? 0,
      oidcPort: options.oidcPort ?? 0,
      issuerKeyFile: paths.issuerKeyFile,
      providerKeyFile: paths.oidcProviderFile,
      secretsFile: paths.secretsFile,
      streamCheckpointFile: paths.streamCheckpointFile,
      background,
      ...(options.holdJobsUntil ? { holdSchedulesUntil: options.holdJobsUntil } : {}),
      // The functions' own output, as CloudWatch Logs would hold it.
      log: (line) => appendFileSync(functionLog, `${line}\n`),
    });
    log(`The functions' logs go to ${functionLog}.`);
    cleanups.push(() => topology.stop());
    // What this process writes (the demo seed) is signed with the functions' own secret.
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      WOODPECKER_TABLE: tableName,
      WOODPECKER_SECRET: topology.platformSecret,
      WOODPECKER_PUBLIC_URL: topology.url,
    });
    const platform = createPlatform(store, options.clock ?? systemClock);
    setPlatform(platform);
    const drain = async () => topology.api.streams.drain();
    await options.beforeServe?.(platform, {
      endpoint: dynamo.endpoint,
      dynamo,
      platform,
      poller: undefined,
      issuerKeys: topology.issuerKeys,
      drain,
    });
    const url = topology.url;
    const port = Number(new URL(url).port);
    cleanups.push(
      writeRuntimeInfo(paths.root, {
        pid: process.pid,
        endpoint: dynamo.endpoint,
        tableName,
        url,
        topology: 'cloud',
        audience: topology.audiences[0] ?? '',
      }),
    );
    log(`Staff sign in with the OpenID provider at ${topology.provider.issuer}.`);
    return {
      url,
      port,
      endpoint: dynamo.endpoint,
      dynamo,
      platform,
      poller: undefined,
      issuerKeys: topology.issuerKeys,
      oidcIssuer: topology.provider.issuer,
      drain,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
