/**
 * Lambda on this machine: a function of the synthesized assembly runs its bundled asset
 * in its own child process (its own environment variables from the template, its own
 * module state and cold start), kept warm and invoked over IPC one event at a time, as
 * one execution environment is. A handler that throws comes back as Lambda reports it
 * (`errorType`, `errorMessage`), a timeout as `Task timed out`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

export interface FunctionSpec {
  /** The template's logical id, also its local function name. */
  name: string;
  /** The asset folder (`asset.<hash>` of the assembly). */
  assetDir: string;
  /** `Handler`, e.g. `index.handler`. */
  handler: string;
  /** The template's variables, resolved, plus what this machine adds. */
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
}

/** What a handler threw, as Lambda's invoke API reports it. */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RunningFunction {
  spec: FunctionSpec;
  invoke(event: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const RUNNER = path.join(import.meta.dirname, 'lambda-runner.mjs');

/** Start one execution environment; it imports the bundle before `startFunction` resolves. */
export async function startFunction(
  spec: FunctionSpec,
  log?: (line: string) => void,
): Promise<RunningFunction> {
  const [file, exportName] = spec.handler.split('.') as [string, string];
  const child: ChildProcess = fork(RUNNER, [], {
    cwd: spec.assetDir,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...spec.environment,
      WOODPECKER_LAMBDA_RUNNER: JSON.stringify({ file: path.join(spec.assetDir, `${file}.mjs`), exportName }),
    },
  });
  const forward = (data: Buffer) => {
    if (log) for (const line of data.toString().split('\n')) if (line) log(`${spec.name}: ${line}`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const pending = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  let queue: Promise<unknown> = Promise.resolve();
  let exited: Error | undefined;

  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${spec.name} failed to start (exit ${code})`)));
  });
  child.on(
    'message',
    (m: { id?: string; result?: unknown; error?: { errorType: string; errorMessage: string } }) => {
      const p = m.id ? pending.get(m.id) : undefined;
      if (!p) return;
      pending.delete(m.id!);
      clearTimeout(p.timer);
      if (m.error) p.reject(new FunctionError(m.error.errorType, m.error.errorMessage));
      else p.resolve(m.result);
    },
  );
  child.on('exit', (code) => {
    exited = new Error(`${spec.name} exited (${code})`);
    for (const p of pending.values()) p.reject(exited);
    pending.clear();
  });

  const invokeOne = (event: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited) return reject(exited);
      const id = randomUUID();
      const timeoutMs = spec.timeoutSeconds * 1000;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(
          new FunctionError('TimeoutError', `Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`),
        );
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      child.send({
        id,
        event,
        context: {
          awsRequestId: id,
          functionName: spec.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: `arn:aws:lambda:${spec.environment.AWS_REGION}:000000000000:function:${spec.name}`,
          memoryLimitInMB: String(spec.memoryMb),
          logGroupName: `/aws/lambda/${spec.name}`,
          logStreamName: 'local',
          timeoutMs,
        },
      });
    });

  return {
    spec,
    // One environment handles one event at a time (Lambda would start another).
    invoke: (event) => {
      const run = queue.then(() => invokeOne(event));
      queue = run.catch(() => undefined);
      return run;
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill();
      await gone;
    },
  };
}
