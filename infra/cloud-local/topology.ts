/**
 * The whole cloud topology on this machine, from a synthesized assembly: the edge
 * (its CloudFront distribution) on the public port, the HTTP API behind it with its
 * routes and JWT authorizer, the bundled functions in their own processes, the stream's
 * event filter into the aggregator, the schedules into the sweeper, Secrets Manager;
 * DynamoDB Local for DynamoDB and the local OpenID provider for the user pool. What the
 * template says is Cognito's — the issuer the authorizer trusts, the pages function's
 * sign-in provider — is pointed at the local issuer and provider. `npm start` with
 * `WOODPECKER_TOPOLOGY=cloud`, the cloud e2e tier and the benchmarks start it here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet } from 'jose';
import { type IssuerKeys, LOCAL_ISSUER, loadOrCreateIssuerKeys } from '../local/issuer.js';
import { type RunningProvider, startLocalProvider } from '../local/oidc-provider.js';
import { writePrivateFile } from '../local/paths.js';
import { type Assembly, readAssembly, resourcesOfType } from './assembly.js';
import { type CloudApi, startCloudApi } from './cloud-api.js';
import { type Edge, startEdge } from './cloudfront.js';
import { distributionOf } from './distribution.js';

export interface CloudTopologyOptions {
  /** A synthesized assembly (`synthesizeAssembly`). */
  assemblyDir: string;
  dynamoEndpoint: string;
  tableName: string;
  /** The edge's port (0 picks a free one). */
  port: number;
  /** The local OpenID provider's port (0 picks a free one). */
  oidcPort?: number;
  /** Where the token issuer's keys are kept (`npm run token` signs with them). */
  issuerKeyFile: string;
  /** Where the OpenID provider's keys are kept. */
  providerKeyFile: string;
  /** Where the secrets' values are kept between starts (none: new every start). */
  secretsFile?: string;
  /** Poll the stream and run the schedules on their own (`npm start`). */
  background?: boolean;
  /** Where the stream mappings keep their place between starts. */
  streamCheckpointFile?: string;
  /** The schedules' timed runs wait for this (the demo seed). */
  holdSchedulesUntil?: Promise<unknown>;
  log?: (line: string) => void;
  /** Variables every function gets on top of its template's (tests: log levels). */
  environment?: Record<string, string>;
}

export interface CloudTopology {
  /** The site, as viewers reach it: the edge. */
  url: string;
  api: CloudApi;
  edge: Edge;
  provider: RunningProvider;
  issuerKeys: IssuerKeys;
  /** The audiences the HTTP API's JWT authorizer accepts (a token must carry one). */
  audiences: string[];
  /**
   * The claim the template says staff groups come in (`cognito:groups` with the user
   * pool, the city issuer's own claim in AWS China): the local provider's ID tokens and
   * the tokens `npm run token` and the tests sign carry the groups there.
   */
  groupsClaim: string;
  /** The platform secret's value (rating links, sessions), as the functions read it. */
  platformSecret: string;
  stop(): Promise<void>;
}

/** The groups claim the assembly's functions read (the pages' sign-in and the API's verifier agree). */
export function groupsClaimOf(assembly: Assembly): string {
  const claims = new Set(
    resourcesOfType(assembly, 'AWS::Lambda::Function').flatMap(({ resource }) => {
      const v = resource.Properties?.Environment?.Variables ?? {};
      return [v.WOODPECKER_OIDC_GROUPS_CLAIM, v.WOODPECKER_JWT_GROUPS_CLAIM].filter(
        (c): c is string => typeof c === 'string' && c !== '',
      );
    }),
  );
  if (claims.size > 1)
    throw new Error(`The functions read groups from different claims: ${[...claims].join(', ')}.`);
  return [...claims][0] ?? 'cognito:groups';
}

/** A free loopback port, for a server whose URL others must know before it starts. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The issuer's keys as a JWKS endpoint, for the functions' own token verifier. */
async function serveJwks(keys: IssuerKeys): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [keys.publicJwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`, server };
}

const close = (server: Server) =>
  new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });

export async function startCloudTopology(options: CloudTopologyOptions): Promise<CloudTopology> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const stop = async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const port = options.port || (await freePort());
    const siteUrl = `http://localhost:${port}`;
    const issuerKeys = await loadOrCreateIssuerKeys(options.issuerKeyFile);
    const jwks = await serveJwks(issuerKeys);
    cleanups.push(() => close(jwks.server));
    const groupsClaim = groupsClaimOf(readAssembly(options.assemblyDir));
    const provider = await startLocalProvider({
      keysFile: options.providerKeyFile,
      groupsClaim,
      port: options.oidcPort ?? 0,
      siteOrigins: [siteUrl, `http://127.0.0.1:${port}`],
    });
    cleanups.push(() => provider.stop());
    const known =
      options.secretsFile && existsSync(options.secretsFile)
        ? (JSON.parse(readFileSync(options.secretsFile, 'utf8')) as Record<string, string>)
        : {};
    const api = await startCloudApi({
      assemblyDir: options.assemblyDir,
      dynamoEndpoint: options.dynamoEndpoint,
      tableName: options.tableName,
      port: 0,
      issuer: {
        issuer: LOCAL_ISSUER,
        keys: createLocalJWKSet({ keys: [issuerKeys.publicJwk] }),
        jwksUrl: jwks.url,
      },
      environment: {
        WOODPECKER_PUBLIC_URL: siteUrl,
        // The pages sign staff in with the local provider instead of the user pool, whose
        // discovery has an end-session endpoint (Cognito's logout URL does not apply).
        ...provider.env,
        WOODPECKER_OIDC_LOGOUT_URL: '',
        ...options.environment,
      },
      background: options.background ?? false,
      secretValues: known,
      ...(options.streamCheckpointFile ? { streamCheckpointFile: options.streamCheckpointFile } : {}),
      ...(options.holdSchedulesUntil ? { holdSchedulesUntil: options.holdSchedulesUntil } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    cleanups.push(() => api.stop());
    if (options.secretsFile) writePrivateFile(options.secretsFile, JSON.stringify(api.secrets.values()));
    const distribution = distributionOf(api.assembly, api.resolve);
    const apiHost = new URL(api.url);
    const edge = await startEdge({
      distribution,
      port,
      secretValue: (arn) => api.secrets.valueOf(arn),
      originUrl: (domainName) => {
        if (!domainName.includes('.execute-api.'))
          throw new Error(`The cloud topology has no origin for ${domainName}.`);
        return apiHost.origin;
      },
    });
    cleanups.push(() => edge.stop());
    const audiences = resourcesOfType(api.assembly, 'AWS::ApiGatewayV2::Authorizer').flatMap(
      ({ stack, resource }) =>
        (api.resolve(stack.name, resource.Properties?.JwtConfiguration?.Audience ?? []) as unknown[]).map(
          String,
        ),
    );
    const secretArns = new Set(
      resourcesOfType(api.assembly, 'AWS::Lambda::Function').map(({ stack, resource }) =>
        String(
          api.resolve(stack.name, resource.Properties?.Environment?.Variables?.WOODPECKER_SECRET_ARN ?? ''),
        ),
      ),
    );
    secretArns.delete('');
    const [platformSecretArn] = secretArns;
    const platformSecret = platformSecretArn ? api.secrets.valueOf(platformSecretArn) : undefined;
    if (secretArns.size !== 1 || !platformSecret)
      throw new Error(`Expected the functions to share one platform secret, found ${secretArns.size}.`);
    return { url: edge.url, api, edge, provider, issuerKeys, audiences, groupsClaim, platformSecret, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
