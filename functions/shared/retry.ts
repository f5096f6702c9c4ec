/**
 * The one retry loop. Two things are retried in this code: an optimistic write that
 * lost a race (read, decide, conditional write; again if someone else wrote first) and
 * a batch request DynamoDB only partly processed (send what is left, after a pause).
 * Both are "try up to n times, maybe wait between tries, then give up in a way the
 * caller chooses", written once here instead of as hand-made `for (attempt…)` loops.
 */

/** What an attempt returns to ask for another (after the backoff, counted). */
export const AGAIN: unique symbol = Symbol('again');

/**
 * What an attempt returns when it made progress that needs no pause and uses up no
 * attempt — it dropped part of its work that can never succeed (a stream record already
 * applied, say) and the rest should go at once. The caller must shrink its work each
 * time, so this cannot loop for ever.
 */
export const AGAIN_NOW: unique symbol = Symbol('again now');

export interface RetryOptions<T> {
  /** Attempts in all (`Number.POSITIVE_INFINITY`: until one succeeds). */
  attempts: number;
  /** Milliseconds to wait after failed attempt `n` (0-based) before the next; none by default. */
  backoffMs?: ((attempt: number) => number) | undefined;
  /** The outcome once every attempt asked again: throw, or return a fallback. */
  exhausted: () => T;
}

/**
 * Run `attempt` until it returns something other than {@link AGAIN} or
 * {@link AGAIN_NOW}, at most `options.attempts` counted times, waiting `backoffMs`
 * between them (never after the last); then `options.exhausted()`.
 */
export async function retrying<T>(
  attempt: (n: number) => Promise<T | typeof AGAIN | typeof AGAIN_NOW>,
  options: RetryOptions<T>,
): Promise<T> {
  for (let n = 0; n < options.attempts; ) {
    const result = await attempt(n);
    if (result === AGAIN_NOW) continue;
    if (result !== AGAIN) return result;
    const wait = n + 1 < options.attempts ? (options.backoffMs?.(n) ?? 0) : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    n++;
  }
  return options.exhausted();
}

/**
 * Exponential backoff: `baseMs · 2ⁿ` (n capped at `maxDoublings`), at most `capMs`, plus
 * up to `jitterMs` at random so competing writers spread out.
 */
export function exponentialBackoff(options: {
  baseMs: number;
  capMs?: number | undefined;
  maxDoublings?: number | undefined;
  jitterMs?: number | undefined;
}): (attempt: number) => number {
  const { baseMs, capMs = Number.POSITIVE_INFINITY, maxDoublings = 30, jitterMs = 0 } = options;
  return (attempt) =>
    Math.min(capMs, baseMs * 2 ** Math.min(attempt, maxDoublings)) + Math.random() * jitterMs;
}
