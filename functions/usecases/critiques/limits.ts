/**
 * Abuse limits of the find-fault window, generous by default so a service hall full of
 * people behind one address is not locked out: per client (a keyed hash of address and
 * user agent) 30 submissions an hour, per address 300 an hour as a ceiling against a
 * client rotating its user agent, per Open311 api_key 1,000 an hour; identical text
 * from one client within 10 minutes collapses into one critique. Override with
 * `WOODPECKER_CRITIQUE_LIMITS="client=30/3600,address=300/3600,apiKey=1000/3600,dedup=600"`.
 */
import type { RateLimit } from '../../store/rate-limit.js';

export interface CritiqueLimits {
  client: RateLimit;
  address: RateLimit;
  apiKey: RateLimit;
  /** Seconds within which identical text from one client collapses. */
  dedupSeconds: number;
}

const DEFAULTS: CritiqueLimits = {
  client: { limit: 30, windowSeconds: 3600 },
  address: { limit: 300, windowSeconds: 3600 },
  apiKey: { limit: 1000, windowSeconds: 3600 },
  dedupSeconds: 600,
};

export function critiqueLimits(env: NodeJS.ProcessEnv = process.env): CritiqueLimits {
  const out: CritiqueLimits = structuredClone(DEFAULTS);
  for (const part of (env.WOODPECKER_CRITIQUE_LIMITS ?? '').split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (!name || !value) continue;
    if (name === 'dedup' && /^\d+$/.test(value)) out.dedupSeconds = Number(value);
    const m = /^(\d+)\/(\d+)$/.exec(value);
    if (m && (name === 'client' || name === 'address' || name === 'apiKey') && Number(m[2]) > 0) {
      out[name] = { limit: Number(m[1]), windowSeconds: Number(m[2]) };
    }
  }
  return out;
}
