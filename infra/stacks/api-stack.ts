/**
 * The stateless back end: one function per group, the HTTP API in front of the
 * request-serving groups, the staff JWT authorizer, the stream consumer with its
 * failure queue, the sweeper's schedule, and the alarms. Nothing here holds data; the
 * whole stack can be destroyed and redeployed around the stateful stack.
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { aggregatedTypes } from '../../functions/domain/aggregates/contributors.js';
import { streamItemTypes } from '../../functions/usecases/stream-dispatch.js';
import { WoodpeckerFunction } from '../constructs/woodpecker-function.js';
import { apiRoutes, DEFAULT_GROUP, type HttpGroup, publicWriteThrottles } from './api-routes.js';
import type { ChinaMessaging } from './partition.js';

export type { ApiRoute, HttpGroup } from './api-routes.js';
// The route table and the public write throttles are derived from the Hono apps (api-routes.ts).
export { apiRoutes, publicWriteThrottles };

/** The groups that sign or verify rating tokens, so read the platform secret. */
export const secretReaders = ['public-read', 'public-write', 'staff', 'pages'] as const;

/**
 * Item types whose changes the aggregator consumes; everything else is filtered out. The
 * contributors registry's keys, so a type that feeds the aggregates is one edit there.
 */
export const aggregatedItemTypes: readonly string[] = aggregatedTypes();

/**
 * Item types the stream's one reader sees: the aggregated ones and those the staff
 * alerts read (functions/usecases/stream-dispatch.ts).
 */
export const streamFilterTypes: readonly string[] = streamItemTypes();

/** The groups whose use cases send SMS and e-mail (rating invitations, critique notices). */
export const messageSenders = ['staff', 'pages'] as const;

/**
 * Whose access tokens the staff API accepts, at the gateway's JWT authorizer and again in
 * the function (functions/api/auth.ts): the user pool's app clients (global partition),
 * or the clients of the city's own OpenID issuer (AWS China has no user pools), whose
 * claims are read the generic way (`WOODPECKER_JWT_PROFILE=oidc`, functions/api/token-claims.ts).
 */
export type StaffTokens =
  | {
      kind: 'userPool';
      userPool: cognito.IUserPool;
      clients: cognito.IUserPoolClient[];
      issuer: string;
      jwksUrl: string;
    }
  | { kind: 'issuer'; issuer: string; clientIds: string[]; groupsClaim: string };

/** An OpenID issuer and client the pages sign staff in with (functions/shared/oidc-config.ts). */
export interface StaffSignIn {
  issuer: string;
  clientId: string;
  /** A Secrets Manager secret holding the client secret, for a confidential client. */
  clientSecretArn?: string;
  groupsClaim?: string;
  scopes?: string;
  logoutUrl?: string;
}

export interface ApiStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  readonly platformSecret: secretsmanager.ISecret;
  /** Whose tokens the staff API accepts. */
  readonly staffTokens: StaffTokens;
  /**
   * The OpenID provider staff sign in to the pages with (functions/shared/oidc-config.ts):
   * the user pool by default, or a city's own issuer.
   */
  readonly staffSignIn: StaffSignIn;
  /** The public site's origin (`https://…`): CORS and rating links. */
  readonly siteOrigin?: string;
  /** Who receives alarm e-mails. */
  readonly alarmEmail?: string;
  /** Send SMS through SNS (otherwise messages are only kept in the outbox). Global partition only. */
  readonly sendSms?: boolean;
  /** The city's SMTP server and SMS gateway (AWS China: no SNS SMS, no SES). */
  readonly messaging?: ChinaMessaging;
  /** The ICP recordal and public-security filing numbers the pages show (web/site-filing.ts). */
  readonly siteFiling?: { icpNumber?: string; psbNumber?: string };
  /** The city's callback period for bad reviews (WOODPECKER_CALLBACK_WORKING_DAYS / _HOURS). */
  readonly callbackPeriod?: { workingDays?: number; workingHours?: number };
}

export class ApiStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly functions: Record<
    'public-read' | 'public-write' | 'staff' | 'pages' | 'stream-aggregator' | 'sweeper',
    WoodpeckerFunction
  >;
  readonly aggregatorDlq: sqs.Queue;
  readonly alarmTopic: sns.Topic;
  /** What CloudFront sends the API as `ORIGIN_VERIFY_HEADER` (functions/shared/origin-secret.ts). */
  readonly originSecret: secretsmanager.Secret;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Woodpecker alarms',
      enforceSSL: true,
    });
    if (props.alarmEmail)
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const common = {
      table: props.table,
      alarmTopic: this.alarmTopic,
    };
    const publicUrl: Record<string, string> = props.siteOrigin
      ? { WOODPECKER_PUBLIC_URL: props.siteOrigin }
      : {};
    // Proves a request came through the CDN, so its CloudFront-Viewer-Address may be
    // believed (the execute-api endpoint is public). Its own secret, not the platform
    // secret: CloudFront keeps origin header values in the distribution's configuration.
    // Generated by Secrets Manager; the site stack passes it to CloudFront by dynamic
    // reference, the functions read it at run time. Nothing depends on its value, so it
    // is not retained.
    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'Woodpecker CDN origin secret: CloudFront sends it to the API as a custom origin header.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value only when the site stack deploys (dynamic reference), so it is rotated by a runbook step (new value, then deploy the site stack; see docs/deploy.md), not on a schedule that would leave the CDN sending a stale value.',
    });
    const secretEnv: Record<string, string> = {
      WOODPECKER_SECRET_ARN: props.platformSecret.secretArn,
      WOODPECKER_ORIGIN_SECRET_ARN: this.originSecret.secretArn,
    };
    if (props.sendSms && props.messaging)
      throw new Error('sendSms (SNS) and the SMTP / SMS gateway messaging are alternatives: pick one.');
    const smsEnv: Record<string, string> = props.sendSms ? { WOODPECKER_NOTIFIER: 'sns' } : {};
    // The city's channels (the notifications adapters read these names).
    const messagingEnv: Record<string, string> = props.messaging
      ? {
          WOODPECKER_SMTP_URL_SECRET_ARN: props.messaging.smtpUrlSecretArn,
          WOODPECKER_SMS_GATEWAY_URL: props.messaging.smsGatewayUrl,
          WOODPECKER_SMS_GATEWAY_SECRET_ARN: props.messaging.smsGatewaySecretArn,
        }
      : {};
    // What the in-function verifier requires of a staff token (functions/api/auth.ts):
    // the issuer and its key set, and an access token of one of these clients.
    const tokens = props.staffTokens;
    const jwtEnv: Record<string, string> =
      tokens.kind === 'userPool'
        ? {
            WOODPECKER_JWKS_URL: tokens.jwksUrl,
            WOODPECKER_JWT_ISSUER: tokens.issuer,
            WOODPECKER_JWT_CLIENT_IDS: Fn.join(
              ',',
              tokens.clients.map((c) => c.userPoolClientId),
            ),
          }
        : {
            WOODPECKER_JWT_DISCOVERY_URL: `${tokens.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
            WOODPECKER_JWT_ISSUER: tokens.issuer,
            WOODPECKER_JWT_CLIENT_IDS: tokens.clientIds.join(','),
            WOODPECKER_JWT_PROFILE: 'oidc',
            WOODPECKER_JWT_GROUPS_CLAIM: tokens.groupsClaim,
          };
    // Every function that records a rating computes its callback deadline from these.
    const callbackEnv: Record<string, string> = {
      ...(props.callbackPeriod?.workingDays
        ? { WOODPECKER_CALLBACK_WORKING_DAYS: String(props.callbackPeriod.workingDays) }
        : {}),
      ...(props.callbackPeriod?.workingHours
        ? { WOODPECKER_CALLBACK_WORKING_HOURS: String(props.callbackPeriod.workingHours) }
        : {}),
    };
    const filingEnv: Record<string, string> = {
      ...(props.siteFiling?.icpNumber ? { WOODPECKER_ICP_NUMBER: props.siteFiling.icpNumber } : {}),
      ...(props.siteFiling?.psbNumber ? { WOODPECKER_PSB_NUMBER: props.siteFiling.psbNumber } : {}),
    };

    const publicRead = new WoodpeckerFunction(this, 'PublicRead', {
      ...common,
      group: 'public-read',
      description: 'Woodpecker public reads: catalogue, curves, satisfaction, rankings, critiques board.',
      tableAccess: 'read',
      environment: { ...publicUrl, ...secretEnv },
    });
    const publicWrite = new WoodpeckerFunction(this, 'PublicWrite', {
      ...common,
      group: 'public-write',
      description: 'Woodpecker public writes: ratings, critiques, Open311.',
      tableAccess: 'readWrite',
      environment: { ...publicUrl, ...secretEnv, ...callbackEnv },
    });
    const staff = new WoodpeckerFunction(this, 'Staff', {
      ...common,
      group: 'staff',
      description: 'Woodpecker staff API: catalogue, case batches, inboxes, supervision, reports.',
      tableAccess: 'readWrite',
      timeout: Duration.seconds(29),
      environment: {
        ...publicUrl,
        ...secretEnv,
        ...smsEnv,
        ...messagingEnv,
        ...jwtEnv,
        ...callbackEnv,
      },
    });
    const signIn = props.staffSignIn;
    const oidcEnv: Record<string, string> = {
      WOODPECKER_OIDC_ISSUER: signIn.issuer,
      WOODPECKER_OIDC_CLIENT_ID: signIn.clientId,
      ...(signIn.clientSecretArn ? { WOODPECKER_OIDC_CLIENT_SECRET_ARN: signIn.clientSecretArn } : {}),
      ...(signIn.groupsClaim ? { WOODPECKER_OIDC_GROUPS_CLAIM: signIn.groupsClaim } : {}),
      ...(signIn.scopes ? { WOODPECKER_OIDC_SCOPES: signIn.scopes } : {}),
      ...(signIn.logoutUrl ? { WOODPECKER_OIDC_LOGOUT_URL: signIn.logoutUrl } : {}),
    };
    const pages = new WoodpeckerFunction(this, 'Pages', {
      ...common,
      group: 'pages',
      description:
        'Woodpecker pages: every public page (kept at the edge), rating form and receipt, critique forms, staff consoles.',
      tableAccess: 'readWrite',
      environment: {
        ...publicUrl,
        ...secretEnv,
        ...messagingEnv,
        ...jwtEnv,
        ...oidcEnv,
        ...filingEnv,
        ...callbackEnv,
      },
    });
    if (signIn.clientSecretArn) {
      // The client secret of another issuer: read by the pages only, at sign-in and refresh.
      pages.fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [signIn.clientSecretArn],
        }),
      );
    }
    const aggregator = new WoodpeckerFunction(this, 'StreamAggregator', {
      ...common,
      group: 'stream-aggregator',
      description: 'Woodpecker stream aggregator: exactly-once monthly aggregates from the table stream.',
      tableAccess: 'readWrite',
      timeout: Duration.seconds(60),
    });
    const sweeper = new WoodpeckerFunction(this, 'Sweeper', {
      ...common,
      group: 'sweeper',
      description: 'Woodpecker sweeper: moves open items to their current warning colour.',
      tableAccess: 'readWrite',
      memorySize: 512,
      timeout: Duration.minutes(4),
      environment: { ...publicUrl },
    });
    this.functions = {
      'public-read': publicRead,
      'public-write': publicWrite,
      staff,
      pages,
      'stream-aggregator': aggregator,
      sweeper,
    };
    // Read access to the platform secret for the groups that sign or check rating
    // tokens (public-read answers `GET /api/v1/ratings/{caseId}` to a token holder),
    // and to the origin secret (the same groups answer HTTP, see client-address.ts).
    // Granted on the roles only: `secret.grantRead` would add the roles to the key
    // policy in the stateful stack (a cyclic reference).
    for (const f of secretReaders.map((g) => this.functions[g])) {
      f.fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [props.platformSecret.secretArn, this.originSecret.secretArn],
        }),
      );
      if (props.platformSecret.encryptionKey) {
        f.fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [props.platformSecret.encryptionKey.keyArn],
            conditions: {
              StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.${this.urlSuffix}` },
            },
          }),
        );
      }
    }
    if (props.messaging) {
      // The SMTP URL and the gateway's credentials: read by the groups that send, at send time.
      for (const f of messageSenders.map((g) => this.functions[g])) {
        f.fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['secretsmanager:GetSecretValue'],
            resources: [props.messaging.smtpUrlSecretArn, props.messaging.smsGatewaySecretArn],
          }),
        );
      }
    }
    if (props.sendSms) {
      // Only staff sends SMS (rating invitations for completed cases). SMS to a phone
      // number has no resource ARN to scope to; publishing to any topic is excluded.
      staff.fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:*:sns:*:*:*'] }),
      );
    }

    // --- The stream consumer -------------------------------------------------------
    this.aggregatorDlq = new sqs.Queue(this, 'AggregatorFailures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const typeIn = lambda.FilterRule.or(...streamFilterTypes);
    aggregator.fn.addEventSource(
      new eventSources.DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(2),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        parallelizationFactor: 1,
        onFailure: new eventSources.SqsDlq(this.aggregatorDlq),
        // Inserts and updates carry the new image, removals only the old one.
        filters: [
          lambda.FilterCriteria.filter({ dynamodb: { NewImage: { type: { S: typeIn } } } }),
          lambda.FilterCriteria.filter({ dynamodb: { OldImage: { type: { S: typeIn } } } }),
        ],
      }),
    );

    // --- Schedules -----------------------------------------------------------------
    new events.Rule(this, 'SweeperSchedule', {
      description: 'Woodpecker: run the sweeper every 5 minutes.',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [
        new targets.LambdaFunction(sweeper.fn, { retryAttempts: 1, maxEventAge: Duration.minutes(4) }),
      ],
    });

    // --- HTTP API ------------------------------------------------------------------
    // One invoke permission per function for this API, not one per route: with a route
    // per Hono route, per-route statements would outgrow a function policy's 20 KB.
    const perApi = { scopePermissionToRoute: false };
    const integrations: Record<HttpGroup, HttpLambdaIntegration> = {
      'public-read': new HttpLambdaIntegration('PublicReadIntegration', publicRead.fn, perApi),
      'public-write': new HttpLambdaIntegration('PublicWriteIntegration', publicWrite.fn, perApi),
      staff: new HttpLambdaIntegration('StaffIntegration', staff.fn, perApi),
      pages: new HttpLambdaIntegration('PagesIntegration', pages.fn, perApi),
    };
    const authorizer =
      tokens.kind === 'userPool'
        ? new HttpUserPoolAuthorizer('StaffJwtAuthorizer', tokens.userPool, {
            authorizerName: 'staff-jwt',
            userPoolClients: tokens.clients,
            identitySource: ['$request.header.Authorization'],
          })
        : new HttpJwtAuthorizer('StaffJwtAuthorizer', tokens.issuer, {
            authorizerName: 'staff-jwt',
            jwtAudience: tokens.clientIds,
            identitySource: ['$request.header.Authorization'],
          });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: 'woodpecker',
      description: 'Woodpecker public and staff API',
      createDefaultStage: false,
      defaultIntegration: integrations[DEFAULT_GROUP],
      corsPreflight: props.siteOrigin
        ? {
            allowOrigins: [props.siteOrigin],
            allowMethods: [
              apigwv2.CorsHttpMethod.GET,
              apigwv2.CorsHttpMethod.POST,
              apigwv2.CorsHttpMethod.PUT,
              apigwv2.CorsHttpMethod.PATCH,
              apigwv2.CorsHttpMethod.DELETE,
              apigwv2.CorsHttpMethod.OPTIONS,
            ],
            allowHeaders: ['authorization', 'content-type', 'x-request-id'],
            exposeHeaders: ['x-request-id'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.SIX_MONTHS });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    const routesByKey = new Map<string, apigwv2.HttpRoute>();
    for (const r of apiRoutes) {
      const created = this.httpApi.addRoutes({
        path: r.path,
        methods: r.methods,
        integration: integrations[r.group],
        ...(r.group === 'staff' ? { authorizer } : {}),
      });
      for (const [i, route] of created.entries()) {
        const key = `${r.methods[i]} ${r.path}`;
        routesByKey.set(key, route);
        if (r.group !== 'staff') {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason:
              'Public route by design (contract: public reads, ratings by token, anonymous critiques); the function checks rating tokens and rate limits.',
          });
        }
      }
    }
    const defaultRoute = this.httpApi.node.findChild('DefaultRoute');
    Validations.of(defaultRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        "The catch-all route goes to the pages function: every public page, the site's 404 page, or the contract JSON 404 under /api/ and /open311/; staff routes are matched first and carry the JWT authorizer.",
    });

    const cfnStage = this.stage.node.defaultChild as apigwv2.CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      Object.entries(publicWriteThrottles).map(([key, t]) => [
        key,
        { ThrottlingRateLimit: t.rate, ThrottlingBurstLimit: t.burst },
      ]),
    );
    for (const key of Object.keys(publicWriteThrottles)) {
      const route = routesByKey.get(key);
      if (route) this.stage.node.addDependency(route);
    }

    // --- Alarms --------------------------------------------------------------------
    const action = new cloudwatchActions.SnsAction(this.alarmTopic);
    const alarm = (id: string, props: cloudwatch.AlarmProps) => {
      const a = new cloudwatch.Alarm(this, id, props);
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };
    alarm('StreamIteratorAgeAlarm', {
      alarmDescription: 'Woodpecker: the stream aggregator is more than 5 minutes behind the table.',
      metric: aggregator.fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 5 * 60 * 1000,
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('AggregatorDlqDepthAlarm', {
      alarmDescription:
        'Woodpecker: stream records the aggregator gave up on are waiting in the failure queue (see docs/deploy.md).',
      metric: this.aggregatorDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('Api5xxAlarm', {
      alarmDescription: 'Woodpecker: the API answered 5xx (the contract allows none for client input).',
      metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The table: throttling (on-demand tables throttle on hot partitions and sudden
    // doubling) and DynamoDB's own errors. ReadThrottleEvents/WriteThrottleEvents carry
    // the TableName dimension alone; SystemErrors and ThrottledRequests are reported per
    // operation, so they are summed over the operations the functions call.
    const tableOperations = [
      dynamodb.Operation.GET_ITEM,
      dynamodb.Operation.BATCH_GET_ITEM,
      dynamodb.Operation.PUT_ITEM,
      dynamodb.Operation.UPDATE_ITEM,
      dynamodb.Operation.DELETE_ITEM,
      dynamodb.Operation.BATCH_WRITE_ITEM,
      dynamodb.Operation.TRANSACT_WRITE_ITEMS,
      dynamodb.Operation.QUERY,
      dynamodb.Operation.SCAN,
    ];
    for (const [id, metricName] of [
      ['TableReadThrottleAlarm', 'ReadThrottleEvents'],
      ['TableWriteThrottleAlarm', 'WriteThrottleEvents'],
    ] as const) {
      alarm(id, {
        alarmDescription: `Woodpecker: the table throttled requests (${metricName}); see docs/deploy.md.`,
        metric: props.table.metric(metricName, { statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    alarm('TableSystemErrorsAlarm', {
      alarmDescription: 'Woodpecker: DynamoDB reported system errors (HTTP 500 from the service).',
      metric: props.table.metricSystemErrorsForOperations({
        operations: tableOperations,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // --- cdk-nag acknowledgements ---------------------------------------------------
    Validations.of(this.aggregatorDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the failure destination of the stream consumer (an event source mapping on-failure destination, which the rule does not recognise).',
    });
    Validations.of(aggregator.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams has no resource-level permissions; the Lambda stream event source needs it. Stream reads themselves are scoped to the table stream ARN.',
    });

    new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'AggregatorFailureQueueUrl', { value: this.aggregatorDlq.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'OriginSecretArn', { value: this.originSecret.secretArn });
  }

  /** `<api-id>.execute-api.<region>.amazonaws.com`, for the CDN origin. */
  get apiDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
  }
}
