/**
 * The API half of the cloud topology: the assembly's Lambda functions (bundled assets,
 * each in its own process, started on first use) behind its HTTP API, over DynamoDB
 * Local. What is AWS's in the template is given a local value here: the table is the
 * local table, resource ARNs are made up in the account 000000000000, the API's endpoint
 * is the loopback port, and the staff token issuer (Cognito's URL in the template) is the
 * local one whose keys the caller passes.
 */
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JWTVerifyGetKey } from 'jose';
import { type Assembly, type Physical, readAssembly, resolverFor, resourcesOfType } from './assembly.js';
import { startHttpApi } from './http-api.js';
import { type RunningFunction, startFunction } from './lambda-host.js';
import { schedulesOf, startSchedules } from './schedules.js';
import { startSecretsService } from './secrets-service.js';
import { type RunningStreams, startStreams } from './streams.js';

const REGION = 'ap-east-1';
const ACCOUNT = '000000000000';

export interface CloudApiOptions {
  assemblyDir: string;
  dynamoEndpoint: string;
  tableName: string;
  port: number;
  /** The local staff token issuer, standing in for the template's. */
  issuer: { issuer: string; keys: JWTVerifyGetKey; jwksUrl: string };
  /** Variables every function gets on top of its template's. */
  environment?: Record<string, string>;
  log?: (line: string) => void;
  /** Poll the stream continuously rather than on `streams.drain()`. */
  background?: boolean;
  /** Where the stream mappings keep their place between starts. */
  streamCheckpointFile?: string;
  /** The schedules' timed runs wait for this (the demo seed). */
  holdSchedulesUntil?: Promise<unknown>;
  /** Secret values by ARN from an earlier start (the rest are generated). */
  secretValues?: Record<string, string>;
}

export interface CloudApi {
  url: string;
  assembly: Assembly;
  /** Invoke a function of the assembly by logical id with an event. */
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** The table stream's mappings into their bundled functions. */
  streams: RunningStreams;
  /** The EventBridge schedules into theirs. */
  schedules: ReturnType<typeof startSchedules>;
  /** Secrets Manager, holding the assembly's secrets. */
  secrets: Awaited<ReturnType<typeof startSecretsService>>;
  /** A template value of a stack, resolved to this machine's. */
  resolve: (stackName: string, value: unknown) => unknown;
  stop(): Promise<void>;
}

/** Local stand-ins for what a resource's Ref and attributes are in AWS. */
function physicalFor(options: CloudApiOptions, apiUrl: () => string): Physical {
  return (_stack, id, resource) => {
    const arn = (service: string, kind: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${kind}${id}`;
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        return {
          ref: options.tableName,
          attributes: {
            Arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${options.tableName}`,
            StreamArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${options.tableName}/stream/local`,
          },
        };
      case 'AWS::Lambda::Function':
        return { ref: id, attributes: { Arn: arn('lambda', 'function:') } };
      case 'AWS::ApiGatewayV2::Api':
        return { ref: 'localapi', attributes: { ApiEndpoint: apiUrl(), ApiId: 'localapi' } };
      case 'AWS::SecretsManager::Secret':
        return { ref: arn('secretsmanager', 'secret:') };
      default:
        return {
          ref: id,
          attributes: new Proxy({} as Record<string, string>, { get: (_t, attr) => `${id}.${String(attr)}` }),
        };
    }
  };
}

export async function startCloudApi(options: CloudApiOptions): Promise<CloudApi> {
  const assemblyDir = path.resolve(options.assemblyDir);
  const assembly = readAssembly(assemblyDir);
  let apiUrl = 'http://127.0.0.1';
  const resolveIn = resolverFor(
    assembly,
    physicalFor(options, () => apiUrl),
    { 'AWS::Region': REGION },
  );
  const resolve = (stackName: string, value: unknown) => resolveIn(assembly.stacks.get(stackName)!, value);
  const secrets = await startSecretsService(
    resourcesOfType(assembly, 'AWS::SecretsManager::Secret').map(({ stack, id }) =>
      String(resolve(stack.name, { Ref: id })),
    ),
    options.secretValues,
  );

  const specs = new Map(
    resourcesOfType(assembly, 'AWS::Lambda::Function')
      .filter(({ resource }) => resource.Metadata?.['aws:asset:path'])
      .map(({ stack, id, resource }) => {
        const p = resource.Properties ?? {};
        const variables = resolve(stack.name, p.Environment?.Variables ?? {}) as Record<string, unknown>;
        return [
          id,
          {
            name: id,
            assetDir: path.join(assemblyDir, String(resource.Metadata!['aws:asset:path'])),
            handler: String(p.Handler),
            timeoutSeconds: Number(p.Timeout ?? 3),
            memoryMb: Number(p.MemorySize ?? 128),
            environment: {
              ...Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)])),
              PATH: process.env.PATH ?? '',
              HOME: process.env.HOME ?? '',
              AWS_REGION: REGION,
              AWS_DEFAULT_REGION: REGION,
              AWS_ACCESS_KEY_ID: 'local',
              AWS_SECRET_ACCESS_KEY: 'local',
              AWS_LAMBDA_FUNCTION_NAME: id,
              AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(p.MemorySize ?? 128),
              LAMBDA_TASK_ROOT: path.join(assemblyDir, String(resource.Metadata!['aws:asset:path'])),
              DYNAMODB_ENDPOINT: options.dynamoEndpoint,
              AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
              AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
              // The staff token verifier inside the functions trusts the local issuer, in
              // place of the user pool's (a JWKS URL) or a city's (a discovery document).
              ...(variables.WOODPECKER_JWKS_URL || variables.WOODPECKER_JWT_DISCOVERY_URL
                ? {
                    WOODPECKER_JWKS_URL: options.issuer.jwksUrl,
                    WOODPECKER_JWT_ISSUER: options.issuer.issuer,
                  }
                : {}),
              ...options.environment,
            },
          },
        ] as const;
      }),
  );
  const running = new Map<string, Promise<RunningFunction>>();
  const invoke = (name: string, event: unknown) => {
    const spec = specs.get(name);
    if (!spec) return Promise.reject(new Error(`no function ${name} in the assembly`));
    let fn = running.get(name);
    if (!fn) {
      fn = startFunction(spec, options.log);
      running.set(name, fn);
    }
    return fn.then((f) => f.invoke(event));
  };

  const api = await startHttpApi({
    assembly,
    resolve,
    invoke,
    issuerKeys: () => ({ issuer: options.issuer.issuer, keys: options.issuer.keys }),
    port: options.port,
    domainName: `localapi.execute-api.${REGION}.amazonaws.com`,
  });
  apiUrl = api.url;
  const client = new DynamoDBClient({
    endpoint: options.dynamoEndpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const streams = startStreams({
    assembly,
    resolve,
    invoke,
    client,
    endpoint: options.dynamoEndpoint,
    tableName: options.tableName,
    background: options.background ?? false,
    ...(options.streamCheckpointFile ? { checkpointFile: options.streamCheckpointFile } : {}),
  });
  const schedules = startSchedules(schedulesOf(assembly, resolve), invoke, {
    background: options.background ?? false,
    ...(options.holdSchedulesUntil ? { holdUntil: options.holdSchedulesUntil } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    url: api.url,
    assembly,
    invoke,
    streams,
    schedules,
    secrets,
    resolve,
    stop: async () => {
      schedules.stop();
      await streams.stop();
      client.destroy();
      await api.stop();
      await secrets.stop();
      await Promise.all([...running.values()].map((f) => f.then((r) => r.stop()).catch(() => undefined)));
    },
  };
}
