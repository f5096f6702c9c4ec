/**
 * The CloudFront distribution of the assembly, read for the cloud topology's edge: its
 * ordered cache behaviours, each with the cache policy (the template's own, or one of the
 * AWS-managed ones by id), origin request policy, response headers policy and origin,
 * whose custom headers carry the origin secret as a `{{resolve:secretsmanager:…}}`
 * dynamic reference. Nothing here is written by hand for this project: change a
 * behaviour in the site stack and the edge emulated here changes with it.
 */
import { type Assembly, type Json, resourcesOfType, type Stack } from './assembly.js';

/** What a cache policy puts into the cache key (and so forwards to the origin). */
export interface KeyPart {
  behavior: 'none' | 'all' | 'whitelist' | 'allExcept';
  names: string[];
}

export interface CachePolicy {
  name: string;
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  queryStrings: KeyPart;
  cookies: KeyPart;
  headers: KeyPart;
  gzip: boolean;
  brotli: boolean;
}

export interface OriginRequestPolicy {
  name: string;
  queryStrings: KeyPart;
  cookies: KeyPart;
  /** `allExcept` with `host` for AllViewerExceptHostHeader. */
  headers: KeyPart;
  /** Whether CloudFront's own viewer headers (`CloudFront-Viewer-Address`…) are added. */
  cloudFrontHeaders: boolean;
}

export interface ResponseHeader {
  name: string;
  value: string;
  override: boolean;
}

export interface Origin {
  id: string;
  domainName: string;
  /** Header name → value, dynamic references still unresolved. */
  customHeaders: Record<string, string>;
}

export interface Behavior {
  /** Undefined for the default behaviour. */
  pathPattern?: string;
  allowedMethods: string[];
  cachedMethods: string[];
  viewerProtocolPolicy: 'allow-all' | 'https-only' | 'redirect-to-https';
  compress: boolean;
  cachePolicy: CachePolicy;
  originRequestPolicy?: OriginRequestPolicy;
  responseHeaders: ResponseHeader[];
  origin: Origin;
}

export interface Distribution {
  logicalId: string;
  /** In CloudFront's order: the first match wins; the default last. */
  behaviors: Behavior[];
}

const none: KeyPart = { behavior: 'none', names: [] };
const all: KeyPart = { behavior: 'all', names: [] };

/**
 * The AWS-managed policies a template refers to by id, as the CloudFront Developer Guide
 * ("Use managed cache policies", "Use managed origin request policies") defines them.
 */
export const MANAGED_CACHE_POLICIES: Record<string, CachePolicy> = {
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': {
    name: 'Managed-CachingDisabled',
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: 0,
    queryStrings: none,
    cookies: none,
    headers: none,
    gzip: false,
    brotli: false,
  },
  '658327ea-f89d-4fab-a63d-7e88639e58f6': {
    name: 'Managed-CachingOptimized',
    minTtl: 1,
    defaultTtl: 86_400,
    maxTtl: 31_536_000,
    queryStrings: none,
    cookies: none,
    headers: none,
    gzip: true,
    brotli: true,
  },
};

export const MANAGED_ORIGIN_REQUEST_POLICIES: Record<string, OriginRequestPolicy> = {
  '216adef6-5c7f-47e4-b989-5492eafa07d3': {
    name: 'Managed-AllViewer',
    queryStrings: all,
    cookies: all,
    headers: all,
    cloudFrontHeaders: false,
  },
  'b689b0a8-53d0-40ab-baf2-68738e2966ac': {
    name: 'Managed-AllViewerExceptHostHeader',
    queryStrings: all,
    cookies: all,
    headers: { behavior: 'allExcept', names: ['host'] },
    cloudFrontHeaders: true,
  },
  '33f36d7e-f396-46d9-90e0-52428a34d9dc': {
    name: 'Managed-AllViewerAndCloudFrontHeaders-2022-06',
    queryStrings: all,
    cookies: all,
    headers: all,
    cloudFrontHeaders: true,
  },
};

const lower = (names: Json): string[] => ((names ?? []) as string[]).map((n) => String(n).toLowerCase());

function keyPart(config: Json, behaviorField: string, listField: string, lowerCase: boolean): KeyPart {
  const raw = String(config?.[behaviorField] ?? 'none');
  const behavior = raw === 'allViewer' || raw === 'allViewerAndWhitelistCloudFront' ? 'all' : raw;
  const names = (config?.[listField] ?? []) as string[];
  return {
    behavior: behavior === 'whitelist' || behavior === 'allExcept' || behavior === 'all' ? behavior : 'none',
    names: lowerCase ? lower(names) : names.map(String),
  };
}

/** The resource a `{Ref}` names in `stack`, or undefined for a literal (managed) id. */
function referenced(stack: Stack, id: Json, type: string) {
  const name = id && typeof id === 'object' && 'Ref' in id ? String(id.Ref) : undefined;
  if (!name) return undefined;
  const resource = stack.template.Resources[name];
  if (resource?.Type !== type) throw new Error(`${stack.name}: ${name} is not an ${type}`);
  return { name, properties: resource.Properties ?? {} };
}

function cachePolicyOf(stack: Stack, id: Json): CachePolicy {
  const own = referenced(stack, id, 'AWS::CloudFront::CachePolicy');
  if (!own) {
    const managed = MANAGED_CACHE_POLICIES[String(id)];
    if (!managed) throw new Error(`The cloud topology does not know the managed cache policy ${id}.`);
    return managed;
  }
  const c = own.properties.CachePolicyConfig;
  const p = c.ParametersInCacheKeyAndForwardedToOrigin ?? {};
  return {
    name: own.name,
    minTtl: Number(c.MinTTL ?? 0),
    defaultTtl: Number(c.DefaultTTL ?? 86_400),
    maxTtl: Number(c.MaxTTL ?? 31_536_000),
    queryStrings: keyPart(p.QueryStringsConfig, 'QueryStringBehavior', 'QueryStrings', false),
    cookies: keyPart(p.CookiesConfig, 'CookieBehavior', 'Cookies', false),
    headers: keyPart(p.HeadersConfig, 'HeaderBehavior', 'Headers', true),
    gzip: p.EnableAcceptEncodingGzip === true,
    brotli: p.EnableAcceptEncodingBrotli === true,
  };
}

function originRequestPolicyOf(stack: Stack, id: Json): OriginRequestPolicy | undefined {
  if (id === undefined) return undefined;
  const own = referenced(stack, id, 'AWS::CloudFront::OriginRequestPolicy');
  if (!own) {
    const managed = MANAGED_ORIGIN_REQUEST_POLICIES[String(id)];
    if (!managed)
      throw new Error(`The cloud topology does not know the managed origin request policy ${id}.`);
    return managed;
  }
  const c = own.properties.OriginRequestPolicyConfig;
  const headers = keyPart(c.HeadersConfig, 'HeaderBehavior', 'Headers', true);
  return {
    name: own.name,
    queryStrings: keyPart(c.QueryStringsConfig, 'QueryStringBehavior', 'QueryStrings', false),
    cookies: keyPart(c.CookiesConfig, 'CookieBehavior', 'Cookies', false),
    headers: { ...headers, names: headers.names.filter((n) => !n.startsWith('cloudfront-')) },
    cloudFrontHeaders: headers.names.some((n) => n.startsWith('cloudfront-')),
  };
}

/** The headers a response headers policy sets, security headers included. */
function responseHeadersOf(stack: Stack, id: Json): ResponseHeader[] {
  if (id === undefined) return [];
  const own = referenced(stack, id, 'AWS::CloudFront::ResponseHeadersPolicy');
  if (!own) throw new Error(`The cloud topology does not know the managed response headers policy ${id}.`);
  const c = own.properties.ResponseHeadersPolicyConfig;
  const s = c.SecurityHeadersConfig ?? {};
  const out: ResponseHeader[] = [];
  const add = (name: string, value: string | undefined, override: Json) => {
    if (value !== undefined) out.push({ name, value, override: override === true });
  };
  const csp = s.ContentSecurityPolicy;
  add('content-security-policy', csp?.ContentSecurityPolicy, csp?.Override);
  const hsts = s.StrictTransportSecurity;
  if (hsts)
    add(
      'strict-transport-security',
      [
        `max-age=${hsts.AccessControlMaxAgeSec}`,
        hsts.IncludeSubdomains ? 'includeSubDomains' : '',
        hsts.Preload ? 'preload' : '',
      ]
        .filter(Boolean)
        .join('; '),
      hsts.Override,
    );
  if (s.FrameOptions) add('x-frame-options', s.FrameOptions.FrameOption, s.FrameOptions.Override);
  if (s.ContentTypeOptions) add('x-content-type-options', 'nosniff', s.ContentTypeOptions.Override);
  if (s.ReferrerPolicy) add('referrer-policy', s.ReferrerPolicy.ReferrerPolicy, s.ReferrerPolicy.Override);
  if (s.XSSProtection) {
    const x = s.XSSProtection;
    add('x-xss-protection', x.Protection ? `1${x.ModeBlock ? '; mode=block' : ''}` : '0', x.Override);
  }
  for (const h of c.CustomHeadersConfig?.Items ?? [])
    add(String(h.Header).toLowerCase(), h.Value, h.Override);
  return out;
}

/**
 * The assembly's one distribution, its values resolved by `resolve` (the origin's domain
 * name comes from the API stack's output).
 */
export function distributionOf(
  assembly: Assembly,
  resolve: (stackName: string, value: unknown) => Json,
): Distribution {
  const found = resourcesOfType(assembly, 'AWS::CloudFront::Distribution');
  if (found.length !== 1) throw new Error(`Expected one CloudFront distribution, found ${found.length}.`);
  const { stack, id, resource } = found[0]!;
  const config = resource.Properties?.DistributionConfig;
  const origins = new Map<string, Origin>(
    (config.Origins as Json[]).map((o) => [
      String(o.Id),
      {
        id: String(o.Id),
        domainName: String(resolve(stack.name, o.DomainName)),
        customHeaders: Object.fromEntries(
          ((o.OriginCustomHeaders ?? []) as Json[]).map((h) => [
            String(h.HeaderName).toLowerCase(),
            String(resolve(stack.name, h.HeaderValue)),
          ]),
        ),
      },
    ]),
  );
  const behaviorOf = (b: Json): Behavior => {
    const origin = origins.get(String(b.TargetOriginId));
    if (!origin) throw new Error(`${stack.name}: no origin ${b.TargetOriginId}`);
    return {
      ...(b.PathPattern ? { pathPattern: String(b.PathPattern) } : {}),
      allowedMethods: (b.AllowedMethods ?? ['GET', 'HEAD']) as string[],
      cachedMethods: (b.CachedMethods ?? ['GET', 'HEAD']) as string[],
      viewerProtocolPolicy: b.ViewerProtocolPolicy,
      compress: b.Compress === true,
      cachePolicy: cachePolicyOf(stack, b.CachePolicyId),
      ...((p) => (p ? { originRequestPolicy: p } : {}))(
        originRequestPolicyOf(stack, b.OriginRequestPolicyId),
      ),
      responseHeaders: responseHeadersOf(stack, b.ResponseHeadersPolicyId),
      origin,
    };
  };
  return {
    logicalId: id,
    behaviors: [
      ...((config.CacheBehaviors ?? []) as Json[]).map(behaviorOf),
      behaviorOf(config.DefaultCacheBehavior),
    ],
  };
}
