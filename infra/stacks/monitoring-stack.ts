/**
 * One CloudWatch dashboard over everything: functions, the stream consumer and its
 * failure queue, the API and the table. Alarms live next to what they watch (the
 * function construct and the API stack); this stack only draws.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { WoodpeckerFunction } from '../constructs/woodpecker-function.js';

export interface MonitoringStackProps extends StackProps {
  readonly functions: WoodpeckerFunction[];
  readonly aggregator: WoodpeckerFunction;
  readonly aggregatorDlq: sqs.IQueue;
  readonly httpApi: apigwv2.IHttpApi;
  readonly table: dynamodb.ITable;
  readonly alarms: cloudwatch.IAlarm[];
}

export class MonitoringStack extends Stack {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const period = Duration.minutes(5);
    const perFunction = (label: string, metric: (f: WoodpeckerFunction) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({
        title: label,
        width: 12,
        left: props.functions.map((f) => metric(f)),
      });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `woodpecker-${this.region}`,
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# 啄木鸟 Woodpecker\nFunctions, stream aggregation, API and table. Runbook: `docs/deploy.md` in the repository.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      perFunction('Invocations', (f) => f.fn.metricInvocations({ period, label: f.group })),
      perFunction('Errors', (f) => f.fn.metricErrors({ period, label: f.group })),
    );
    this.dashboard.addWidgets(
      perFunction('Duration p90 (ms)', (f) =>
        f.fn.metricDuration({ period, statistic: 'p90', label: f.group }),
      ),
      perFunction('Throttles', (f) => f.fn.metricThrottles({ period, label: f.group })),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Stream: iterator age (ms) and failure queue depth',
        width: 12,
        left: [
          props.aggregator.fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        ],
        right: [
          props.aggregatorDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'API: requests, 4xx, 5xx',
        width: 12,
        left: [props.httpApi.metricCount({ period })],
        right: [props.httpApi.metricClientError({ period }), props.httpApi.metricServerError({ period })],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API latency p50 / p90 (ms)',
        width: 12,
        left: [
          props.httpApi.metricLatency({ period, statistic: 'p50' }),
          props.httpApi.metricLatency({ period, statistic: 'p90' }),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: 'Table: consumed capacity and throttled requests',
        width: 12,
        left: [
          props.table.metricConsumedReadCapacityUnits({ period }),
          props.table.metricConsumedWriteCapacityUnits({ period }),
        ],
        right: [
          props.table.metric('ReadThrottleEvents', { statistic: 'Sum', period }),
          props.table.metric('WriteThrottleEvents', { statistic: 'Sum', period }),
        ],
      }),
    );
  }
}
