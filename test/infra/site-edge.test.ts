/**
 * The site and edge stacks: a private, TLS-only, logged bucket reached only through
 * CloudFront's origin access control; security headers; the API as second origin for
 * public writes; the us-east-1 WAF with rate rules; the publisher's narrow access.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/shared/origin-secret.js';
import { tableWriteActions } from '../../infra/constructs/woodpecker-function.js';
import { wafRateLimits } from '../../infra/stacks/edge-stack.js';
import {
  apiPathPatterns,
  contentSecurityPolicy,
  pageRewriteSource,
  publishTriggerTypes,
} from '../../infra/stacks/site-stack.js';
import {
  buildApp,
  cityContext,
  logicalId,
  resourcesOf,
  testCertificateArn,
  testDomain,
} from './woodpecker-app.js';

const built = buildApp({ context: cityContext });
const { site, edge, api } = built.stacks;
const t = built.template(site);
const edgeT = built.template(edge);
const siteBucketId = logicalId(site, site.siteBucket);
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

describe('site bucket', () => {
  it('blocks public access, is encrypted and versioned, and logs access to the log bucket', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId }, LogFilePrefix: 's3-site/' },
    });
  });

  it('every bucket blocks public access and denies plain HTTP', () => {
    const buckets = resourcesOf(t, 'AWS::S3::Bucket');
    expect(Object.keys(buckets).sort()).toEqual([logBucketId, siteBucketId].sort());
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      t.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
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
    }
  });

  it('is readable only by this distribution, through origin access control', () => {
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const s3Origin = distribution.Origins.find((o) => o.OriginAccessControlId);
    expect(s3Origin?.DomainName).toEqual({ 'Fn::GetAtt': [siteBucketId, 'RegionalDomainName'] });
    expect(s3Origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
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

  it('maps page paths to the files the publisher writes', () => {
    const handler = new Function(`${pageRewriteSource}; return handler;`)() as (e: {
      request: { uri: string };
    }) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/services/SH-001')).toBe('/services/SH-001.html');
    expect(rewrite('/services/310.1')).toBe('/services/310.1.html');
    expect(rewrite('/rankings')).toBe('/rankings.html');
    expect(rewrite('/departments/')).toBe('/departments/index.html');
    expect(rewrite('/assets/charts.js')).toBe('/assets/charts.js');
    expect(rewrite('/index.html')).toBe('/index.html');
    t.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: pageRewriteSource,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
  });

  it('serves the pages from the bucket over HTTPS only', () => {
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
    });
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
    b.template(b.stacks.edge).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: testDomain,
      ValidationMethod: 'DNS',
    });
  });
});

describe('site publisher', () => {
  const roleId = logicalId(site, site.publisher.role);
  const statements = Object.values(resourcesOf(t, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(
      (p) =>
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement,
    );

  it('knows the bucket and distribution, and writes only objects of the site bucket', () => {
    const env = t.toJSON().Resources[logicalId(site, site.publisher.fn)].Properties.Environment.Variables;
    expect(env.SITE_BUCKET).toEqual({ Ref: siteBucketId });
    expect(env.SITE_DISTRIBUTION_ID).toEqual({ Ref: logicalId(site, site.distribution) });
    expect(env.WOODPECKER_PUBLIC_URL).toBe(`https://${testDomain}`);
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: { 'Fn::GetAtt': [siteBucketId, 'Arn'] } },
      {
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [siteBucketId, 'Arn'] }, '/*']] },
      },
    ]);
    const actions = statements.flatMap((s) => [s.Action].flat());
    for (const a of tableWriteActions) expect(actions).not.toContain(a);
  });

  it('also runs soon after catalogue, ranking, critique or calendar changes', () => {
    const fnId = logicalId(site, site.publisher.fn);
    const mapping = Object.values(resourcesOf(t, 'AWS::Lambda::EventSourceMapping')).find(
      (m) => (m.Properties.FunctionName as { Ref: string }).Ref === fnId,
    );
    expect(mapping?.Properties).toMatchObject({
      MaximumBatchingWindowInSeconds: 300,
      StartingPosition: 'LATEST',
    });
    const patterns = (mapping!.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map(
      (f) => JSON.parse(f.Pattern),
    );
    expect(patterns[0]).toEqual({ dynamodb: { NewImage: { type: { S: [...publishTriggerTypes] } } } });
  });
});
