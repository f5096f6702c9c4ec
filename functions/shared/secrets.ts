/**
 * The platform secret that keys rating tokens and phone hashes. In AWS it lives in
 * Secrets Manager (`WOODPECKER_SECRET_ARN`, fetched once and cached by Powertools);
 * locally the runtime generates one in the data folder and passes it as
 * `WOODPECKER_SECRET`. Never in code.
 */
let cached: string | undefined;

export async function platformSecret(): Promise<string> {
  if (cached) return cached;
  const direct = process.env.WOODPECKER_SECRET;
  if (direct) {
    cached = direct;
    return direct;
  }
  const arn = process.env.WOODPECKER_SECRET_ARN;
  if (!arn) throw new Error('No platform secret configured (WOODPECKER_SECRET or WOODPECKER_SECRET_ARN).');
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const value = await getSecret(arn, { maxAge: 300 });
  if (typeof value !== 'string' || value.length < 32)
    throw new Error('The platform secret is missing or too short.');
  cached = value;
  return value;
}

/** For tests that rotate the secret. */
export function resetSecretCache(): void {
  cached = undefined;
}
