/**
 * The edge of the cloud topology: the assembly's CloudFront distribution on a loopback
 * port. A viewer request takes the first behaviour whose path pattern matches; the
 * behaviour's methods, cache policy (key, TTLs, stale windows), origin request policy
 * (what reaches the origin), origin custom headers (the origin secret, resolved from
 * Secrets Manager as CloudFormation resolves the dynamic reference), compression and
 * response headers policy decide the rest, as CloudFront does. It answers with
 * CloudFront's own headers (`x-cache`, `age`, `via`, `x-amz-cf-id`, `x-amz-cf-pop`).
 *
 * The port is plain HTTP on loopback standing in for the edge's TLS: a viewer counts as
 * arriving over HTTPS (`viewerScheme`), as every viewer does in AWS where the behaviours
 * redirect or refuse plain HTTP.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { patternRegExp } from '../../web/cache-rules.js';
import { isLocalHost } from '../local/local-server.js';
import type { Behavior, Distribution } from './distribution.js';
import {
  ageOf,
  type CachedAnswer,
  cacheKey,
  cookiesOf,
  EdgeCache,
  freshnessOf,
  normalizedEncoding,
  passes,
  queryPairs,
  type ViewerRequest,
} from './edge-cache.js';

export interface EdgeOptions {
  distribution: Distribution;
  /** The loopback URL standing for an origin's domain name (the HTTP API's). */
  originUrl: (domainName: string) => string;
  /** A secret's value by ARN, for `{{resolve:secretsmanager:ARN:SecretString:::}}`. */
  secretValue: (arn: string) => string | undefined;
  port: number;
  viewerScheme?: 'https' | 'http';
  /** The origin response timeout (CloudFront's default: 30 s). */
  originTimeoutMs?: number;
}

export interface Edge {
  url: string;
  cache: EdgeCache;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);
const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|xml|x-javascript|.*\+json|.*\+xml)|image\/svg\+xml)/;
const POP = 'HKG62-P1';
const EDGE_HOST = `${randomBytes(8).toString('hex')}.cloudfront.net`;
const MAX_BODY = 10 * 1024 * 1024;

/** `{{resolve:secretsmanager:ARN:SecretString:::}}` in a header value, replaced by the secret. */
export function resolveDynamicReferences(value: string, secretValue: (arn: string) => string | undefined) {
  return value.replace(
    /\{\{resolve:secretsmanager:(.+?):SecretString:([^:]*):([^:]*):([^:]*)\}\}/g,
    (_m, arn) => {
      const found = secretValue(String(arn));
      if (found === undefined) throw new Error(`No secret ${arn} for the origin's custom header.`);
      return found;
    },
  );
}

/** The behaviour a path takes: the first pattern that matches, else the default. */
export function behaviorFor(distribution: Distribution, path: string): Behavior {
  return (
    distribution.behaviors.find(
      (b) =>
        b.pathPattern === undefined ||
        patternRegExp(b.pathPattern.startsWith('/') ? b.pathPattern : `/${b.pathPattern}`).test(path),
    ) ?? distribution.behaviors[distribution.behaviors.length - 1]!
  );
}

/** The headers the origin gets, by the behaviour's two policies and the origin's own. */
export function originHeaders(
  behavior: Behavior,
  req: ViewerRequest,
  viewer: { address: string; port: number; scheme: string },
  origin: { host: string; customHeaders: Record<string, string> },
): Record<string, string> {
  const out: Record<string, string> = {};
  const policy = behavior.cachePolicy;
  const orp = behavior.originRequestPolicy;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'cookie' || name === 'accept-encoding')
      continue;
    if (passes(policy.headers, name) || (orp && passes(orp.headers, name))) out[name] = value;
  }
  const cookies = cookiesOf(req.headers.cookie).filter(
    ([name]) => passes(policy.cookies, name) || (orp !== undefined && passes(orp.cookies, name)),
  );
  if (cookies.length) out.cookie = cookies.map(([n, v]) => `${n}=${v}`).join('; ');
  const encoding = normalizedEncoding(policy, req.headers['accept-encoding']);
  if (encoding) out['accept-encoding'] = encoding;
  else if (orp && passes(orp.headers, 'accept-encoding') && req.headers['accept-encoding'])
    out['accept-encoding'] = req.headers['accept-encoding'];
  out['user-agent'] ??= 'Amazon CloudFront';
  out['x-forwarded-for'] = [req.headers['x-forwarded-for'], viewer.address].filter(Boolean).join(', ');
  out.via = `${req.headers.via ? `${req.headers.via}, ` : ''}1.1 ${EDGE_HOST} (CloudFront)`;
  out['x-amz-cf-id'] = randomBytes(21).toString('base64url');
  if (orp?.cloudFrontHeaders) {
    out['cloudfront-viewer-address'] = `${viewer.address}:${viewer.port}`;
    out['cloudfront-forwarded-proto'] = viewer.scheme;
    out['cloudfront-viewer-http-version'] = '1.1';
  }
  Object.assign(out, origin.customHeaders);
  out.host = origin.host;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(d);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** CloudFront's own error page. */
function edgeError(status: number, title: string, detail: string): Answer {
  const body = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>${status} ${title}</H1><H2>The request could not be satisfied.</H2><HR noshade size="1px">${detail}<BR clear="all"><HR noshade size="1px"><PRE>Generated by cloudfront (CloudFront)</PRE></BODY></HTML>`;
  return {
    status,
    headers: [
      ['content-type', 'text/html'],
      ['x-cache', 'Error from cloudfront'],
    ],
    body: Buffer.from(body),
  };
}

/** Compress a compressible body the way the behaviour may (1 KB to 10 MB, not already encoded). */
function compressed(behavior: Behavior, encoding: string, answer: Answer): Answer {
  if (!behavior.compress || !encoding) return answer;
  const header = (n: string) => answer.headers.find(([k]) => k === n)?.[1];
  if (header('content-encoding') || !COMPRESSIBLE.test(header('content-type') ?? '')) return answer;
  if (answer.body.length < 1000 || answer.body.length > MAX_BODY) return answer;
  const br = encoding.startsWith('br');
  const body = br
    ? brotliCompressSync(answer.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(answer.body);
  const vary = header('vary');
  return {
    status: answer.status,
    headers: [
      ...answer.headers.filter(([k]) => k !== 'etag' && k !== 'vary'),
      ['content-encoding', br ? 'br' : 'gzip'],
      ['vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding'],
      // CloudFront weakens the ETag of what it compressed.
      ...((e) => (e ? [['etag', e.startsWith('W/') ? e : `W/${e}`] as [string, string]] : []))(
        header('etag'),
      ),
    ],
    body,
  };
}

export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const cache = new EdgeCache();
  const viewerScheme = options.viewerScheme ?? 'https';
  const timeoutMs = options.originTimeoutMs ?? 30_000;
  const refreshing = new Set<string>();

  const fetchOrigin = (
    behavior: Behavior,
    req: ViewerRequest,
    body: Buffer,
    viewer: { address: string; port: number },
    extra: Record<string, string> = {},
  ): Promise<Answer> => {
    const base = new URL(options.originUrl(behavior.origin.domainName));
    const customHeaders = Object.fromEntries(
      Object.entries(behavior.origin.customHeaders).map(([k, v]) => [
        k,
        resolveDynamicReferences(v, options.secretValue),
      ]),
    );
    const headers = {
      ...originHeaders(
        behavior,
        req,
        { ...viewer, scheme: viewerScheme },
        {
          host: behavior.origin.domainName,
          customHeaders,
        },
      ),
      ...extra,
    };
    const pairs = [
      ...new Set([
        ...queryPairs(behavior.cachePolicy.queryStrings, req.query),
        ...(behavior.originRequestPolicy
          ? queryPairs(behavior.originRequestPolicy.queryStrings, req.query)
          : []),
      ]),
    ];
    const path = `${req.path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
    return new Promise((resolve) => {
      const out = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          method: req.method,
          path,
          headers: { ...headers, ...(body.length ? { 'content-length': String(body.length) } : {}) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const pairs: [string, string][] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) {
              const name = res.rawHeaders[i]!.toLowerCase();
              if (!HOP_BY_HOP.has(name)) pairs.push([name, res.rawHeaders[i + 1]!]);
            }
            resolve({ status: res.statusCode ?? 502, headers: pairs, body: Buffer.concat(chunks) });
          });
          res.on('error', () => resolve(edgeError(502, 'Bad Gateway', 'CloudFront lost the origin.')));
        },
      );
      out.on('timeout', () => {
        out.destroy();
        resolve(edgeError(504, 'Gateway Timeout', 'The origin did not answer in time.'));
      });
      out.on('error', () =>
        resolve(edgeError(502, 'Bad Gateway', "CloudFront wasn't able to connect to the origin.")),
      );
      out.end(body.length ? body : undefined);
    });
  };

  const store = (behavior: Behavior, key: string, answer: Answer, now: number) => {
    const h = (n: string) => answer.headers.find(([k]) => k === n)?.[1];
    const freshness = freshnessOf(behavior.cachePolicy, answer.status, {
      cacheControl: h('cache-control'),
      expires: h('expires'),
      date: h('date'),
    });
    if (freshness.ttl > 0 || freshness.staleIfError > 0)
      cache.set(key, { ...answer, storedAt: now, freshness });
  };

  const fromEntry = (entry: CachedAnswer, now: number, state: string): Answer => ({
    status: entry.status,
    headers: [
      ...entry.headers,
      ['age', String(Math.floor((now - entry.storedAt) / 1000))],
      ['x-cache', state],
    ],
    body: entry.body,
  });

  const answer = async (req: IncomingMessage): Promise<Answer> => {
    if (!isLocalHost(req.headers.host))
      return edgeError(403, 'Forbidden', 'Bad request. This distribution does not serve that host name.');
    const url = new URL(req.url ?? '/', 'http://edge');
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const viewer: ViewerRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      headers,
    };
    const address = { address: req.socket.remoteAddress ?? '127.0.0.1', port: req.socket.remotePort ?? 0 };
    const behavior = behaviorFor(options.distribution, viewer.path);
    if (viewerScheme === 'http' && behavior.viewerProtocolPolicy === 'https-only')
      return edgeError(403, 'Forbidden', 'This distribution accepts HTTPS only.');
    if (viewerScheme === 'http' && behavior.viewerProtocolPolicy === 'redirect-to-https')
      return {
        status: 301,
        headers: [['location', `https://${req.headers.host}${req.url}`]],
        body: Buffer.alloc(0),
      };
    if (!behavior.allowedMethods.includes(viewer.method))
      return edgeError(
        403,
        'Forbidden',
        'This distribution is not configured to allow the HTTP request method.',
      );
    const body = await readBody(req);
    if (!body) return edgeError(413, 'Request Entity Too Large', 'The request body is too large.');
    const encoding = behavior.compress
      ? normalizedEncoding({ ...behavior.cachePolicy, gzip: true, brotli: true }, headers['accept-encoding'])
      : '';
    const cacheable = behavior.cachedMethods.includes(viewer.method) && behavior.cachePolicy.maxTtl > 0;
    if (!cacheable) {
      const passed = compressed(behavior, encoding, await fetchOrigin(behavior, viewer, body, address));
      return { ...passed, headers: [...passed.headers, ['x-cache', 'Miss from cloudfront']] };
    }

    const key = cacheKey(behavior.cachePolicy, viewer);
    const now = Date.now();
    const entry = cache.get(key, now);
    const state = entry ? ageOf(entry, now) : 'expired';
    if (entry && state === 'fresh') {
      cache.hits++;
      return fromEntry(entry, now, 'Hit from cloudfront');
    }
    if (entry && state === 'revalidate') {
      cache.hits++;
      if (!refreshing.has(key)) {
        refreshing.add(key);
        void fetchOrigin(behavior, { ...viewer, method: 'GET' }, Buffer.alloc(0), address)
          .then((fresh) => {
            if (fresh.status < 500) store(behavior, key, compressed(behavior, encoding, fresh), Date.now());
          })
          .finally(() => refreshing.delete(key));
      }
      return fromEntry(entry, now, 'RefreshHit from cloudfront');
    }
    cache.misses++;
    const fetched = await fetchOrigin(behavior, { ...viewer, method: 'GET' }, Buffer.alloc(0), address);
    if (entry && fetched.status >= 500) return fromEntry(entry, now, 'Error from cloudfront');
    const result = compressed(behavior, encoding, fetched);
    store(behavior, key, result, now);
    return {
      ...result,
      headers: [...result.headers, ['x-cache', 'Miss from cloudfront']],
      body: viewer.method === 'HEAD' ? Buffer.alloc(0) : result.body,
    };
  };

  /** The response headers policy over the answer, then CloudFront's own headers. */
  const finish = (behavior: Behavior | undefined, a: Answer, ifNoneMatch: string | undefined): Answer => {
    const headers = [...a.headers];
    for (const h of behavior?.responseHeaders ?? []) {
      const present = headers.some(([k]) => k === h.name);
      if (present && !h.override) continue;
      const kept = headers.filter(([k]) => k !== h.name);
      headers.length = 0;
      headers.push(...kept, [h.name, h.value]);
    }
    headers.push(['via', `1.1 ${EDGE_HOST} (CloudFront)`], ['x-amz-cf-pop', POP]);
    headers.push(['x-amz-cf-id', randomBytes(21).toString('base64url')]);
    const etag = headers.find(([k]) => k === 'etag')?.[1];
    if (a.status === 200 && etag && ifNoneMatch?.split(/\s*,\s*/).includes(etag))
      return {
        status: 304,
        headers: headers.filter(([k]) => !k.startsWith('content-')),
        body: Buffer.alloc(0),
      };
    return { ...a, headers };
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://edge').pathname;
    const behavior = behaviorFor(options.distribution, path);
    answer(req)
      .catch(() => edgeError(502, 'Bad Gateway', 'The edge could not forward the request.'))
      .then((a) => {
        const done = finish(behavior, a, req.headers['if-none-match']);
        res.statusCode = done.status;
        const grouped = new Map<string, string[]>();
        for (const [k, v] of done.headers) grouped.set(k, [...(grouped.get(k) ?? []), v]);
        for (const [k, vs] of grouped) res.setHeader(k, k === 'set-cookie' ? vs : vs.join(', '));
        res.setHeader('content-length', String(done.body.length));
        res.end(req.method === 'HEAD' ? undefined : done.body);
      });
  });
  await new Promise<void>((r) => server.listen(options.port, '127.0.0.1', () => r()));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    cache,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
