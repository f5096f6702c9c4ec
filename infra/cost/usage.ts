/**
 * The billable dimensions of a month of Woodpecker, one key per line item of an AWS bill
 * that the stacks can cause. The request profile (profile.ts) says how much of each a
 * business event uses; the price file (prices.ts) prices every key in every region; the
 * model (model.ts) multiplies the two. Keeping the keys in one list is what lets a test
 * prove that nothing the profile counts goes unpriced.
 */

/** Every billable dimension, with the unit its usage is counted in. */
export const usageUnits = {
  lambdaRequests: 'invocations',
  lambdaGbSeconds: 'GB-seconds (arm64)',
  apiRequests: 'HTTP API requests',
  dynamoWru: 'write request units',
  dynamoRru: 'read request units',
  dynamoStorageGbMonth: 'GB-months (table and indexes)',
  dynamoPitrGbMonth: 'GB-months (continuous backups)',
  cloudfrontRequests: 'HTTPS requests',
  cloudfrontGb: 'GB to viewers',
  s3StorageGbMonth: 'GB-months',
  smsParts: 'SMS message parts',
  secretsMonth: 'secret-months',
  secretsApiCalls: 'API calls',
  kmsKeyMonth: 'key-months',
  kmsRequests: 'requests',
  logsIngestGb: 'GB ingested',
  logsStorageGbMonth: 'GB-months',
  alarmMonth: 'alarm-months',
  dashboardMonth: 'dashboard-months',
  wafAclMonth: 'web-ACL-months',
  wafRuleMonth: 'rule-months',
  wafRequests: 'requests inspected',
  cognitoMau: 'monthly active users (Plus)',
  cognitoM2mClientMonth: 'M2M app-client-months',
  cognitoM2mTokenRequests: 'M2M token requests',
} as const;

export type UsageKey = keyof typeof usageUnits;
export const usageKeys = Object.keys(usageUnits) as UsageKey[];

/** Amounts of some dimensions; a missing key is zero. */
export type Usage = Partial<Record<UsageKey, number>>;

/** The rows of the cost table, in the order they are printed. */
export const services = [
  'Lambda',
  'API Gateway',
  'DynamoDB',
  'CloudFront',
  'S3',
  'WAF',
  'Cognito',
  'Secrets Manager',
  'KMS',
  'CloudWatch',
  'SMS (SNS)',
] as const;
export type Service = (typeof services)[number];

/** Which bill line (service) each dimension belongs to. */
export const serviceOf: Record<UsageKey, Service> = {
  lambdaRequests: 'Lambda',
  lambdaGbSeconds: 'Lambda',
  apiRequests: 'API Gateway',
  dynamoWru: 'DynamoDB',
  dynamoRru: 'DynamoDB',
  dynamoStorageGbMonth: 'DynamoDB',
  dynamoPitrGbMonth: 'DynamoDB',
  cloudfrontRequests: 'CloudFront',
  cloudfrontGb: 'CloudFront',
  s3StorageGbMonth: 'S3',
  smsParts: 'SMS (SNS)',
  secretsMonth: 'Secrets Manager',
  secretsApiCalls: 'Secrets Manager',
  kmsKeyMonth: 'KMS',
  kmsRequests: 'KMS',
  logsIngestGb: 'CloudWatch',
  logsStorageGbMonth: 'CloudWatch',
  alarmMonth: 'CloudWatch',
  dashboardMonth: 'CloudWatch',
  wafAclMonth: 'WAF',
  wafRuleMonth: 'WAF',
  wafRequests: 'WAF',
  cognitoMau: 'Cognito',
  cognitoM2mClientMonth: 'Cognito',
  cognitoM2mTokenRequests: 'Cognito',
};

/** `a + b`, key by key (a new object). */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = { ...a };
  for (const key of Object.keys(b) as UsageKey[]) out[key] = (out[key] ?? 0) + (b[key] ?? 0);
  return out;
}

/** `usage × factor`, key by key: the usage of `factor` occurrences of one event. */
export function scaleUsage(usage: Usage, factor: number): Usage {
  const out: Usage = {};
  for (const key of Object.keys(usage) as UsageKey[]) out[key] = (usage[key] ?? 0) * factor;
  return out;
}

/** The sum of several usages. */
export function sumUsage(usages: Usage[]): Usage {
  return usages.reduce<Usage>((total, u) => addUsage(total, u), {});
}
