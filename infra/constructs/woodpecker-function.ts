/**
 * The one way Woodpecker defines a Lambda function. Every function group goes through
 * this construct, so all of them get the same runtime, architecture, bundling,
 * Powertools settings, log group, least-privilege table access and alarms.
 */
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { tableDefinition } from '../../functions/store/table-definition.js';
import {
  cdkBundlingOptions,
  type FunctionGroup,
  functionEntries,
  lambdaRuntime,
  projectRoot,
} from './bundling-options.js';

/** Item-level read actions. No Scan: no request or job reads the whole table. */
export const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:DescribeTable',
] as const;

/** Item-level write actions (TransactWriteItems needs these on every item it touches). */
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * What a caller needs on the table's customer-managed key: the set CDK's own table
 * grants use, spelled out without wildcards.
 */
export const keyReadActions = ['kms:Decrypt', 'kms:DescribeKey'] as const;
export const keyWriteActions = [
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
] as const;

export type TableAccess = 'read' | 'readWrite';

export interface WoodpeckerFunctionProps {
  /** Which function group; picks the entry file and names the service. */
  readonly group: FunctionGroup;
  readonly description: string;
  readonly table: dynamodb.ITable;
  /** `read` for groups that only read; the grant then holds no write action at all. */
  readonly tableAccess: TableAccess;
  /** Extra environment (secret ARN, JWKS URL, bucket name...). */
  readonly environment?: Record<string, string>;
  /** @default 1024 (more memory is more CPU: faster cold starts for little cost) */
  readonly memorySize?: number;
  /** @default 10 seconds (the HTTP API waits at most 30) */
  readonly timeout?: Duration;
  /** @default INFO */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Where the function's alarms notify. */
  readonly alarmTopic?: sns.ITopic;
}

export class WoodpeckerFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly throttlesAlarm: cloudwatch.Alarm;
  readonly group: FunctionGroup;

  constructor(scope: Construct, id: string, props: WoodpeckerFunctionProps) {
    super(scope, id);
    this.group = props.group;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: it may write to its own log
    // group only, not create or write any log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Woodpecker ${props.group} function`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: join(projectRoot, functionEntries[props.group]),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: lambdaRuntime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      bundling: cdkBundlingOptions(props.group),
      environment: {
        POWERTOOLS_SERVICE_NAME: `woodpecker-${props.group}`,
        POWERTOOLS_METRICS_NAMESPACE: 'Woodpecker',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        WOODPECKER_TABLE: props.table.tableName,
        ...props.environment,
      },
    });

    // The table and each of its indexes by name (from the table definition), so the
    // policy has no `index/*` wildcard; then the key, on the role only (the key policy
    // trusts the account, and editing it from here would tie the stacks in a cycle).
    const tableResources = [
      props.table.tableArn,
      ...tableDefinition.globalSecondaryIndexes.map((i) => `${props.table.tableArn}/index/${i.name}`),
    ];
    const writes = props.tableAccess === 'readWrite';
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...tableReadActions, ...(writes ? tableWriteActions : [])],
        resources: tableResources,
      }),
    );
    if (props.table.encryptionKey) {
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: [...keyReadActions, ...(writes ? keyWriteActions : [])],
          resources: [props.table.encryptionKey.keyArn],
        }),
      );
    }
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x on purpose: the tests run on the same major (the pinned `node` toolchain, .nvmrc); nodejs24.x is adopted together with the toolchain (docs/deploy.md).',
    });

    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `Woodpecker ${props.group}: the function reported errors.`,
      metric: this.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.throttlesAlarm = new cloudwatch.Alarm(this, 'ThrottlesAlarm', {
      alarmDescription: `Woodpecker ${props.group}: invocations were throttled (concurrency limit).`,
      metric: this.fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      const action = new cloudwatchActions.SnsAction(props.alarmTopic);
      this.errorsAlarm.addAlarmAction(action);
      this.throttlesAlarm.addAlarmAction(action);
    }
  }
}
