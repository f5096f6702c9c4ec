/**
 * The cloud topology's reading of a template: intrinsic functions resolved to this
 * machine's values across stacks, and API Gateway's payload 2.0 both ways.
 */
import { describe, expect, it } from 'vitest';
import { fromResult, toEvent } from '../../infra/cloud-local/api-events.js';
import { type Assembly, resolverFor, type Stack } from '../../infra/cloud-local/assembly.js';
import { eventFilter, matchesPattern } from '../../infra/cloud-local/event-filter.js';
import { intervalOf } from '../../infra/cloud-local/schedules.js';

const assembly: Assembly = {
  dir: '/x',
  stacks: new Map<string, Stack>([
    [
      'Data',
      {
        name: 'Data',
        template: {
          Resources: { Table: { Type: 'AWS::DynamoDB::Table' } },
          Outputs: {
            TableOut: { Value: { Ref: 'Table' } },
            ArnOut: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] }, Export: { Name: 'Data:TableArn' } },
          },
        },
      },
    ],
    ['Api', { name: 'Api', template: { Resources: { Fn: { Type: 'AWS::Lambda::Function' } } } }],
  ]),
};
const resolveIn = resolverFor(assembly, (_s, id, r) =>
  r.Type === 'AWS::DynamoDB::Table'
    ? { ref: 'local-table', attributes: { Arn: 'arn:local:table' } }
    : { ref: id, attributes: { Arn: `arn:local:${id}` } },
);
const api = assembly.stacks.get('Api')!;

describe('resolving a template', () => {
  it('follows Ref, GetAtt, Join, Select, Split, Sub and the outputs of other stacks', () => {
    expect(resolveIn(api, { 'Fn::GetStackOutput': { StackName: 'Data', OutputName: 'TableOut' } })).toBe(
      'local-table',
    );
    expect(resolveIn(api, { 'Fn::ImportValue': 'Data:TableArn' })).toBe('arn:local:table');
    expect(resolveIn(api, { 'Fn::Join': ['', ['integrations/', { Ref: 'Fn' }]] })).toBe('integrations/Fn');
    expect(resolveIn(api, { 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] })).toBe('b');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} syntax
    expect(resolveIn(api, { 'Fn::Sub': ['https://${AWS::Region}/${Fn.Arn}/${X}', { X: 'X' }] })).toBe(
      'https://ap-east-1/arn:local:Fn/X',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} syntax
    expect(resolveIn(api, { 'Fn::Sub': ['${A}-${AWS::StackName}', { A: { Ref: 'Fn' } }] })).toBe('Fn-Api');
    expect(resolveIn(api, { Nested: [{ Ref: 'Fn' }] })).toEqual({ Nested: ['Fn'] });
  });

  it('names what it cannot resolve instead of guessing', () => {
    expect(() => resolveIn(api, { Ref: 'Missing' })).toThrow(/Api: no local value for Ref Missing/);
    expect(() => resolveIn(api, { 'Fn::ImportValue': 'Nope' })).toThrow(/no export Nope/);
    expect(() => resolveIn(api, { 'Fn::FindInMap': ['a', 'b', 'c'] })).toThrow(/FindInMap is not resolved/);
  });
});

describe('payload format 2.0', () => {
  const ctx = {
    routeKey: 'GET /x/{id}',
    pathParameters: { id: '7' },
    apiId: 'a',
    domainName: 'a.execute-api.x',
  };

  it('puts cookies apart, joins repeated query values, and base64-encodes a binary body', () => {
    const event = toEvent(
      {
        method: 'POST',
        url: '/x/7?a=1&a=2&b=3',
        headers: { cookie: 'wp_lang=en; wp_elder=1', 'content-type': 'image/png', 'x-many': ['1', '2'] },
        body: Buffer.from([0, 255]),
        sourceIp: '127.0.0.1',
      },
      ctx,
    ) as Record<string, any>;
    expect(event).toMatchObject({
      version: '2.0',
      rawPath: '/x/7',
      rawQueryString: 'a=1&a=2&b=3',
      cookies: ['wp_lang=en', 'wp_elder=1'],
      queryStringParameters: { a: '1,2', b: '3' },
      pathParameters: { id: '7' },
      headers: { 'x-many': '1,2' },
      body: 'AP8=',
      isBase64Encoded: true,
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.http).toMatchObject({ method: 'POST', path: '/x/7', sourceIp: '127.0.0.1' });
  });

  it('maps a result back: cookies as Set-Cookie, base64 bodies decoded, a bare value as 200 JSON', () => {
    const a = fromResult({
      statusCode: 303,
      headers: { Location: '/' },
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(a.status).toBe(303);
    expect(a.headers).toEqual([
      ['location', '/'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect(a.body.toString()).toBe('hi');
    const bare = fromResult({ ok: true });
    expect([bare.status, bare.body.toString()]).toEqual([200, '{"ok":true}']);
  });
});

describe('event filtering, as a Lambda event source mapping does it', () => {
  const record = (type: string | undefined, old?: string) => ({
    dynamodb: {
      ...(type ? { NewImage: { type: { S: type }, n: { N: '5' } } } : {}),
      ...(old ? { OldImage: { type: { S: old } } } : {}),
    },
  });
  const passes = eventFilter({
    Filters: [
      { Pattern: JSON.stringify({ dynamodb: { NewImage: { type: { S: ['case', 'rating'] } } } }) },
      { Pattern: JSON.stringify({ dynamodb: { OldImage: { type: { S: ['case', 'rating'] } } } }) },
    ],
  });

  it('passes a record when any filter matches, by new image or old', () => {
    expect(passes(record('case'))).toBe(true);
    expect(passes(record(undefined, 'rating'))).toBe(true);
    expect(passes(record('marker'))).toBe(false);
    expect(passes(record('agg', 'marker'))).toBe(false);
    expect(eventFilter(undefined)(record('marker'))).toBe(true);
  });

  it('knows prefix, anything-but, exists and numeric conditions', () => {
    const r = record('case-x');
    expect(matchesPattern(r, { dynamodb: { NewImage: { type: { S: [{ prefix: 'case' }] } } } })).toBe(true);
    expect(
      matchesPattern(r, { dynamodb: { NewImage: { type: { S: [{ 'anything-but': ['case-x'] }] } } } }),
    ).toBe(false);
    expect(matchesPattern(r, { dynamodb: { OldImage: [{ exists: false }] } })).toBe(true);
    expect(
      matchesPattern(r, { dynamodb: { NewImage: { n: { N: [{ numeric: ['>', 4, '<=', 5] }] } } } }),
    ).toBe(true);
    expect(matchesPattern(r, { dynamodb: { NewImage: { n: { N: [{ numeric: ['>', 5] }] } } } })).toBe(false);
  });
});

describe('schedule expressions', () => {
  it('reads EventBridge rates, and refuses what is not one', () => {
    expect(intervalOf('rate(5 minutes)')).toBe(300_000);
    expect(intervalOf('rate(1 hour)')).toBe(3_600_000);
    expect(intervalOf('cron(0 1 * * ? *)')).toBe(60_000);
    expect(() => intervalOf('every 5 minutes')).toThrow(/not a schedule expression/);
  });
});
