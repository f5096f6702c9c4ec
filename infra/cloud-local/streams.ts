/**
 * The table stream's event source mappings of the assembly: DynamoDB Local's stream read
 * by the local poller, each batch passed through the mapping's own `FilterCriteria` and,
 * if any record is left, handed to the mapped bundled function as a DynamoDB stream
 * event; the batch item failures it reports are retried, as Lambda retries them.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { StreamPoller } from '../local/stream-poller.js';
import { type Assembly, type Json, resourcesOfType } from './assembly.js';
import { eventFilter } from './event-filter.js';

export interface StreamOptions {
  assembly: Assembly;
  resolve: (stackName: string, value: unknown) => Json;
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  log?: (message: string) => void;
  /** Where each mapping keeps its place in the stream between starts (none: from the start). */
  checkpointFile?: string;
  /** Poll continuously (`npm start`); tests poll by `drain` instead. */
  background?: boolean;
}

export interface RunningStreams {
  pollers: StreamPoller[];
  /** Until every mapping has delivered what the stream holds. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startStreams(options: StreamOptions): RunningStreams {
  const pollers = resourcesOfType(options.assembly, 'AWS::Lambda::EventSourceMapping').map(
    ({ stack, resource }) => {
      const p = resource.Properties ?? {};
      const functionName = String(options.resolve(stack.name, p.FunctionName));
      const passes = eventFilter(p.FilterCriteria);
      return new StreamPoller({
        client: options.client,
        endpoint: options.endpoint,
        tableName: options.tableName,
        batchSize: Number(p.BatchSize ?? 100),
        ...(options.checkpointFile
          ? { checkpointFile: options.checkpointFile.replace(/(\.json)?$/, `-${functionName}.json`) }
          : {}),
        ...(options.log ? { log: options.log } : {}),
        handler: async (event: DynamoDBStreamEvent) => {
          const Records = event.Records.filter(passes);
          if (!Records.length) return { batchItemFailures: [] };
          const result = (await options.invoke(functionName, { Records })) as DynamoDBBatchResponse | null;
          return result ?? { batchItemFailures: [] };
        },
      });
    },
  );
  if (options.background) for (const poller of pollers) poller.start();
  return {
    pollers,
    drain: async () => {
      for (const poller of pollers) {
        let quiet = 0;
        for (let i = 0; i < 200 && quiet < 2; i++) quiet = (await poller.pollOnce()) === 0 ? quiet + 1 : 0;
      }
    },
    stop: async () => {
      for (const poller of pollers) await poller.stop();
    },
  };
}
