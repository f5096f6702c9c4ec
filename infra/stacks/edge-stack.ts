/**
 * What CloudFront needs from us-east-1, whatever the main region: the WAF web ACL (a
 * CLOUDFRONT-scope ACL can only be created there) and, when the site has its own
 * domain, the ACM certificate. The site stack reads both through CDK cross-region
 * references.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Rate limits per client IP over WAF's 5-minute window. Generous on purpose: a service
 * hall puts hundreds of citizens behind one address, and ratings are limited per case
 * token by the API itself. These stop floods, not people.
 */
export const wafRateLimits = {
  /** Every request through the CDN. */
  allRequests: 6000,
  /** Writes (POST/PUT/PATCH/DELETE) under /api and /open311. */
  writes: 600,
} as const;

export interface EdgeStackProps extends StackProps {
  /** The site's own domain, e.g. `woodpecker.example.gov.cn` (certificate by DNS validation). */
  readonly domainName?: string;
  /** An existing us-east-1 certificate to use instead of creating one. */
  readonly certificateArn?: string;
}

export class EdgeStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;
  readonly certificate?: acm.ICertificate;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);

    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const writeMethod = (method: string): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { method: {} },
        positionalConstraint: 'EXACTLY',
        searchString: method,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: 'woodpecker-cdn',
      description: 'Woodpecker CDN: rate limits and AWS managed protections.',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('woodpecker-cdn'),
      rules: [
        {
          name: 'rate-limit-all',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: wafRateLimits.allRequests,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: visibility('rate-limit-all'),
        },
        {
          name: 'rate-limit-writes',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: wafRateLimits.writes,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: {
                orStatement: { statements: ['POST', 'PUT', 'PATCH', 'DELETE'].map(writeMethod) },
              },
            },
          },
          visibilityConfig: visibility('rate-limit-writes'),
        },
        {
          name: 'aws-ip-reputation',
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
          visibilityConfig: visibility('aws-ip-reputation'),
        },
        {
          name: 'aws-known-bad-inputs',
          priority: 3,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
          visibilityConfig: visibility('aws-known-bad-inputs'),
        },
      ],
    });

    if (props.certificateArn) {
      this.certificate = acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn);
    } else if (props.domainName) {
      // DNS validation without a hosted zone: the deploy waits until the CNAME shown in
      // the ACM console (and the stack events) is added at the domain's DNS provider.
      this.certificate = new acm.Certificate(this, 'Certificate', {
        domainName: props.domainName,
        validation: acm.CertificateValidation.fromDns(),
      });
    }

    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn });
  }
}
