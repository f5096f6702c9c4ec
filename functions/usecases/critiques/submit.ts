/**
 * Submitting a critique, from the JSON API, the form and Open311 alike: clean and check
 * the input, resolve the target against the catalogue (an unknown one is a 400), seal
 * the contact, and store the critique under a fresh tracking code, counted against the
 * client's rate limits in the same transaction — unless the same client sent the same
 * text moments ago, in which case the earlier tracking code is the answer. Nothing is
 * stored on a refusal, not even a counter.
 *
 * Each accepted submission also gets the nitpicker's private key (nitpicker-key.ts),
 * returned here and nowhere else; only its hash is stored. A resubmission collapsed
 * into a recent critique gets a key of its own added to it (up to a few), so the
 * response a browser finally shows after a double click still holds a working key.
 */
import { createHash, createHmac } from 'node:crypto';
import { storeContact } from '../../domain/critiques/contact.js';
import { newCritique } from '../../domain/critiques/lifecycle.js';
import { type Category, type Channel, LIMITS, type TargetType } from '../../domain/critiques/model.js';
import {
  hashNitpickerKey,
  MAX_NITPICKER_KEYS,
  newNitpickerKey,
} from '../../domain/critiques/nitpicker-key.js';
import { cleanNickname, cleanText } from '../../domain/critiques/text.js';
import { newTrackingCode } from '../../domain/critiques/tracking-code.js';
import { conflict, invalid, Refusal } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { AGAIN, retrying } from '../../shared/retry.js';
import { platformSecret } from '../../shared/secrets.js';
import { type RateLimit, rateLimitUpdate } from '../../store/rate-limit.js';
import { critiqueLimits } from './limits.js';

export interface SubmitInput {
  category: Category;
  text: string;
  targetType?: TargetType | undefined;
  targetId?: string | undefined;
  nickname?: string | undefined;
  contact?: string | undefined;
}

/** Who is submitting, as far as limits go. Raw values are hashed, never stored. */
export interface Submitter {
  channel: Channel;
  /** Identity of the client: address + user agent, or `key:<id>` for Open311. */
  identity: string;
  /** The address alone, for the per-address ceiling (absent for api keys). */
  address?: string | undefined;
}

export interface Target {
  targetType: TargetType;
  targetId?: string;
  targetName?: string;
  serviceCode?: string;
  targetDepartmentId?: string;
  targetDepartmentName?: string;
  targetDistrict?: string;
}

/** Resolve a target against the catalogue; 400 for an unknown or ill-formed one. */
export async function resolveTarget(
  p: Platform,
  targetType: TargetType | undefined,
  targetId: string | undefined,
): Promise<Target> {
  const type = targetType ?? (targetId ? undefined : 'general');
  if (!type) throw invalid('targetType is required with targetId (service or department).');
  if (type === 'general') {
    if (targetId) throw invalid('A general critique has no targetId.');
    return { targetType: 'general' };
  }
  if (!targetId) throw invalid(`targetId is required when targetType is ${type}.`);
  if (type === 'service') {
    const found = await p.catalogue.getService(targetId);
    if (!found) throw invalid(`Unknown target: no service with code ${targetId}.`);
    const department = await p.catalogue.getDepartment(found.service.departmentId);
    return {
      targetType: 'service',
      targetId,
      targetName: found.service.name,
      serviceCode: targetId,
      targetDepartmentId: found.service.departmentId,
      ...(department ? { targetDepartmentName: department.name } : {}),
      ...(department?.district ? { targetDistrict: department.district } : {}),
    };
  }
  const department = await p.catalogue.getDepartment(targetId);
  if (!department) throw invalid(`Unknown target: no department with id ${targetId}.`);
  return {
    targetType: 'department',
    targetId,
    targetName: department.name,
    targetDepartmentId: department.id,
    targetDepartmentName: department.name,
    ...(department.district ? { targetDistrict: department.district } : {}),
  };
}

export function rateLimited(retryAfterSeconds: number): Refusal {
  return new Refusal(
    'rate_limited',
    `Too many submissions from this client; try again in ${retryAfterSeconds} seconds.`,
    { details: { retryAfterSeconds } },
  );
}

const keyed = (secret: string, what: string, value: string) =>
  createHmac('sha256', secret).update(`${what}:${value}`).digest('base64url').slice(0, 27);

/** The submitter's rate-limit buckets and rules: its client's, then its address's. */
function submitterLimits(
  secret: string,
  who: Submitter,
): { clientHash: string; checks: [string, RateLimit][] } {
  const limits = critiqueLimits();
  const clientHash = keyed(secret, 'critique-client', who.identity);
  const checks: [string, RateLimit][] = [
    [`crit:${clientHash}`, who.channel === 'open311' ? limits.apiKey : limits.client],
  ];
  if (who.address && who.channel !== 'open311')
    checks.push([`critip:${keyed(secret, 'critique-address', who.address)}`, limits.address]);
  return { clientHash, checks };
}

/**
 * Count the submitter against its limits on their own; throws 429 when any is used up.
 * A new critique counts them in its own transaction instead (see `submitCritique`); this
 * is for a resubmission collapsed into an earlier critique, which counts as a request too.
 */
export async function takeSubmitterLimits(p: Platform, secret: string, who: Submitter): Promise<string> {
  const { clientHash, checks } = submitterLimits(secret, who);
  const now = p.clock.now();
  // One after the other: a client refused by its own limit must not use up its address's.
  for (const [bucket, rule] of checks) {
    const result = await p.rateLimits.takeRateLimit(bucket, rule, now);
    if (!result.allowed) throw rateLimited(result.retryAfterSeconds);
  }
  return clientHash;
}

export interface Submitted {
  trackingCode: string;
  /** False when an identical recent submission's code was returned instead. */
  created: boolean;
  /**
   * The nitpicker's private key, shown to them once; absent only when a collapsed
   * resubmission found its critique already holding the most keys it may.
   */
  nitpickerKey?: string;
}

export async function submitCritique(p: Platform, input: SubmitInput, who: Submitter): Promise<Submitted> {
  const text = cleanText(input.text);
  if (!text) throw invalid('The text of the critique is empty.');
  if ([...text].length > LIMITS.text) throw invalid(`The text may be at most ${LIMITS.text} characters.`);
  let nickname: string | undefined;
  if (input.nickname !== undefined && cleanText(input.nickname)) {
    nickname = cleanNickname(input.nickname);
    if (!nickname || [...nickname].length > LIMITS.nickname) {
      throw invalid(`A nickname is 1-${LIMITS.nickname} letters, digits, spaces or _ . · -.`);
    }
  }
  const secret = await platformSecret();
  const rawContact = input.contact?.trim();
  const contact = rawContact ? storeContact(secret, rawContact) : undefined;
  if (rawContact && !contact) throw invalid('The contact must be a phone number or an e-mail address.');

  // The target first (reads only): the writes then go in one transaction, limits included.
  const target = await resolveTarget(p, input.targetType, input.targetId);
  const { clientHash, checks } = submitterLimits(secret, who);

  const now = p.clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const dedup = {
    hash: createHash('sha256')
      .update([clientHash, input.category, target.targetType, target.targetId ?? '', text].join('\u0000'))
      .digest('base64url'),
    expiresAt: nowSeconds + critiqueLimits().dedupSeconds,
    nowSeconds,
  };
  const limits = checks.map(([bucket, rule]) => rateLimitUpdate(p.store.tableName, bucket, rule, now));
  const store = p.critiques;
  const nitpickerKey = newNitpickerKey();
  // A tracking code already taken (by chance) is drawn again.
  return retrying<Submitted>(
    async () => {
      const trackingCode = newTrackingCode();
      const critique = newCritique(
        {
          trackingCode,
          category: input.category,
          text,
          ...target,
          ...(nickname ? { nickname } : {}),
          ...(contact ? { contact } : {}),
          channel: who.channel,
          clientHash,
          nitpickerKeyHashes: [hashNitpickerKey(trackingCode, nitpickerKey)],
        },
        now,
      );
      const outcome = await store.create(critique, { dedup, limits });
      if (outcome.status === 'created') return { trackingCode, created: true, nitpickerKey };
      if (outcome.status === 'rateLimited') throw rateLimited(outcome.retryAfterSeconds);
      if (outcome.status !== 'collapsed') return AGAIN;
      // The transaction counted nothing; a resubmission is still a request against the limits.
      await takeSubmitterLimits(p, secret, who);
      const code = outcome.trackingCode;
      const added = await store.addNitpickerKeyHash(
        code,
        hashNitpickerKey(code, nitpickerKey),
        MAX_NITPICKER_KEYS,
      );
      return { trackingCode: code, created: false, ...(added ? { nitpickerKey } : {}) };
    },
    {
      attempts: 5,
      exhausted: () => {
        throw conflict('Could not allocate a tracking code; please try again.');
      },
    },
  );
}
