/**
 * The API stack (and the function construct everywhere): runtime and bundling settings,
 * least-privilege IAM, the stream consumer that never drops a record, the routes with
 * the staff authorizer on every staff route and on no public one, CORS, throttling,
 * schedules and alarms.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/store/table-definition.js';
import { functionEntries } from '../../infra/constructs/bundling-options.js';
import { tableReadActions, tableWriteActions } from '../../infra/constructs/woodpecker-function.js';
import {
  aggregatedItemTypes,
  apiRoutes,
  publicWriteThrottles,
  secretReaders,
  streamFilterTypes,
} from '../../infra/stacks/api-stack.js';
import { buildApp, cityContext, logicalId, resourcesOf, testSiteOrigin } from './woodpecker-app.js';

const built = buildApp({ context: cityContext });
const { api, site } = built.stacks;
const t = built.template(api);
const siteT = built.template(site);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

/** Every action the role of a function may perform, from its inline policies. */
function actionsOf(template: Template, roleLogicalId: string): string[] {
  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId),
  );
  return policies.flatMap((p) =>
    ((p.Properties.PolicyDocument as { Statement: Statement[] }).Statement ?? []).flatMap((s) =>
      s.Effect === 'Allow' ? [s.Action].flat() : [],
    ),
  );
}

function statementsOf(template: Template, roleLogicalId: string): Statement[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const groups = Object.values(api.functions).map((f) => ({ f, stack: api, template: t }));

describe('every function (one construct)', () => {
  it('covers all six function groups', () => {
    expect(groups.map((g) => g.f.group).sort()).toEqual(Object.keys(functionEntries).sort());
  });

  it.each(groups.map((g) => [g.f.group, g] as const))(
    '%s: arm64, nodejs22.x, Powertools and table env',
    (_, g) => {
      const fn = g.template.toJSON().Resources[logicalId(g.stack, g.f.fn)];
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: `woodpecker-${g.f.group}`,
            POWERTOOLS_METRICS_NAMESPACE: 'Woodpecker',
            POWERTOOLS_LOG_LEVEL: 'INFO',
            WOODPECKER_TABLE: expect.anything(),
          },
        },
        LoggingConfig: { LogGroup: expect.anything() },
      });
      // Its own role, no AWS managed policy (logging only to its own log group).
      const role = g.template.toJSON().Resources[logicalId(g.stack, g.f.role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    },
  );

  it('no function may Scan, and each table grant names the table and its indexes, no wildcard', () => {
    for (const g of groups) {
      const statements = statementsOf(g.template, logicalId(g.stack, g.f.role));
      const actions = statements.flatMap((s) => [s.Action].flat());
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions.filter((a) => a.includes('*') && a.startsWith('dynamodb:'))).toEqual([]);
      const tableStatement = statements.find((s) => [s.Action].flat().includes('dynamodb:Query'));
      expect(tableStatement?.Resource as unknown[]).toHaveLength(
        1 + tableDefinition.globalSecondaryIndexes.length,
      );
    }
  });

  it('public-read only reads the table', () => {
    for (const f of [api.functions['public-read']]) {
      const actions = actionsOf(t, logicalId(api, f.role));
      for (const a of tableReadActions) expect(actions).toContain(a);
      for (const a of tableWriteActions) expect(actions).not.toContain(a);
      expect(actions.some((a) => /^kms:(Encrypt|GenerateDataKey|ReEncrypt)/.test(a))).toBe(false);
    }
  });

  it('public-read has no write action of any service, and reads the secret only', () => {
    const actions = actionsOf(t, logicalId(api, api.functions['public-read'].role));
    const writeLike = /:(Put|Update|Delete|BatchWrite|Create|Send|Publish|Encrypt|GenerateDataKey)/;
    expect(
      actions.filter((a) => writeLike.test(a) && a !== 'logs:PutLogEvents' && a !== 'logs:CreateLogStream'),
    ).toEqual([]);
    expect(actions.filter((a) => a.startsWith('secretsmanager:')).sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
  });

  it('the read/write groups can write items', () => {
    for (const group of ['public-write', 'staff', 'stream-aggregator', 'sweeper'] as const) {
      const actions = actionsOf(t, logicalId(api, api.functions[group].role));
      for (const a of tableWriteActions) expect(actions).toContain(a);
    }
  });

  it('only the groups that sign or check rating tokens read the platform secret, by ARN at run time', () => {
    expect([...secretReaders]).toEqual(['public-read', 'public-write', 'staff', 'pages']);
    for (const [group, f] of Object.entries(api.functions)) {
      const fn = t.toJSON().Resources[logicalId(api, f.fn)];
      const actions = actionsOf(t, logicalId(api, f.role));
      const reads = (secretReaders as readonly string[]).includes(group);
      expect(actions.includes('secretsmanager:GetSecretValue')).toBe(reads);
      expect(Boolean(fn.Properties.Environment.Variables.WOODPECKER_SECRET_ARN)).toBe(reads);
    }
  });

  it('staff verifies tokens against the user pool (JWKS URL and issuer)', () => {
    const env = t.toJSON().Resources[logicalId(api, api.functions.staff.fn)].Properties.Environment.Variables;
    expect(JSON.stringify(env.WOODPECKER_JWKS_URL)).toContain('/.well-known/jwks.json');
    expect(JSON.stringify(env.WOODPECKER_JWT_ISSUER)).toContain('https://cognito-idp.');
    expect(env.WOODPECKER_PUBLIC_URL).toBe(testSiteOrigin);
  });

  it('staff and pages accept access tokens of the two app clients of the pool only (WOODPECKER_JWT_CLIENT_IDS)', () => {
    for (const f of [api.functions.staff, api.functions.pages]) {
      const env = t.toJSON().Resources[logicalId(api, f.fn)].Properties.Environment.Variables;
      // Fn::Join over the staff web client's and the machine client's ids (imported from the stateful stack).
      const joined = env.WOODPECKER_JWT_CLIENT_IDS?.['Fn::Join'];
      expect(joined?.[0]).toBe(',');
      expect(joined?.[1]).toHaveLength(2);
      expect(JSON.stringify(joined[1])).toMatch(/StaffWebClient[\s\S]*SystemMachineClient/);
    }
  });

  it('sends SMS only when asked, and then only from staff', () => {
    for (const f of Object.values(api.functions)) {
      expect(actionsOf(t, logicalId(api, f.role))).not.toContain('sns:Publish');
    }
    const sms = buildApp({ context: { ...cityContext, sendSms: 'true' } });
    const st = sms.template(sms.stacks.api);
    for (const [group, f] of Object.entries(sms.stacks.api.functions)) {
      const statements = statementsOf(st, logicalId(sms.stacks.api, f.role)).filter((s) =>
        [s.Action].flat().includes('sns:Publish'),
      );
      const env = st.toJSON().Resources[logicalId(sms.stacks.api, f.fn)].Properties.Environment.Variables;
      if (group === 'staff') {
        expect(statements).toEqual([
          { Action: 'sns:Publish', Effect: 'Allow', NotResource: 'arn:*:sns:*:*:*' },
        ]);
        expect(env.WOODPECKER_NOTIFIER).toBe('sns');
      } else {
        expect(statements).toEqual([]);
        expect(env.WOODPECKER_NOTIFIER).toBeUndefined();
      }
    }
  });

  it('each function has an errors and a throttles alarm', () => {
    for (const g of groups) {
      const fnId = logicalId(g.stack, g.f.fn);
      for (const metric of ['Errors', 'Throttles']) {
        g.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metric,
          Namespace: 'AWS/Lambda',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
          AlarmActions: [Match.anyValue()],
        });
      }
    }
  });
});

describe('stream consumer', () => {
  const aggregatorId = logicalId(api, api.functions['stream-aggregator'].fn);
  const dlqId = logicalId(api, api.aggregatorDlq);
  const mappings = Object.values(resourcesOf(t, 'AWS::Lambda::EventSourceMapping')).filter(
    (m) => (m.Properties.FunctionName as { Ref: string }).Ref === aggregatorId,
  );

  it('bisects, reports item failures, retries, and sends what fails to the queue', () => {
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 2,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    });
  });

  it('only sees items whose type the aggregator or the alerts read (new or old image)', () => {
    const filters = (
      mappings[0]!.Properties.FilterCriteria as { Filters: { Pattern: string }[] }
    ).Filters.map((f) => JSON.parse(f.Pattern));
    expect(filters).toEqual([
      { dynamodb: { NewImage: { type: { S: [...streamFilterTypes] } } } },
      { dynamodb: { OldImage: { type: { S: [...streamFilterTypes] } } } },
    ]);
    expect([...aggregatedItemTypes]).toEqual(['case', 'rating', 'critique']);
    expect([...streamFilterTypes]).toEqual(['case', 'rating', 'critique', 'supervisionOrder', 'alert']);
  });

  it('the failure queue is encrypted and refuses plain HTTP', () => {
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on iterator age and on any message in the failure queue', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: aggregatorId } }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
  });
});

describe('table alarms', () => {
  const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map(
    (r) => r.Properties as Record<string, unknown>,
  );

  it('alarms on read and write throttling with the one dimension those metrics carry', () => {
    for (const name of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      const alarm = alarms.find((a) => a.MetricName === name);
      expect(alarm, name).toBeDefined();
      expect(alarm?.Namespace).toBe('AWS/DynamoDB');
      expect(((alarm?.Dimensions ?? []) as { Name: string }[]).map((d) => d.Name)).toEqual(['TableName']);
      expect(alarm?.AlarmActions).toHaveLength(1);
    }
  });

  it('alarms on system errors summed over the operations, each with its Operation dimension', () => {
    const alarm = alarms.find((a) =>
      (a.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[] | undefined)?.some(
        (m) => m.MetricStat?.Metric.MetricName === 'SystemErrors',
      ),
    );
    expect(alarm).toBeDefined();
    type Stat = { MetricStat?: { Metric: { Dimensions: { Name: string }[] } } };
    const stats = ((alarm?.Metrics ?? []) as Stat[]).filter((m) => m.MetricStat);
    // CloudWatch allows at most 10 metrics in one alarm's math expression.
    expect(stats.length).toBeGreaterThan(1);
    expect(stats.length).toBeLessThanOrEqual(10);
    for (const m of stats)
      expect(m.MetricStat?.Metric.Dimensions.map((d) => d.Name).sort()).toEqual(['Operation', 'TableName']);
  });
});

describe('schedules', () => {
  it('runs the sweeper every 5 minutes, and nothing else on a schedule', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(api, api.functions.sweeper.fn), 'Arn'] } }),
      ],
    });
    t.resourceCountIs('AWS::Events::Rule', 1);
    siteT.resourceCountIs('AWS::Events::Rule', 0);
    siteT.resourceCountIs('AWS::Lambda::Function', 0);
  });
});

describe('HTTP API', () => {
  const resources = t.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const groupOfFunction = new Map(
    (['public-read', 'public-write', 'staff', 'pages'] as const).map((g) => [
      logicalId(api, api.functions[g].fn),
      g,
    ]),
  );
  const routes = Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
    .map((r) => {
      const target = (r.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })[
        'Fn::Join'
      ][1][1].Ref;
      const uri = resources[target]?.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      return {
        key: r.Properties.RouteKey as string,
        group: groupOfFunction.get(uri['Fn::GetAtt'][0]),
        authorizationType: r.Properties.AuthorizationType,
        authorizerId: r.Properties.AuthorizerId,
      };
    });

  it('routes the groups as specified', () => {
    const byKey = Object.fromEntries(routes.map((r) => [r.key, r.group]));
    expect(byKey).toMatchObject({
      // Every public page, and the site's 404 for anything unknown.
      $default: 'pages',
      'GET /prefs/{proxy+}': 'pages',
      'GET /healthz': 'public-read',
      'GET /api/v1/{proxy+}': 'public-read',
      'POST /api/v1/ratings': 'public-write',
      'POST /api/v1/critiques': 'public-write',
      'GET /open311/v2/{proxy+}': 'public-write',
      'POST /open311/v2/{proxy+}': 'public-write',
      'PUT /api/v1/departments/{id}': 'staff',
      'PUT /api/v1/services/{code}': 'staff',
      'GET /api/v1/cases/{caseId}': 'staff',
      'GET /api/v1/staff/{proxy+}': 'staff',
      // Every other write under /api/v1, `POST /api/v1/cases:batch` included.
      'POST /api/v1/{proxy+}': 'staff',
    });
    expect(routes).toHaveLength(1 + apiRoutes.reduce((n, r) => n + r.methods.length, 0));
  });

  it('puts the JWT authorizer on every staff route and on no public route', () => {
    const [authorizerId] = Object.keys(resourcesOf(t, 'AWS::ApiGatewayV2::Authorizer'));
    for (const r of routes) {
      if (r.group === 'staff') {
        expect(r, r.key).toMatchObject({ authorizationType: 'JWT', authorizerId: { Ref: authorizerId } });
      } else {
        expect(r.authorizationType, r.key).toBe('NONE');
        expect(r.authorizerId, r.key).toBeUndefined();
      }
    }
  });

  it('the authorizer checks user pool tokens of the staff web and machine clients', () => {
    const authorizers = Object.values(resourcesOf(t, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    const props = authorizers[0]?.Properties as {
      AuthorizerType: string;
      IdentitySource: string[];
      JwtConfiguration: { Audience: unknown[]; Issuer: unknown };
    };
    expect(props.AuthorizerType).toBe('JWT');
    expect(props.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(props.JwtConfiguration.Audience).toHaveLength(2);
    const audience = JSON.stringify(props.JwtConfiguration.Audience);
    expect(audience).toContain('StaffWebClient');
    expect(audience).toContain('SystemMachineClient');
    expect(JSON.stringify(props.JwtConfiguration.Issuer)).toContain('https://cognito-idp.');
  });

  it('allows CORS from the site origin only', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [testSiteOrigin] }),
    });
  });

  it('throttles the stage and, harder, the public writes; logs every request', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 }),
      RouteSettings: Object.fromEntries(
        Object.entries(publicWriteThrottles).map(([k, v]) => [
          k,
          { ThrottlingRateLimit: v.rate, ThrottlingBurstLimit: v.burst },
        ]),
      ),
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('has no CORS configuration when no site origin is known', () => {
    const bare = buildApp();
    const bt = bare.template(bare.stacks.api);
    const apis = Object.values(resourcesOf(bt, 'AWS::ApiGatewayV2::Api'));
    expect(apis[0]?.Properties?.CorsConfiguration).toBeUndefined();
  });
});

describe('dashboard', () => {
  it('exists in the monitoring stack', () => {
    built.template(built.stacks.monitoring).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
