// One Lambda execution environment: imports the bundled function asset once (its cold
// start) and answers the host's invocations over IPC, one at a time, as Lambda does.
import { pathToFileURL } from 'node:url';

const { file, exportName } = JSON.parse(process.env.WOODPECKER_LAMBDA_RUNNER ?? '{}');
const module = await import(pathToFileURL(file).href);
const handler = module[exportName];
if (typeof handler !== 'function') throw new Error(`${file} exports no function ${exportName}`);

process.on('message', async ({ id, event, context }) => {
  const deadline = Date.now() + context.timeoutMs;
  try {
    const result = await handler(event, {
      ...context,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    });
    process.send({ id, result: result === undefined ? null : result });
  } catch (err) {
    process.send({
      id,
      error: { errorType: err?.name ?? 'Error', errorMessage: String(err?.message ?? err) },
    });
  }
});
// The host went away (stopped, or killed with SIGKILL): so does its execution environment.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
