/**
 * The CDN's origin secret. CloudFront adds it, as the custom origin header
 * `ORIGIN_VERIFY_HEADER`, to every request it forwards to the API (a viewer's own
 * header of that name is overwritten), so a function can tell a request that came
 * through the CDN — whose `CloudFront-Viewer-Address` it may then believe — from one
 * sent straight to the execute-api endpoint with any headers the sender likes.
 *
 * In AWS it is its own generated Secrets Manager secret (`WOODPECKER_ORIGIN_SECRET_ARN`,
 * see infra/stacks/api-stack.ts), not the platform secret: CloudFront keeps origin
 * header values in the distribution's configuration, readable to whoever may read
 * that. Fetched on first use (only by a request that carries a viewer address) and
 * kept for five minutes. Locally there is no CDN and no origin secret, so the viewer
 * header is never believed. `WOODPECKER_ORIGIN_SECRET` sets it directly (tests).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { fetchSecret, SECRET_MAX_AGE_MS } from './secrets.js';

/** The header CloudFront sends to the API origin, carrying the origin secret. */
export const ORIGIN_VERIFY_HEADER = 'x-woodpecker-origin-verify';

let cached: { value: string; fetchedAt: number } | undefined;
let inFlight: Promise<string> | undefined;

/** The configured origin secret, or undefined where there is no CDN (locally). */
export async function originSecret(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const direct = env.WOODPECKER_ORIGIN_SECRET;
  if (direct) return direct;
  const arn = env.WOODPECKER_ORIGIN_SECRET_ARN;
  if (!arn) return undefined;
  if (cached && Date.now() - cached.fetchedAt < SECRET_MAX_AGE_MS) return cached.value;
  inFlight ??= fetchSecret(arn, 'The CDN origin secret')
    .then((value) => {
      cached = { value, fetchedAt: Date.now() };
      return value;
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether a request's origin header proves it came through the CDN: an origin secret is
 * configured and the header equals it (compared in constant time, whatever the lengths).
 */
export async function cameThroughCdn(header: string | undefined): Promise<boolean> {
  if (!header) return false;
  const expected = await originSecret();
  if (!expected) return false;
  return timingSafeEqual(digest(header), digest(expected));
}

/** For tests that change the secret. */
export function resetOriginSecretCache(): void {
  cached = undefined;
  inFlight = undefined;
}
