/**
 * The public face: CloudFront in front of the HTTP API, which is its one origin (so every
 * request passes the WAF) and carries the origin secret header (so the API can believe
 * CloudFront's viewer address), with security headers on every response. Every page is
 * rendered by the pages function; what the edge keeps of it, and on what the cache key
 * varies, comes from web/cache-rules.ts, the rules the page guard answers by: public
 * pages a minute (served stale while the table is briefly down), personal pages, the API
 * and Open311 never. There is no bucket and no publisher: nothing can fall out of date.
 */
import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/shared/origin-secret.js';
import {
  API_PATH_PATTERNS,
  ASSET_PATH_PATTERNS,
  PAGE_KEY_COOKIES,
  PERSONAL_PAGE_PATTERNS,
} from '../../web/cache-rules.js';

/**
 * Pages are self-contained: scripts and styles from the site itself, the chart.js
 * client bundle included; no inline scripts, no third-party origins.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/**
 * Paths CloudFront never caches, with every viewer header forwarded: the machine
 * interfaces and the personal pages (web/cache-rules.ts).
 */
export const apiPathPatterns = [...API_PATH_PATTERNS, ...PERSONAL_PAGE_PATTERNS] as const;

/** The bundled scripts and icons: cached by the origin's own `Cache-Control`. */
export const assetPathPatterns = ASSET_PATH_PATTERNS;

export interface SiteStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  /** `<api-id>.execute-api.<region>.amazonaws.com`. */
  readonly apiDomainName: string;
  /** Sent to the API origin as `ORIGIN_VERIFY_HEADER` (the API stack's `originSecret`). */
  readonly originSecret: secretsmanager.ISecret;
  /** Pin a version of it (after a rotation, so the template changes and CloudFront re-reads it). */
  readonly originSecretVersion?: string;
  /**
   * The CLOUDFRONT-scope web ACL from the us-east-1 edge stack. None in AWS China, where
   * WAF is regional only and cannot attach to CloudFront (nor to an HTTP API): there the
   * API's route throttles and the functions' own rate limits are the edge protection.
   */
  readonly webAclArn?: string;
  readonly domainName?: string;
  /** An ACM certificate for `domainName` (global partition, from us-east-1). */
  readonly certificate?: acm.ICertificate;
  /**
   * An IAM server certificate for `domainName` (AWS China, where CloudFront does not use
   * ACM: the certificate from a third-party CA is uploaded to the IAM certificate store).
   */
  readonly iamCertificateId?: string;
  /** Public origin if known in advance (otherwise the CloudFront domain is used). */
  readonly siteOrigin?: string;
  readonly alarmTopic?: sns.ITopic;
}

export class SiteStack extends Stack {
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);

    this.logBucket = new s3.Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // CloudFront standard logs are delivered with an ACL grant, so ACLs stay enabled.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log destination itself (S3 server access logs and CloudFront logs); logging it into itself would loop.',
    });

    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Woodpecker: CSP, HSTS, frame and content-type options',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    });

    // Public pages: the key is the path, every query string (pages page, filter and pick
    // a language by it) and exactly the cookies a page varies on; nothing else a viewer
    // sends reaches the origin. The pages function's Cache-Control decides how long
    // (web/cache-rules.ts: a minute, stale for a day on errors, never for anything personal).
    const pageCache = new cloudfront.CachePolicy(this, 'PageCache', {
      comment: 'Woodpecker pages: key = path, query, language/elderly/session cookies; TTL from the origin.',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(1),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      cookieBehavior: cloudfront.CacheCookieBehavior.allowList(...PAGE_KEY_COOKIES),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // The origin secret header proves to the API that a request came through here (a
    // viewer's own header of that name is overwritten). A CloudFormation dynamic
    // reference: resolved at deploy time, never in the template or the cloud assembly.
    const originSecret = SecretValue.secretsManager(props.originSecret.secretArn, {
      ...(props.originSecretVersion ? { versionId: props.originSecretVersion } : {}),
    });
    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: originSecret.unsafeUnwrap() },
    });
    // No caching (a write is visible to the next read), every viewer header but Host
    // (API Gateway routes on its own host name); Authorization is forwarded because
    // caching is off.
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.responseHeadersPolicy,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Woodpecker public site and API',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domainName && props.certificate
        ? {
            domainNames: [props.domainName],
            certificate: props.certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: apiOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: pageCache,
        responseHeadersPolicy: this.responseHeadersPolicy,
      },
      additionalBehaviors: {
        ...Object.fromEntries(apiPathPatterns.map((p) => [p, apiBehavior])),
        ...Object.fromEntries(
          assetPathPatterns.map((p) => [
            p,
            {
              origin: apiOrigin,
              viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
              allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
              cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
              responseHeadersPolicy: this.responseHeadersPolicy,
            },
          ]),
        ),
      },
    });

    if (props.iamCertificateId) {
      if (!props.domainName || props.certificate)
        throw new Error('An IAM server certificate goes with a domain name and without an ACM certificate.');
      // The Distribution construct takes only ACM certificates: the alias and the IAM
      // certificate are set on the CloudFormation resource.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The IAM server certificate with minimum protocol TLSv1.2_2021 is set by a property override, which the rule does not read; test/infra/china.test.ts checks the synthesized ViewerCertificate.',
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'AWS China: WAF is supported at a regional level only and cannot attach to CloudFront; requests are limited by the HTTP API stage and route throttles and by the functions’ own per-client rate limits (docs/deploy.md).',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A public government service open to anyone, including citizens abroad; abuse is handled by the WAF rate rules, not by country.',
    });
    if (!(props.domainName && props.certificate) && !props.iamCertificateId) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain configured: the default *.cloudfront.net certificate cannot set a minimum TLS version. Deploy with -c domainName=… to get TLSv1.2_2021.',
      });
    }

    const publicUrl =
      props.siteOrigin ??
      (props.domainName
        ? `https://${props.domainName}`
        : `https://${this.distribution.distributionDomainName}`);

    new CfnOutput(this, 'SiteUrl', { value: publicUrl });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
  }
}
