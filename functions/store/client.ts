/**
 * The DynamoDB document client, created once per process. Locally it points at
 * DynamoDB Local through `DYNAMODB_ENDPOINT`; in Lambda it uses the default chain.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readConfig } from '../shared/config.js';

export interface StoreClient {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  tableName: string;
}

/** Build a client for an explicit endpoint/table (tests, local runtime, CLIs). */
export function createStoreClient(options: {
  tableName: string;
  endpoint?: string;
  region?: string;
}): StoreClient {
  const raw = new DynamoDBClient({
    region: options.region ?? 'cn-north-1',
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 8,
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { raw, doc, tableName: options.tableName };
}

let shared: StoreClient | undefined;

/** The process-wide client built from the environment. */
export function storeClient(): StoreClient {
  if (!shared) {
    const config = readConfig();
    shared = createStoreClient({
      tableName: config.tableName,
      endpoint: config.dynamoEndpoint,
      region: config.region,
    });
  }
  return shared;
}
