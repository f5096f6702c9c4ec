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
  /** How long a rating link works after the case is completed (WOODPECKER_RATING_TOKEN_DAYS, default 30). */
  ratingTokenDays: number;
  /** Working days to call a bad reviewer back (WOODPECKER_CALLBACK_WORKING_DAYS, default 2; Zhejiang 1). */
  callbackWorkingDays: number;
  /**
   * Working hours to call a bad reviewer back (WOODPECKER_CALLBACK_WORKING_HOURS, e.g. 24
   * for Zhejiang's "within 1 day" counted by the clock); when set it wins over the days.
   */
  callbackWorkingHours: number | undefined;
}

/** The city's callback period from its config: hours when set, else working days. */
export function cityCallbackPeriod(
  c: Pick<Config, 'callbackWorkingDays' | 'callbackWorkingHours'>,
): { workingDays: number } | { workingHours: number } {
  return c.callbackWorkingHours
    ? { workingHours: c.callbackWorkingHours }
    : { workingDays: c.callbackWorkingDays };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: env.WOODPECKER_TABLE ?? 'woodpecker',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION ?? 'cn-north-1',
    publicBaseUrl: env.WOODPECKER_PUBLIC_URL ?? 'http://localhost:3000',
    ratingTokenDays: positiveInt(env.WOODPECKER_RATING_TOKEN_DAYS) ?? 30,
    callbackWorkingDays: positiveInt(env.WOODPECKER_CALLBACK_WORKING_DAYS) ?? 2,
    callbackWorkingHours: positiveInt(env.WOODPECKER_CALLBACK_WORKING_HOURS),
  };
}

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 && n <= 3650 ? n : undefined;
}
