/**
 * One DynamoDB Local (in memory, shared DB) per test run on a free port; every test
 * file creates its own table in it, so files run in parallel without sharing data.
 */
import type { TestProject } from 'vitest/node';
import { type RunningDynamo, startDynamo } from '../../infra/local/dynamodb-local.js';

let dynamo: RunningDynamo | undefined;

export async function setup(project: TestProject) {
  dynamo = await startDynamo({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  const stop = () => dynamo?.stop();
  process.once('exit', () => {
    if (dynamo) {
      try {
        process.kill(dynamo.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
  return stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
