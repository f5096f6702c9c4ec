/**
 * The public face: a private bucket of statically published pages behind CloudFront
 * (origin access control), the API as a second origin for `/api/*` and `/open311/*`
 * (so public writes pass the WAF) that carries the origin secret header (so the API
 * can believe CloudFront's viewer address), security headers on every response, and
 * the site publisher that renders the pages into the bucket.
 *
 * The publisher lives here rather than in the API stack: the CDN needs the API's
 * address, so the API stack cannot also depend on this stack's bucket.
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
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/shared/origin-secret.js';
import { publishTriggerTypes } from '../../web/publish-triggers.js';
import { WoodpeckerFunction } from '../constructs/woodpecker-function.js';

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
 * Viewer-request function of the page behaviour. The publisher (Hono SSG) writes `/` as
 * `index.html`, `/x/` as `x/index.html` and `/services/X` as `services/X.html`; S3
 * behind OAC has no such mapping, so extensionless paths get `.html` here. Paths with a
 * static-file extension pass unchanged.
 */
export const pageRewriteSource = [
  'function handler(event) {',
  '  var request = event.request;',
  '  var uri = request.uri;',
  "  if (uri.endsWith('/')) request.uri = uri + 'index.html';",
  '  else if (!/\\.(html|js|mjs|css|json|csv|txt|xml|svg|png|jpe?g|gif|webp|ico|woff2?|map|webmanifest)$/i.test(uri))',
  "    request.uri = uri + '.html';",
  '  return request;',
  '}',
].join('\n');

/** Paths CloudFront sends to the API instead of the bucket. */
export const apiPathPatterns = [
  '/api/*',
  '/open311/*',
  '/healthz',
  '/critiques/*',
  '/rate/*',
  '/receipt/*',
  '/staff',
  '/staff/*',
  '/prefs/*',
] as const;

/** Item types whose changes make the publisher run soon (besides its schedule): the pages' own list. */
export { publishTriggerTypes };

export interface SiteStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  /** `<api-id>.execute-api.<region>.amazonaws.com`. */
  readonly apiDomainName: string;
  /** Sent to the API origin as `ORIGIN_VERIFY_HEADER` (the API stack's `originSecret`). */
  readonly originSecret: secretsmanager.ISecret;
  /** Pin a version of it (after a rotation, so the template changes and CloudFront re-reads it). */
  readonly originSecretVersion?: string;
  /** The CLOUDFRONT-scope web ACL from the us-east-1 edge stack. */
  readonly webAclArn: string;
  readonly domainName?: string;
  readonly certificate?: acm.ICertificate;
  /** Public origin if known in advance (otherwise the CloudFront domain is used). */
  readonly siteOrigin?: string;
  readonly alarmTopic?: sns.ITopic;
}

export class SiteStack extends Stack {
  readonly siteBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly publisher: WoodpeckerFunction;
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

    this.siteBucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // SSE-S3: the pages are public content, and a KMS key would need CloudFront in its policy.
      encryption: s3.BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-site/',
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
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

    const pageRewrite = new cloudfront.Function(this, 'PageRewrite', {
      comment: 'Woodpecker: /services/X -> /services/X.html (how the publisher names pages)',
      code: cloudfront.FunctionCode.fromInline(pageRewriteSource),
    });

    const pageCache = new cloudfront.CachePolicy(this, 'PageCache', {
      comment: 'Woodpecker pages: the publisher sets Cache-Control; at most a day.',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.days(1),
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
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      webAclId: props.webAclArn,
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
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: pageCache,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [
          { function: pageRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns.map((p) => [p, apiBehavior])),
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A public government service open to anyone, including citizens abroad; abuse is handled by the WAF rate rules, not by country.',
    });
    if (!(props.domainName && props.certificate)) {
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

    this.publisher = new WoodpeckerFunction(this, 'SitePublisher', {
      group: 'site-publisher',
      description: 'Woodpecker site publisher: renders the public pages into the site bucket.',
      table: props.table,
      tableAccess: 'read',
      memorySize: 1536,
      timeout: Duration.minutes(5),
      alarmTopic: props.alarmTopic,
      environment: {
        SITE_BUCKET: this.siteBucket.bucketName,
        SITE_DISTRIBUTION_ID: this.distribution.distributionId,
        WOODPECKER_PUBLIC_URL: publicUrl,
      },
    });
    // Exactly what publishing needs: list, read, write and delete objects of this bucket.
    this.publisher.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.siteBucket.bucketArn] }),
    );
    this.publisher.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [this.siteBucket.arnForObjects('*')],
      }),
    );
    this.distribution.grantCreateInvalidation(this.publisher.fn);

    new events.Rule(this, 'PublisherSchedule', {
      description: 'Woodpecker: republish the public site every 15 minutes.',
      schedule: events.Schedule.rate(Duration.minutes(15)),
      targets: [
        new targets.LambdaFunction(this.publisher.fn, {
          retryAttempts: 1,
          maxEventAge: Duration.minutes(10),
        }),
      ],
    });
    // After data changes: catalogue, rankings, critiques and calendar edits trigger a
    // publish within five minutes (the batching window debounces bursts). A failed
    // trigger is not kept: the next scheduled run publishes the same state.
    const typeIn = lambda.FilterRule.or(...publishTriggerTypes);
    this.publisher.fn.addEventSource(
      new eventSources.DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 1000,
        maxBatchingWindow: Duration.minutes(5),
        retryAttempts: 2,
        maxRecordAge: Duration.hours(1),
        filters: [
          lambda.FilterCriteria.filter({ dynamodb: { NewImage: { type: { S: typeIn } } } }),
          lambda.FilterCriteria.filter({ dynamodb: { OldImage: { type: { S: typeIn } } } }),
        ],
      }),
    );

    Validations.of(this.publisher.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams has no resource-level permissions; the Lambda stream event source needs it. Stream reads themselves are scoped to the table stream ARN.',
    });
    Validations.of(this.publisher.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.siteBucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      reason:
        'The publisher writes the whole site: every object of this one bucket (get, put, delete; no ACL or policy actions).',
    });

    new CfnOutput(this, 'SiteUrl', { value: publicUrl });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'SiteBucketName', { value: this.siteBucket.bucketName });
  }
}
