/**
 * Which AWS partition the app is built for, and what a mainland (AWS China) deployment
 * must be told that a global one works out for itself. The global partition (`aws`) is
 * the default; `-c partition=aws-cn` (or a `cn-` region) builds the mainland shape:
 * Beijing (`cn-north-1`, the default there) or Ningxia (`cn-northwest-1`), no us-east-1
 * stack, no Cognito, no SNS SMS, CloudFront on the city's ICP-recorded domain with an IAM
 * server certificate. Everything the mainland shape cannot invent is a required context
 * value, and a missing or malformed one stops synthesis with a message naming it
 * (docs/deploy.md, "A mainland deployment").
 */
import { isIcpNumber, isPsbNumber } from '../../web/site-filing.js';

export type Partition = 'aws' | 'aws-cn';

/** The AWS China regions: Beijing (operated by Sinnet) and Ningxia (operated by NWCD). */
export const chinaRegions = ['cn-north-1', 'cn-northwest-1'] as const;

/** The city's OpenID issuer that takes the user pool's place (staff pages and the staff API). */
export interface ChinaIdentity {
  /** The issuer URL; `<issuer>/.well-known/openid-configuration` must answer from the region. */
  issuer: string;
  /** The site's client at that issuer (the pages sign in with it; its access tokens reach the API). */
  clientId: string;
  /** The claim listing staff groups (`office`, `inspector`, `system`, `dept:<id>`); dotted for nested. */
  groupsClaim: string;
  /** More client ids whose access tokens the staff API accepts (upstream systems' machine clients). */
  apiClientIds: string[];
}

/** The channels that replace SNS SMS and SES: the city's SMTP server and its SMS gateway. */
export interface ChinaMessaging {
  /** A Secrets Manager secret holding an `smtp://` or `smtps://` URL (user and password in it). */
  smtpUrlSecretArn: string;
  /** The SMS gateway's HTTPS endpoint (registered templates and signature: docs/deploy.md). */
  smsGatewayUrl: string;
  /** A Secrets Manager secret holding the gateway's credentials. */
  smsGatewaySecretArn: string;
}

/** Everything a mainland deployment adds to the common configuration. */
export interface ChinaConfig {
  region: (typeof chinaRegions)[number];
  /** The site's own domain (CNAME): CloudFront in China cannot serve on `*.cloudfront.cn`. */
  domainName: string;
  /** The ICP recordal number of that domain (ICP备案号), shown in every page's footer. */
  icpNumber: string;
  /** The public-security filing number (公安备案号), shown in every page's footer. */
  psbNumber: string;
  /** The id of the domain's certificate in the IAM certificate store (ACM does not serve CloudFront there). */
  iamCertificateId: string;
  identity: ChinaIdentity;
  messaging: ChinaMessaging;
}

/** Reads one context value as trimmed text (an empty string is absent, as cdk.json's defaults are). */
export type ContextText = (key: string) => string | undefined;

/** The partition asked for: `partition` context, else the region's (a `cn-` region is `aws-cn`). */
export function partitionOf(text: ContextText): Partition {
  const asked = text('partition');
  if (asked !== undefined && asked !== 'aws' && asked !== 'aws-cn')
    throw new Error(`Context partition=${asked} is not one this app builds: use aws (default) or aws-cn.`);
  return asked ?? (text('region')?.startsWith('cn-') ? 'aws-cn' : 'aws');
}

/** Every context value a mainland deployment requires, with what it is, for the error message. */
export const chinaRequiredContext = {
  domainName: 'the site’s ICP-recorded domain (CloudFront in China serves only on an alternate domain)',
  icpNumber: 'the domain’s ICP recordal number (ICP备案号), e.g. 沪ICP备12345678号-1',
  psbNumber: 'the public-security filing number (公安备案号), e.g. 沪公网安备31010402000001号',
  iamCertificateId: 'the id of the domain’s certificate uploaded to the IAM certificate store',
  oidcIssuer: 'the city’s OpenID issuer (its discovery document must answer from the region)',
  oidcClientId: 'the site’s client id at that issuer',
  oidcGroupsClaim: 'the claim listing staff groups in its ID and access tokens',
  smtpUrlSecretArn: 'a Secrets Manager secret ARN holding the city’s smtp(s):// URL',
  smsGatewayUrl: 'the SMS gateway’s https:// endpoint',
  smsGatewaySecretArn: 'a Secrets Manager secret ARN holding the SMS gateway’s credentials',
} as const;

const httpsUrl = (value: string): boolean => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};
const chinaSecretArn = (value: string) =>
  /^arn:aws-cn:secretsmanager:cn-north(west)?-1:\d{12}:secret:.+/.test(value);
const domain = (value: string) =>
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value);

/** Checks each value's shape, so a typo fails synthesis here rather than the deploy or the first sign-in. */
const shapes: Partial<Record<keyof typeof chinaRequiredContext, [(v: string) => boolean, string]>> = {
  domainName: [domain, 'a domain name such as woodpecker.example.gov.cn'],
  icpNumber: [isIcpNumber, 'an ICP recordal number such as 沪ICP备12345678号-1'],
  psbNumber: [isPsbNumber, 'a public-security filing number such as 沪公网安备31010402000001号'],
  iamCertificateId: [(v) => /^[A-Z0-9]{16,128}$/.test(v), 'an IAM server certificate id (ASCA…)'],
  oidcIssuer: [httpsUrl, 'an https:// URL'],
  smtpUrlSecretArn: [chinaSecretArn, 'a Secrets Manager secret ARN in an AWS China region (arn:aws-cn:…)'],
  smsGatewayUrl: [httpsUrl, 'an https:// URL'],
  smsGatewaySecretArn: [chinaSecretArn, 'a Secrets Manager secret ARN in an AWS China region (arn:aws-cn:…)'],
};

/**
 * The mainland configuration from context: throws one error listing every missing or
 * malformed value (so an operator fixes them in one go), each with what it should be.
 */
export function readChinaConfig(text: ContextText): ChinaConfig {
  const region = text('region') ?? 'cn-north-1';
  const problems: string[] = [];
  if (!(chinaRegions as readonly string[]).includes(region))
    problems.push(`region: ${region} is not an AWS China region (${chinaRegions.join(' or ')})`);
  const values: Record<string, string> = {};
  for (const [key, meaning] of Object.entries(chinaRequiredContext)) {
    const value = text(key);
    const shape = shapes[key as keyof typeof shapes];
    if (value === undefined) problems.push(`${key} is missing: ${meaning}`);
    else if (shape && !shape[0](value)) problems.push(`${key}=${value} is not ${shape[1]}`);
    else values[key] = value;
  }
  if (text('certificateArn'))
    problems.push('certificateArn: ACM certificates do not serve CloudFront in China; use iamCertificateId');
  if (problems.length)
    throw new Error(
      `A mainland deployment (partition aws-cn) needs these context values (-c key=value; docs/deploy.md, "A mainland deployment"):\n  - ${problems.join('\n  - ')}`,
    );
  const v = (key: keyof typeof chinaRequiredContext) => values[key] as string;
  return {
    region: region as ChinaConfig['region'],
    domainName: v('domainName'),
    icpNumber: v('icpNumber'),
    psbNumber: v('psbNumber'),
    iamCertificateId: v('iamCertificateId'),
    identity: {
      issuer: v('oidcIssuer'),
      clientId: v('oidcClientId'),
      groupsClaim: v('oidcGroupsClaim'),
      apiClientIds: (text('oidcApiClientIds') ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    },
    messaging: {
      smtpUrlSecretArn: v('smtpUrlSecretArn'),
      smsGatewayUrl: v('smsGatewayUrl'),
      smsGatewaySecretArn: v('smsGatewaySecretArn'),
    },
  };
}
