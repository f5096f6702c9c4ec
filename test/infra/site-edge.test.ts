/**
 * The site and edge stacks: CloudFront with the HTTP API as its one origin, pages cached
 * on exactly what they vary on (web/cache-rules.ts), personal pages and the API never;
 * security headers; the access-log bucket; the us-east-1 WAF with rate rules.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/shared/origin-secret.js';
import { wafRateLimits } from '../../infra/stacks/edge-stack.js';
import { apiPathPatterns, assetPathPatterns, contentSecurityPolicy } from '../../infra/stacks/site-stack.js';
import { PAGE_KEY_COOKIES, PERSONAL_PAGE_PATTERNS } from '../../web/cache-rules.js';
import {
  buildApp,
  cityContext,
  edgeOf,
  logicalId,
  resourcesOf,
  testCertificateArn,
  testDomain,
} from './woodpecker-app.js';

const built = buildApp({ context: cityContext });
const { site, api } = built.stacks;
const edge = edgeOf(built);
const t = built.template(site);
const edgeT = built.template(edge);
const logBucketId = logicalId(site, site.logBucket);

type DistributionConfig = {
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginAccessControlId?: unknown;
    S3OriginConfig?: unknown;
    CustomOriginConfig?: Record<string, unknown>;
    OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
  }[];
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Record<string, unknown>[];
  ViewerCertificate: Record<string, unknown>;
  Logging: Record<string, unknown>;
  WebACLId: unknown;
  Aliases?: string[];
};
const distribution = Object.values(resourcesOf(t, 'AWS::CloudFront::Distribution'))[0]?.Properties
  ?.DistributionConfig as DistributionConfig;

describe('buckets', () => {
  it('only the access-log bucket is left, private and TLS-only: no page lives in a bucket', () => {
    const buckets = resourcesOf(t, 'AWS::S3::Bucket');
    expect(Object.keys(buckets)).toEqual([logBucketId]);
    expect(buckets[logBucketId]!.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    t.resourceCountIs('AWS::CloudFront::Function', 0);
    expect(distribution.Origins).toHaveLength(1);
  });
});

describe('distribution', () => {
  it('sends security headers: CSP, HSTS, frame and content-type options', () => {
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
            Preload: false,
            Override: true,
          },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      }),
    });
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    const policyId = { Ref: logicalId(site, site.responseHeadersPolicy) };
    for (const b of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) {
      expect(b.ResponseHeadersPolicyId).toEqual(policyId);
    }
  });

  it('renders every page in the pages function, cached on the path, the query and the page cookies only', () => {
    const apiOrigin = distribution.Origins[0]!;
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: apiOrigin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
    });
    expect(distribution.DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
    const policyId = (distribution.DefaultCacheBehavior.CachePolicyId as { Ref: string }).Ref;
    const policy = t.toJSON().Resources[policyId].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 60, MaxTTL: 86400 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      CookiesConfig: { CookieBehavior: 'whitelist', Cookies: [...PAGE_KEY_COOKIES] },
      HeadersConfig: { HeaderBehavior: 'none' },
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
    });
    expect(PAGE_KEY_COOKIES).toEqual(expect.arrayContaining(['wp_lang', 'wp_elder']));
  });

  it('caches scripts and icons by their own Cache-Control, and never a personal page', () => {
    for (const pattern of assetPathPatterns) {
      const behavior = distribution.CacheBehaviors.find((b) => b.PathPattern === pattern);
      expect(behavior, pattern).toMatchObject({
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', // Managed-CachingOptimized
        AllowedMethods: ['GET', 'HEAD'],
      });
    }
    for (const pattern of PERSONAL_PAGE_PATTERNS) {
      const behavior = distribution.CacheBehaviors.find((b) => b.PathPattern === pattern);
      expect(behavior?.CachePolicyId, pattern).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    }
  });

  it('sends /api/* and /open311/* (and public writes with them) to the API, uncached, over TLS 1.2', () => {
    const apiOrigin = distribution.Origins.find((o) => o.CustomOriginConfig);
    expect(apiOrigin?.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain('.execute-api.');
    expect(apiPathPatterns).toEqual(expect.arrayContaining(['/api/*', '/open311/*']));
    for (const pattern of apiPathPatterns) {
      const behavior = distribution.CacheBehaviors.find((b) => b.PathPattern === pattern);
      expect(behavior, pattern).toMatchObject({
        TargetOriginId: apiOrigin?.Id,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']),
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      });
    }
  });

  it('uses the web ACL from the edge stack, the city’s domain with TLS 1.2, and logs', () => {
    expect(JSON.stringify(distribution.WebACLId)).toContain('Woodpecker-Edge');
    expect(distribution.Aliases).toEqual([testDomain]);
    expect(distribution.ViewerCertificate).toEqual({
      AcmCertificateArn: testCertificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(distribution.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logBucketId, 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });
});

describe('CDN origin secret (so the API may believe CloudFront-Viewer-Address)', () => {
  const apiT = built.template(api);
  const secretId = logicalId(api, api.originSecret);

  it('the API origin carries the origin secret header, by dynamic reference to the API stack’s secret', () => {
    const apiOrigin = distribution.Origins.find((o) => o.CustomOriginConfig);
    expect(apiOrigin?.OriginCustomHeaders?.map((h) => h.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    const value = JSON.stringify(apiOrigin?.OriginCustomHeaders?.[0]?.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(':SecretString:::}}');
    expect(value).toContain('Woodpecker-Api');
    expect(value).toContain(`Ref${secretId}`);
    // The S3 origin gets no such header.
    const s3Origin = distribution.Origins.find((o) => o.S3OriginConfig);
    expect(s3Origin?.OriginCustomHeaders).toBeUndefined();
  });

  it('pins a version of it when asked (after a rotation), so the distribution is updated', () => {
    const b = buildApp({ context: { ...cityContext, originSecretVersion: 'v-1234' } });
    const d = Object.values(resourcesOf(b.template(b.stacks.site), 'AWS::CloudFront::Distribution'))[0]
      ?.Properties?.DistributionConfig as DistributionConfig;
    const header = d.Origins.find((o) => o.CustomOriginConfig)?.OriginCustomHeaders?.[0];
    expect(JSON.stringify(header?.HeaderValue)).toContain(':SecretString:::v-1234}}');
  });

  it('is generated by Secrets Manager (never in a template), and every HTTP function reads it by ARN', () => {
    const secret = apiT.toJSON().Resources[secretId];
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
    const http = ['public-read', 'public-write', 'staff', 'pages'] as const;
    for (const [group, f] of Object.entries(api.functions)) {
      const env = apiT.toJSON().Resources[logicalId(api, f.fn)].Properties.Environment?.Variables ?? {};
      const reads = (http as readonly string[]).includes(group);
      expect(env.WOODPECKER_ORIGIN_SECRET_ARN, group).toEqual(reads ? { Ref: secretId } : undefined);
      const roleId = logicalId(api, f.role);
      const grants = Object.values(resourcesOf(apiT, 'AWS::IAM::Policy'))
        .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
        .flatMap(
          (p) =>
            (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
              .Statement,
        )
        .filter((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap((st) => [st.Resource].flat());
      expect(
        grants.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: secretId })),
        group,
      ).toBe(reads);
    }
  });
});

describe('edge stack (us-east-1)', () => {
  it('is in us-east-1 and the site stack reads it through a cross-region reference', () => {
    expect(edge.region).toBe('us-east-1');
    expect(site.region).not.toBe('us-east-1');
    expect(JSON.stringify(distribution.WebACLId)).toContain('"Region":"us-east-1"');
  });

  it('has a CLOUDFRONT web ACL with per-IP rate rules (all requests and writes)', () => {
    const acls = Object.values(resourcesOf(edgeT, 'AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    const acl = acls[0]?.Properties as {
      Scope: string;
      DefaultAction: unknown;
      Rules: {
        Name: string;
        Action?: unknown;
        Statement: { RateBasedStatement?: Record<string, unknown> };
      }[];
    };
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    const rate = acl.Rules.filter((r) => r.Statement.RateBasedStatement);
    expect(
      rate.map((r) => [
        r.Statement.RateBasedStatement?.Limit,
        r.Statement.RateBasedStatement?.AggregateKeyType,
      ]),
    ).toEqual([
      [wafRateLimits.allRequests, 'IP'],
      [wafRateLimits.writes, 'IP'],
    ]);
    for (const r of rate) expect(r.Action).toEqual({ Block: {} });
    expect(JSON.stringify(rate[1]?.Statement.RateBasedStatement?.ScopeDownStatement)).toContain(
      '"SearchString":"POST"',
    );
  });

  it('creates a DNS-validated certificate when a domain but no certificate is given', () => {
    const b = buildApp({ context: { domainName: testDomain } });
    b.template(edgeOf(b)).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: testDomain,
      ValidationMethod: 'DNS',
    });
  });
});
