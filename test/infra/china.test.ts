/**
 * The mainland deployment (partition `aws-cn`, Beijing), synthesized once with the
 * context a city gives: CDK's own validation of resource types in the region and cdk-nag
 * AwsSolutions pass, no global-only part is left (infra/stacks/global-only-parts.ts),
 * and what replaces each one is there — the city's issuer at the gateway and in the
 * functions, its SMTP server and SMS gateway, the ICP-recorded domain with its IAM
 * certificate, the footer's registration numbers.
 */
import { describe, expect, it } from 'vitest';
import { findGlobalOnlyParts } from '../../infra/stacks/global-only-parts.js';
import {
  chinaContext,
  testChinaDomain,
  testChinaIssuer,
  testIcpNumber,
  testPsbNumber,
  testSmsGatewayUrl,
  testSmsSecretArn,
  testSmtpSecretArn,
} from '../support/china-context.js';
import { expectNagClean, nag } from './nag-run.js';
import { logicalId, resourcesOf } from './woodpecker-app.js';

const run = nag({ context: chinaContext });
const { built, assembly } = run;
const { api, site, stateful } = built.stacks;
const apiT = built.template(api);

type Env = Record<string, unknown>;
const envOf = (group: keyof typeof api.functions): Env =>
  apiT.toJSON().Resources[logicalId(api, api.functions[group].fn)].Properties.Environment?.Variables ?? {};

/** The policy statements attached to one group's role, as JSON text. */
const policiesOf = (group: keyof typeof api.functions): string =>
  JSON.stringify(
    Object.values(resourcesOf(apiT, 'AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some(
        (r) => r.Ref === logicalId(api, api.functions[group].role),
      ),
    ),
  );

describe('the aws-cn assembly', () => {
  it('synthesizes without a validation error and is cdk-nag clean, each acknowledgement with its reason', () => {
    // nag() throws on any error of CDK's CloudFormation validation (resource types that do
    // not exist in cn-north-1) or of cdk-nag; here the report must also be empty.
    expectNagClean(run);
  });

  it('holds no global-only part', () => {
    expect(findGlobalOnlyParts(assembly.stacks)).toEqual([]);
  });

  it('is four stacks in Beijing, in the aws-cn partition, without the us-east-1 edge stack', () => {
    expect(built.stacks.edge).toBeUndefined();
    expect(assembly.stacks.map((s) => [s.stackName, s.environment.region]).sort()).toEqual([
      ['Woodpecker-Api', 'cn-north-1'],
      ['Woodpecker-Monitoring', 'cn-north-1'],
      ['Woodpecker-Site', 'cn-north-1'],
      ['Woodpecker-Stateful', 'cn-north-1'],
    ]);
    expect(stateful.staffPool).toBeUndefined();
    // Partition literals: ARNs CDK writes for the account are aws-cn's.
    expect(JSON.stringify(built.template(stateful).toJSON())).toContain('arn:aws-cn:iam::000000000000:root');
  });

  it('serves the site on the ICP-recorded domain with the IAM server certificate, TLS 1.2 and no web ACL', () => {
    const [distribution] = Object.values(resourcesOf(built.template(site), 'AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.Aliases).toEqual([testChinaDomain]);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: chinaContext.iamCertificateId,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(config.WebACLId).toBeUndefined();
  });

  it('checks staff tokens of the city’s issuer at the gateway: a JWT authorizer with its clients', () => {
    const authorizers = Object.values(resourcesOf(apiT, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: testChinaIssuer, Audience: ['woodpecker', 'case-feed'] },
    });
  });

  it('checks them again in the functions with the generic claims and the issuer’s discovery document', () => {
    for (const group of ['staff', 'pages'] as const)
      expect(envOf(group), group).toMatchObject({
        WOODPECKER_JWT_ISSUER: testChinaIssuer,
        WOODPECKER_JWT_DISCOVERY_URL: `${testChinaIssuer}/.well-known/openid-configuration`,
        WOODPECKER_JWT_CLIENT_IDS: 'woodpecker,case-feed',
        WOODPECKER_JWT_PROFILE: 'oidc',
        WOODPECKER_JWT_GROUPS_CLAIM: 'groups',
      });
    expect(envOf('pages')).toMatchObject({
      WOODPECKER_OIDC_ISSUER: testChinaIssuer,
      WOODPECKER_OIDC_CLIENT_ID: 'woodpecker',
      WOODPECKER_OIDC_GROUPS_CLAIM: 'groups',
      WOODPECKER_PUBLIC_URL: `https://${testChinaDomain}`,
    });
    expect(envOf('staff').WOODPECKER_JWKS_URL).toBeUndefined();
  });

  it('sends through the city’s SMTP server and SMS gateway: their settings and secret reads, no SNS SMS', () => {
    for (const group of ['staff', 'pages'] as const) {
      expect(envOf(group), group).toMatchObject({
        WOODPECKER_SMTP_URL_SECRET_ARN: testSmtpSecretArn,
        WOODPECKER_SMS_GATEWAY_URL: testSmsGatewayUrl,
        WOODPECKER_SMS_GATEWAY_SECRET_ARN: testSmsSecretArn,
      });
      expect(envOf(group).WOODPECKER_NOTIFIER, group).toBeUndefined();
      expect(policiesOf(group), group).toContain(testSmtpSecretArn);
      expect(policiesOf(group), group).toContain(testSmsSecretArn);
    }
    for (const group of ['public-read', 'public-write', 'stream-aggregator', 'sweeper'] as const) {
      expect(policiesOf(group), group).not.toContain(testSmtpSecretArn);
      expect(
        Object.keys(envOf(group)).filter((k) => /SMTP|SMS_GATEWAY/.test(k)),
        group,
      ).toEqual([]);
    }
    const iam = JSON.stringify(Object.values(resourcesOf(apiT, 'AWS::IAM::Policy')));
    expect(iam.includes('sns:Publish'), 'an SNS grant on a function role').toBe(false);
  });

  it('gives the pages function the footer’s ICP recordal and public-security filing numbers', () => {
    expect(envOf('pages')).toMatchObject({
      WOODPECKER_ICP_NUMBER: testIcpNumber,
      WOODPECKER_PSB_NUMBER: testPsbNumber,
    });
    expect(envOf('staff').WOODPECKER_ICP_NUMBER).toBeUndefined();
  });
});
