/**
 * The price file: every figure the cost model uses, per region, with its unit, the
 * published AWS pricing page it belongs to (`source`), the date it was looked up
 * (`asOf`) and how far it could be checked here (`verification`).
 *
 * The figures were looked up on 2026-12-03 in stored copies of public pages (no live
 * web). Most AWS pricing pages render their tables client-side, so the stored copy of the
 * AWS page itself often lacks the number: then the figure is marked `secondary` and names
 * the stored third-party page (and the date that page states) that gives it. Where no
 * stored page gives a figure it is `unverified` and its note says where it comes from.
 * China-region (CNY) figures other than CloudFront and DynamoDB writes could not be found
 * at all: they are the us-east-1 figure converted at {@link USD_CNY}, marked `unverified`
 * — a placeholder to replace from the amazonaws.cn price list, not a China price.
 *
 * Free tiers are left out on purpose: they are per account and the account may use them
 * for something else. Tiered prices use their first tier (every scenario stays in it).
 * cn-northwest-1 (Ningxia) has the same published prices as cn-north-1 (Beijing) on the
 * pages seen here (the DynamoDB and CloudFront China pages cover both regions).
 */
import type { UsageKey } from './usage.js';

export type Region = 'us-east-1' | 'cn-north-1';
export const regions: readonly Region[] = ['us-east-1', 'cn-north-1'];
export type Currency = 'USD' | 'CNY';
export const currencyOf: Record<Region, Currency> = { 'us-east-1': 'USD', 'cn-north-1': 'CNY' };

/** When the figures below were looked up (and the stored pages read). */
export const PRICE_FILE_DATE = '2026-12-03';

/** The exchange rate used only for China figures that could not be found (an assumption, not a price). */
export const USD_CNY = 7.1;

export type Verification =
  /** The stored copy of the AWS pricing page (`source`) shows the figure. */
  | { status: 'aws-page'; seenAt: string; pageDate: string; note?: string }
  /** A stored third-party page shows the figure; the AWS page's copy had no readable number. */
  | { status: 'secondary'; seenAt: string; pageDate: string; note?: string }
  /** No stored page gives the figure: it is an estimate, and the note says of what. */
  | { status: 'unverified'; note: string }
  /** The service is not usable this way in the region; priced at zero and shown as n/a. */
  | { status: 'not-available'; note: string };

export interface PriceEntry {
  /** Price of `per` units, in the region's currency. */
  price: number;
  per: number;
  /** What is counted, e.g. "write request units". */
  unit: string;
  region: Region;
  currency: Currency;
  /** The published AWS pricing page for the figure. */
  source: string;
  /** ISO date the figure was looked up. */
  asOf: string;
  verification: Verification;
}

const US = 'us-east-1' as const;
const CN = 'cn-north-1' as const;

function usd(
  price: number,
  per: number,
  unit: string,
  source: string,
  verification: Verification,
): PriceEntry {
  return { price, per, unit, region: US, currency: 'USD', source, asOf: PRICE_FILE_DATE, verification };
}

function cny(
  price: number,
  per: number,
  unit: string,
  source: string,
  verification: Verification,
): PriceEntry {
  return { price, per, unit, region: CN, currency: 'CNY', source, asOf: PRICE_FILE_DATE, verification };
}

/** A China price that could not be found: the us-east-1 figure at {@link USD_CNY}, marked unverified. */
function converted(from: PriceEntry, source: string, extra = ''): PriceEntry {
  const price = Number((from.price * USD_CNY).toPrecision(3));
  return cny(price, from.per, from.unit, source, {
    status: 'unverified',
    note: `unverified here: no stored amazonaws.cn page gives it; us-east-1 ${from.price} USD × ${USD_CNY} CNY/USD as a placeholder${extra ? `; ${extra}` : ''}.`,
  });
}

const AWS = {
  lambda: 'https://aws.amazon.com/lambda/pricing/',
  apiGateway: 'https://aws.amazon.com/api-gateway/pricing/',
  dynamodb: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  cloudfront: 'https://aws.amazon.com/cloudfront/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  sms: 'https://aws.amazon.com/sns/sms-pricing/',
  asmPricing: 'https://aws.amazon.com/secrets-manager/pricing/',
  kms: 'https://aws.amazon.com/kms/pricing/',
  cloudwatch: 'https://aws.amazon.com/cloudwatch/pricing/',
  waf: 'https://aws.amazon.com/waf/pricing/',
  cognito: 'https://aws.amazon.com/cognito/pricing/',
};

const CHINA = {
  lambda: 'https://www.amazonaws.cn/en/lambda/pricing/',
  apiGateway: 'https://www.amazonaws.cn/en/api-gateway/pricing/',
  dynamodb: 'https://www.amazonaws.cn/en/dynamodb/pricing/',
  cloudfront: 'https://www.amazonaws.cn/en/cloudfront/pricing/',
  s3: 'https://www.amazonaws.cn/en/s3/pricing/',
  sms: 'https://www.amazonaws.cn/en/sns/pricing/',
  asmPricing: 'https://www.amazonaws.cn/en/secrets-manager/pricing/',
  kms: 'https://www.amazonaws.cn/en/kms/pricing/',
  cloudwatch: 'https://www.amazonaws.cn/en/cloudwatch/pricing/',
  waf: 'https://www.amazonaws.cn/en/waf/pricing/',
  cognito: 'https://www.amazonaws.cn/en/cognito/pricing/',
};

const usEast1: Record<UsageKey, PriceEntry> = {
  lambdaRequests: usd(0.2, 1e6, 'invocations', AWS.lambda, {
    status: 'secondary',
    seenAt:
      'https://git.mcrn.ar/mariano/lambda_local_runner/src/commit/957e45b8adae23ce50b966346229585b5df18b4d/docs/lambdas-md/lambda-13-cost.md',
    pageDate: 'undated',
    note: '"$0.20 / 1M" for x86_64 and arm64; the api-evangelist transcription of the AWS page (read 2026-09-20) also quotes $0.20 per million requests.',
  }),
  lambdaGbSeconds: usd(0.0000133334, 1, 'GB-seconds, arm64, first 7.5 billion a month', AWS.lambda, {
    status: 'secondary',
    seenAt: 'https://cloudchipr.com/blog/aws-lambda-pricing',
    pageDate: '2024 ("Ultimate Guide 2024")',
    note: 'US East (N. Virginia), ARM first tier; the same rate is in artillery 2.0.28 lib/platform/aws-lambda/prices.js (arm64 base).',
  }),
  apiRequests: usd(1.0, 1e6, 'HTTP API requests, first 300 million a month', AWS.apiGateway, {
    status: 'secondary',
    seenAt: 'https://awsforengineers.com/blog/aws-api-gateway-pricing-explained',
    pageDate: '2025-05-19',
    note: 'HTTP APIs $1.00/million (first 300M), US East; the stored AWS page shows only the free-tier text.',
  }),
  dynamoWru: usd(0.625, 1e6, 'write request units, on-demand, Standard table class', AWS.dynamodb, {
    status: 'secondary',
    seenAt: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    pageDate: 'undated (states the reduced on-demand price)',
    note: 'US East; the AWS News Blog post on on-demand was "updated January 31, 2025 to clarify the reduced on-demand pricing" without a figure in the stored copy.',
  }),
  dynamoRru: usd(0.125, 1e6, 'read request units, on-demand, Standard table class', AWS.dynamodb, {
    status: 'secondary',
    seenAt: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
    pageDate: 'undated',
  }),
  dynamoStorageGbMonth: usd(0.25, 1, 'GB-months of table storage', AWS.dynamodb, {
    status: 'aws-page',
    seenAt: 'https://aws.amazon.com/vi/dynamodb/pricing/',
    pageDate: 'undated (older Vietnamese edition of the AWS page)',
    note: '"giá bắt đầu từ 0.25 USD mỗi GB" after a 25 GB free allowance (excluded here).',
  }),
  dynamoPitrGbMonth: usd(0.2, 1, 'GB-months of continuous backup (PITR), by table size', AWS.dynamodb, {
    status: 'secondary',
    seenAt: 'https://finops.com.py/services/dynamodb/backups',
    pageDate: 'undated',
  }),
  cloudfrontRequests: usd(0.012, 1e4, 'HTTPS requests, Hong Kong / Asia edge group', AWS.cloudfront, {
    status: 'unverified',
    note: 'unverified here: the stored AWS page shows the data-transfer table but not the request table; 0.0120 USD per 10,000 HTTPS requests is the usually published Asia rate.',
  }),
  cloudfrontGb: usd(
    0.12,
    1,
    'GB to viewers, "Hong Kong, Indonesia, Philippines, Singapore, South Korea, Taiwan, Thailand, Malaysia, and Vietnam", first 10 TB',
    AWS.cloudfront,
    {
      status: 'aws-page',
      seenAt: 'http://aws.amazon.com/cloudfront/pricing',
      pageDate: 'undated',
      note: 'Mainland viewers of a global-partition distribution are served from these edges (PRICE_CLASS_ALL, infra/stacks/site-stack.ts); the US rate on the same page is 0.085. The Always Free 1 TB is excluded.',
    },
  ),
  s3StorageGbMonth: usd(0.023, 1, 'GB-months, S3 Standard, first 50 TB', AWS.s3, {
    status: 'secondary',
    seenAt: 'https://cloudburn.io/blog/amazon-s3-pricing',
    pageDate: '2026-03-13',
    note: '"S3 Standard costs $0.023/GB/month", US East.',
  }),
  smsParts: usd(0.03, 1, 'SMS message parts to +86 numbers', AWS.sms, {
    status: 'unverified',
    note: 'unverified here: the per-country SMS price list was not available; an order-of-magnitude placeholder. Check it (and SNS support for Chinese sender registration) before setting sendSms=true.',
  }),
  secretsMonth: usd(0.4, 1, 'secret-months', AWS.asmPricing, {
    status: 'secondary',
    seenAt: 'https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms',
    pageDate: 'undated',
    note: '"$0.40 per secret per month + $0.05 per 10k API calls".',
  }),
  secretsApiCalls: usd(0.05, 1e4, 'API calls', AWS.asmPricing, {
    status: 'secondary',
    seenAt: 'https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms',
    pageDate: 'undated',
  }),
  kmsKeyMonth: usd(1.0, 1, 'key-months (each yearly rotation adds a backing key)', AWS.kms, {
    status: 'aws-page',
    seenAt: 'https://aws.amazon.com/kms/pricing/',
    pageDate: 'undated',
    note: '"Each AWS KMS key that you create in KMS costs $1/month … each newly generated backing key costs an additional $1/month."',
  }),
  kmsRequests: usd(0.03, 1e4, 'symmetric-key requests', AWS.kms, {
    status: 'secondary',
    seenAt: 'https://www.wring.co/blog/aws-kms-pricing-guide',
    pageDate: '2026-03-15',
  }),
  logsIngestGb: usd(0.5, 1, 'GB ingested, Standard log class', AWS.cloudwatch, {
    status: 'secondary',
    seenAt: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization',
    pageDate: 'June 2026 ("us-east-1, June 2026")',
  }),
  logsStorageGbMonth: usd(0.03, 1, 'GB-months stored', AWS.cloudwatch, {
    status: 'secondary',
    seenAt: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization',
    pageDate: 'June 2026',
  }),
  alarmMonth: usd(0.1, 1, 'standard-resolution alarm-months', AWS.cloudwatch, {
    status: 'secondary',
    seenAt: 'https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm',
    pageDate: 'undated',
  }),
  dashboardMonth: usd(3.0, 1, 'dashboard-months', AWS.cloudwatch, {
    status: 'secondary',
    seenAt: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
    pageDate: '2026-06-13',
  }),
  wafAclMonth: usd(5.0, 1, 'web-ACL-months', AWS.waf, {
    status: 'secondary',
    seenAt: 'https://c3x.dev/blog/aws-waf-cost-explained/',
    pageDate: 'undated',
    note: 'the AWS Networking blog (stored) says WAF pricing is the same in all regions.',
  }),
  wafRuleMonth: usd(1.0, 1, 'rule-months (a managed rule group counts as one)', AWS.waf, {
    status: 'secondary',
    seenAt: 'https://c3x.dev/blog/aws-waf-cost-explained/',
    pageDate: 'undated',
  }),
  wafRequests: usd(0.6, 1e6, 'requests inspected', AWS.waf, {
    status: 'secondary',
    seenAt: 'https://c3x.dev/blog/aws-waf-cost-explained/',
    pageDate: 'undated',
  }),
  cognitoMau: usd(0.02, 1, 'monthly active users, Plus feature plan', AWS.cognito, {
    status: 'unverified',
    note: 'unverified here: stored pages name the Lite/Essentials/Plus plans without their rates; 0.02 USD per MAU is the usually published Plus rate.',
  }),
  cognitoM2mClientMonth: usd(6.0, 1, 'machine-to-machine app-client-months', AWS.cognito, {
    status: 'secondary',
    seenAt: 'https://www.rhythmictech.com/blog/the-aws-cognito-m2m-bill-has-come-due-what-you-need-to-know/',
    pageDate: '2025-05',
  }),
  cognitoM2mTokenRequests: usd(2.25, 1000, 'machine-to-machine token requests', AWS.cognito, {
    status: 'secondary',
    seenAt: 'https://cur.vantage-api.com/aws/amazoncognito/user-pools-m2m/cupm2mtokenrequestsfull',
    pageDate: '2025-04-27',
    note: '"$2.250 per 1000 token requests"; the rhythmictech page writes "$0.00225 per 1,000" but its arithmetic uses $2.25 per 1,000.',
  }),
};

const cnNorth1: Record<UsageKey, PriceEntry> = {
  lambdaRequests: converted(usEast1.lambdaRequests, CHINA.lambda),
  lambdaGbSeconds: converted(usEast1.lambdaGbSeconds, CHINA.lambda),
  apiRequests: converted(usEast1.apiRequests, CHINA.apiGateway),
  dynamoWru: cny(11.1538, 1e6, 'write request units, on-demand', CHINA.dynamodb, {
    status: 'aws-page',
    seenAt: 'https://www.amazonaws.cn/en/dynamodb/pricing/',
    pageDate: 'undated (an older edition, before table classes)',
    note: '"Write requests: ¥ 11.1538 for e…" — the stored text is cut after the figure ("for every million" assumed); that edition may predate later price changes.',
  }),
  dynamoRru: cny(2.23, 1e6, 'read request units, on-demand', CHINA.dynamodb, {
    status: 'unverified',
    note: 'unverified here: the stored page is cut before the read price; one fifth of the write price, the ratio of the global price list.',
  }),
  dynamoStorageGbMonth: converted(usEast1.dynamoStorageGbMonth, CHINA.dynamodb),
  dynamoPitrGbMonth: converted(usEast1.dynamoPitrGbMonth, CHINA.dynamodb),
  cloudfrontRequests: cny(0.15, 1e4, 'HTTPS requests, China', CHINA.cloudfront, {
    status: 'aws-page',
    seenAt: 'https://www.amazonaws.cn/en/cloudfront/pricing/',
    pageDate: 'undated',
    note: '"HTTPS Requests CNY 0.15" per 10,000.',
  }),
  cloudfrontGb: cny(0.30866, 1, 'GB to viewers, China, 0-10 TB a month', CHINA.cloudfront, {
    status: 'aws-page',
    seenAt: 'https://www.amazonaws.cn/en/cloudfront/pricing/',
    pageDate: 'undated',
    note: 'Regional Data Transfer Out to Internet, "0-10 TB / Month CNY 0.30866". CloudFront in China needs an ICP-filed domain.',
  }),
  s3StorageGbMonth: converted(usEast1.s3StorageGbMonth, CHINA.s3),
  smsParts: converted(usEast1.smsParts, CHINA.sms, 'SMS from the China regions was not checked at all'),
  secretsMonth: converted(usEast1.secretsMonth, CHINA.asmPricing),
  secretsApiCalls: converted(usEast1.secretsApiCalls, CHINA.asmPricing),
  kmsKeyMonth: converted(usEast1.kmsKeyMonth, CHINA.kms),
  kmsRequests: converted(usEast1.kmsRequests, CHINA.kms),
  logsIngestGb: converted(usEast1.logsIngestGb, CHINA.cloudwatch),
  logsStorageGbMonth: converted(usEast1.logsStorageGbMonth, CHINA.cloudwatch),
  alarmMonth: converted(usEast1.alarmMonth, CHINA.cloudwatch),
  dashboardMonth: converted(usEast1.dashboardMonth, CHINA.cloudwatch),
  ...notAvailable(
    ['wafAclMonth', 'wafRuleMonth', 'wafRequests'],
    CHINA.waf,
    'the stacks attach a CLOUDFRONT-scope web ACL from us-east-1, which the China partition does not have (docs/deploy.md)',
  ),
  ...notAvailable(
    ['cognitoMau', 'cognitoM2mClientMonth', 'cognitoM2mTokenRequests'],
    CHINA.cognito,
    'the stacks use Cognito user pools on the Plus plan, not offered in the China regions as used here (docs/deploy.md); staff sign-in would need another identity provider',
  ),
};

function notAvailable<K extends UsageKey>(keys: K[], source: string, note: string): Record<K, PriceEntry> {
  return Object.fromEntries(
    keys.map((key) => [
      key,
      cny(0, 1, usEast1[key].unit, source, { status: 'not-available', note: `not available: ${note}.` }),
    ]),
  ) as Record<K, PriceEntry>;
}

/** Every price, by region and usage key. */
export const prices: Record<Region, Record<UsageKey, PriceEntry>> = {
  'us-east-1': usEast1,
  'cn-north-1': cnNorth1,
};
