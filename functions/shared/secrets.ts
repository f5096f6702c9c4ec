/**
 * The platform secret that keys rating tokens and phone hashes. In AWS it lives in
 * Secrets Manager (`WOODPECKER_SECRET_ARN`), fetched on first use and kept for five
 * minutes so a rotation reaches warm functions; locally the runtime generates one in
 * the data folder and passes it as `WOODPECKER_SECRET`. Never in code.
 *
 * The Secrets Manager client comes from the Lambda runtime's own SDK (it is external
 * in every bundle, see infra/constructs/bundling-options.ts) and is imported
 * dynamically here, so a cold start that never needs the secret never loads it. A
 * static import anywhere in the chain (as Powertools Parameters has) would be hoisted
 * to the top of the ESM bundle and load the whole client on every cold start.
 */

/** How long a fetched secret is trusted before it is read again. */
export const SECRET_MAX_AGE_MS = 5 * 60_000;

let cached: { value: string; fetchedAt: number } | undefined;
let inFlight: Promise<string> | undefined;

/** A Secrets Manager secret's string by ARN (at least `minLength` characters, 32 by default), read once per call. */
export async function fetchSecret(
  arn: string,
  what = 'The platform secret',
  minLength = 32,
): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const value = out.SecretString;
    if (typeof value !== 'string' || value.length < minLength)
      throw new Error(`${what} is missing or too short.`);
    return value;
  } finally {
    client.destroy();
  }
}

const others = new Map<string, { value: Promise<string>; fetchedAt: number }>();

/**
 * A secret other than the platform's (the SMTP URL, the SMS gateway's credentials),
 * read once and kept for {@link SECRET_MAX_AGE_MS} like the platform secret, so a warm
 * sender does not call Secrets Manager per message. A failed read is not kept.
 */
export function cachedSecret(arn: string, what: string, minLength: number): Promise<string> {
  const known = others.get(arn);
  if (known && Date.now() - known.fetchedAt < SECRET_MAX_AGE_MS) return known.value;
  const value = fetchSecret(arn, what, minLength);
  others.set(arn, { value, fetchedAt: Date.now() });
  value.catch(() => {
    if (others.get(arn)?.value === value) others.delete(arn);
  });
  return value;
}

export async function platformSecret(): Promise<string> {
  const direct = process.env.WOODPECKER_SECRET;
  if (direct) return direct;
  if (cached && Date.now() - cached.fetchedAt < SECRET_MAX_AGE_MS) return cached.value;
  const arn = process.env.WOODPECKER_SECRET_ARN;
  if (!arn) throw new Error('No platform secret configured (WOODPECKER_SECRET or WOODPECKER_SECRET_ARN).');
  inFlight ??= fetchSecret(arn)
    .then((value) => {
      cached = { value, fetchedAt: Date.now() };
      return value;
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

/** For tests that rotate the secret. */
export function resetSecretCache(): void {
  cached = undefined;
  inFlight = undefined;
  others.clear();
}
