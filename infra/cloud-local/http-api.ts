/**
 * The HTTP API of the assembly on a loopback port: its routes (`AWS::ApiGatewayV2::Route`)
 * chosen as API Gateway chooses them, its Lambda integrations called with payload 2.0
 * events, and its JWT authorizer checking issuer, audience (or `client_id`) and expiry
 * before the function is invoked — 401 `{"message":"Unauthorized"}` otherwise, as API
 * Gateway answers. A function that throws is a 500, one that runs past 30 s a 503.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type Answer, fromResult, gatewayAnswer, toEvent } from './api-events.js';
import { type Assembly, type Json, resourcesOfType } from './assembly.js';
import { FunctionError } from './lambda-host.js';
import { type GatewayRoute, routeTable } from './routes.js';

/** The largest request body API Gateway accepts. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const INTEGRATION_TIMEOUT_MS = 30_000;

interface Target {
  functionName: string;
  authorizer?: { issuer: string; audience: string[] };
}

export interface HttpApiOptions {
  assembly: Assembly;
  resolve: (stackName: string, value: unknown) => Json;
  /** The function a `Fn::GetAtt [Function, Arn]` of an integration names, invoked with an event. */
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  /** The keys of the issuer the template's authorizer names (the local stand-in's). */
  issuerKeys: (templateIssuer: string) => { issuer: string; keys: JWTVerifyGetKey };
  port: number;
  /** `<id>.execute-api.<region>.amazonaws.com`, as the functions see their own domain. */
  domainName: string;
}

/** The routes of the assembly's one HTTP API, each with its function and authorizer. */
export function apiRoutesOf(options: Pick<HttpApiOptions, 'assembly' | 'resolve'>): GatewayRoute<Target>[] {
  const { assembly, resolve } = options;
  const integrations = new Map<string, string>();
  for (const { stack, id, resource } of resourcesOfType(assembly, 'AWS::ApiGatewayV2::Integration')) {
    const arn = String(resolve(stack.name, resource.Properties?.IntegrationUri));
    integrations.set(id, arn.split(':function:')[1]!);
  }
  const authorizers = new Map<string, Target['authorizer']>();
  for (const { stack, id, resource } of resourcesOfType(assembly, 'AWS::ApiGatewayV2::Authorizer')) {
    const jwt = resource.Properties?.JwtConfiguration;
    if (resource.Properties?.AuthorizerType !== 'JWT' || !jwt) continue;
    authorizers.set(id, {
      issuer: String(resolve(stack.name, jwt.Issuer)),
      audience: (resolve(stack.name, jwt.Audience) as unknown[]).map(String),
    });
  }
  return resourcesOfType(assembly, 'AWS::ApiGatewayV2::Route').map(({ stack, resource }) => {
    const p = resource.Properties ?? {};
    const integration = String(resolve(stack.name, p.Target)).replace(/^integrations\//, '');
    const functionName = integrations.get(integration);
    if (!functionName) throw new Error(`${p.RouteKey}: no Lambda integration ${integration}`);
    const authorizer =
      p.AuthorizationType === 'JWT'
        ? authorizers.get(String(resolve(stack.name, p.AuthorizerId)))
        : undefined;
    return { routeKey: String(p.RouteKey), target: { functionName, ...(authorizer ? { authorizer } : {}) } };
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Claims as API Gateway hands them on: strings, arrays as `[a b]`. */
function stringClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

export async function startHttpApi(options: HttpApiOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const table = routeTable(apiRoutesOf(options));
  const apiId = options.domainName.split('.')[0] ?? 'local';

  const authorize = async (req: IncomingMessage, auth: NonNullable<Target['authorizer']>) => {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return undefined;
    const { issuer, keys } = options.issuerKeys(auth.issuer);
    try {
      const { payload } = await jwtVerify(token, keys, { issuer });
      const audiences = [payload.aud ?? [], (payload as { client_id?: string }).client_id ?? []].flat();
      if (!audiences.some((a) => auth.audience.includes(String(a)))) return undefined;
      const scope = (payload as { scope?: string }).scope;
      return {
        claims: stringClaims(payload as Record<string, unknown>),
        scopes: scope ? scope.split(' ') : undefined,
      };
    } catch {
      return undefined;
    }
  };

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const selected = table.select(req.method ?? 'GET', url.pathname);
    if (!selected) return gatewayAnswer(404, 'Not Found');
    const body = await readBody(req);
    if (!body) return gatewayAnswer(413, 'Request Entity Too Large');
    const { target, routeKey } = selected.route;
    const jwt = target.authorizer ? await authorize(req, target.authorizer) : undefined;
    if (target.authorizer && !jwt) return gatewayAnswer(401, 'Unauthorized');
    const event = toEvent(
      {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      },
      {
        routeKey,
        pathParameters: selected.pathParameters,
        apiId,
        domainName: options.domainName,
        ...(jwt ? { jwt } : {}),
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), INTEGRATION_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([options.invoke(target.functionName, event), timeout]);
      if (result === 'timeout') return gatewayAnswer(503, 'Service Unavailable');
      return fromResult(result);
    } catch (err) {
      if (err instanceof FunctionError || err instanceof Error)
        return gatewayAnswer(500, 'Internal Server Error');
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  const server: Server = createServer((req, res) => {
    answer(req).then(
      (a) => {
        res.statusCode = a.status;
        const grouped = new Map<string, string[]>();
        for (const [k, v] of a.headers) grouped.set(k, [...(grouped.get(k) ?? []), v]);
        for (const [k, vs] of grouped) res.setHeader(k, k === 'set-cookie' ? vs : vs.join(', '));
        res.setHeader('apigw-requestid', String(Date.now()));
        res.end(a.body);
      },
      () => {
        res.statusCode = 500;
        res.end('{"message":"Internal Server Error"}');
      },
    );
  });
  await new Promise<void>((r) => server.listen(options.port, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
