/**
 * The global-only check proves itself: the `aws-cn` app with the staff user pool put back
 * (and the SNS SMS grant with it) must fail it, naming each part and the AWS China page
 * it comes from. CDK's own region validation is switched off here, so what catches the
 * pool is the list in infra/stacks/global-only-parts.ts, not CDK.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { findGlobalOnlyParts, globalOnlyParts } from '../../infra/stacks/global-only-parts.js';
import { StaffUserPool } from '../../infra/stacks/staff-user-pool.js';
import { chinaContext } from '../support/china-context.js';
import { buildApp } from './woodpecker-app.js';

describe('the global-only parts list', () => {
  it('names, for every entry, the AWS China page it comes from', () => {
    expect(globalOnlyParts.length).toBeGreaterThanOrEqual(7);
    for (const part of globalOnlyParts)
      expect(part.source, part.name).toMatch(/^https:\/\/(docs\.amazonaws\.cn\/|github\.com\/)/);
  });

  it('fails the aws-cn app once the user pool and an SNS SMS grant are put back', () => {
    const built = buildApp({
      context: { ...chinaContext, '@aws-cdk/core:validateAgainstDefaultRules': false },
    });
    const { stateful, api } = built.stacks;
    new StaffUserPool(stateful, {
      siteOrigin: 'https://woodpecker.example.gov.cn',
      authDomainPrefix: 'wp-test',
    });
    api.functions.staff.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:*:sns:*:*:*'] }),
    );
    const findings = findGlobalOnlyParts(built.app.synth().stacks);
    const cognito = findings.filter((f) => f.part.includes('Cognito user pool'));
    expect(cognito.map((f) => f.stack)).toContain('Woodpecker-Stateful');
    // The pool, its domain, two clients, three groups and the resource server.
    expect(cognito.length).toBeGreaterThanOrEqual(8);
    expect(cognito[0]?.source).toBe('https://docs.amazonaws.cn/en_us/aws/latest/userguide/cognito.html');
    const sms = findings.filter((f) => f.part.includes('SNS SMS'));
    expect(sms.map((f) => f.stack)).toEqual(['Woodpecker-Api']);
    expect(new Set(findings.map((f) => f.part)).size).toBe(2);
  });
});
