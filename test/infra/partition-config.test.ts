/**
 * Choosing the partition, and what a mainland deployment must be told: each required
 * value missing or malformed stops synthesis with a message naming it (all of them at
 * once), before any stack is built. No synthesis here: the configuration is read alone.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { chinaRequiredContext } from '../../infra/stacks/partition.js';
import { readWoodpeckerConfig } from '../../infra/stacks/woodpecker.js';
import { chinaContext } from '../support/china-context.js';
import { cdkJsonContext } from './woodpecker-app.js';

const configOf = (context: Record<string, unknown>) =>
  readWoodpeckerConfig(new App({ context: { ...cdkJsonContext(), ...context } }));

describe('partition', () => {
  it('is global by default, aws-cn by context or by a cn- region', () => {
    expect(configOf({}).partition).toBe('aws');
    expect(configOf({}).china).toBeUndefined();
    expect(configOf(chinaContext)).toMatchObject({ partition: 'aws-cn', region: 'cn-north-1' });
    const { partition: _, region: __, ...rest } = chinaContext;
    expect(configOf({ ...rest, region: 'cn-northwest-1' })).toMatchObject({
      partition: 'aws-cn',
      region: 'cn-northwest-1',
    });
    expect(() => configOf({ partition: 'aws-us-gov' })).toThrow(/partition=aws-us-gov/);
  });

  it('refuses a global region for aws-cn', () => {
    expect(() => configOf({ ...chinaContext, region: 'ap-east-1' })).toThrow(
      /region: ap-east-1 is not an AWS China region/,
    );
  });
});

describe('the mainland’s required context', () => {
  it('lists every missing value at once, each with what it is', () => {
    let message = '';
    try {
      configOf({ partition: 'aws-cn' });
    } catch (err) {
      message = String(err);
    }
    for (const key of Object.keys(chinaRequiredContext)) expect(message).toContain(`${key} is missing`);
    expect(message).toContain('docs/deploy.md');
  });

  it.each(Object.keys(chinaRequiredContext))('names %s when only it is missing', (key) => {
    expect(() => configOf({ ...chinaContext, [key]: '' })).toThrow(new RegExp(`- ${key} is missing: `));
  });

  it.each([
    ['icpNumber', 'ICP12345678'],
    ['psbNumber', '12345'],
    ['domainName', 'not a domain'],
    ['iamCertificateId', 'arn:aws:acm:us-east-1:0:certificate/x'],
    ['oidcIssuer', 'http://id.example.gov.cn'],
    ['smsGatewayUrl', 'ftp://sms.example.gov.cn'],
    ['smtpUrlSecretArn', 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:smtp'],
  ])('refuses a malformed %s', (key, value) => {
    expect(() => configOf({ ...chinaContext, [key]: value })).toThrow(new RegExp(`${key}=.* is not `));
  });

  it('refuses what AWS China lacks: SMS through SNS, an ACM certificate', () => {
    expect(() => configOf({ ...chinaContext, sendSms: 'true' })).toThrow(/no SMS through SNS/);
    expect(() =>
      configOf({ ...chinaContext, certificateArn: 'arn:aws-cn:acm:cn-north-1:0:certificate/x' }),
    ).toThrow(/use iamCertificateId/);
  });

  it('reads the issuer, the messaging channels and the footer numbers', () => {
    const config = configOf(chinaContext);
    expect(config.china?.identity).toEqual({
      issuer: chinaContext.oidcIssuer,
      clientId: 'woodpecker',
      groupsClaim: 'groups',
      apiClientIds: ['case-feed'],
    });
    expect(config.oidc).toMatchObject({
      issuer: chinaContext.oidcIssuer,
      clientId: 'woodpecker',
      groupsClaim: 'groups',
    });
    expect(config).toMatchObject({
      icpNumber: chinaContext.icpNumber,
      psbNumber: chinaContext.psbNumber,
      siteOrigin: `https://${chinaContext.domainName}`,
      sendSms: false,
    });
  });

  it('checks the footer numbers in the global partition too, where they are optional', () => {
    expect(configOf({ icpNumber: chinaContext.icpNumber }).icpNumber).toBe(chinaContext.icpNumber);
    expect(() => configOf({ psbNumber: 'nope' })).toThrow(/psbNumber=nope/);
  });
});
