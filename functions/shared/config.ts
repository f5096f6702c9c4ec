/**
 * Runtime settings, read once from the environment. Lambda gets them from the CDK
 * stack; `npm start` and the tests set the same variables, so no code path differs.
 */
export interface Config {
  tableName: string;
  /** Set only locally: the DynamoDB Local endpoint. */
  dynamoEndpoint: string | undefined;
  region: string;
  /** Public base URL used in rating links and the site. */
  publicBaseUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: env.WOODPECKER_TABLE ?? 'woodpecker',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION ?? 'cn-north-1',
    publicBaseUrl: env.WOODPECKER_PUBLIC_URL ?? 'http://localhost:3000',
  };
}
