/**
 * API Gateway's HTTP API payload format 2.0, both ways: a request as the event a Lambda
 * integration receives (cookies apart, repeated headers and query parameters joined by
 * commas, a binary body base64-encoded) and the function's result as the answer API
 * Gateway gives (a result without `statusCode` is a 200 JSON body, `cookies` become
 * `Set-Cookie` headers).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestParts {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
}

export interface EventContext {
  routeKey: string;
  pathParameters: Record<string, string>;
  apiId: string;
  domainName: string;
  /** JWT claims when the route has the JWT authorizer. */
  jwt?: { claims: Record<string, string>; scopes: string[] | undefined };
}

const TEXT = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json)/i;

export function toEvent(req: RequestParts, ctx: EventContext): Record<string, unknown> {
  const url = new URL(req.url, 'http://local');
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (name === 'cookie') cookies = joined.split(/;\s*/).filter(Boolean);
    else headers[name] = joined;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const binary = req.body.length > 0 && !TEXT.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: ctx.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(ctx.pathParameters).length ? { pathParameters: ctx.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: ctx.apiId,
      domainName: ctx.domainName,
      domainPrefix: ctx.domainName.split('.')[0],
      http: {
        method: req.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: ctx.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(ctx.jwt ? { authorizer: { jwt: ctx.jwt } } : {}),
    },
    ...(req.body.length
      ? { body: binary ? req.body.toString('base64') : req.body.toString('utf8'), isBase64Encoded: binary }
      : { isBase64Encoded: false }),
  };
}

export interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** A JSON answer in API Gateway's own shape (`{"message": …}`). */
export function gatewayAnswer(status: number, message: string): Answer {
  return {
    status,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export function fromResult(result: unknown): Answer {
  if (!result || typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body) };
  }
  const r = result as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    multiValueHeaders?: Record<string, (string | number | boolean)[]>;
    cookies?: string[];
    body?: string;
    isBase64Encoded?: boolean;
  };
  const headers: [string, string][] = [];
  for (const [k, v] of Object.entries(r.headers ?? {})) headers.push([k.toLowerCase(), String(v)]);
  for (const [k, vs] of Object.entries(r.multiValueHeaders ?? {}))
    for (const v of vs) headers.push([k.toLowerCase(), String(v)]);
  for (const c of r.cookies ?? []) headers.push(['set-cookie', c]);
  const body =
    r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  return { status: r.statusCode, headers, body };
}
