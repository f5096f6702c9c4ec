/**
 * Apply a lifecycle transition to a stored critique: read it (strongly consistent),
 * run the pure transition, and write the result with its board rows and side items in
 * one conditional transaction. If another change landed in between, read again and
 * re-run — the transition then decides on the fresh state (e.g. "already awarded").
 * A refusal becomes the contract's error; nothing is written.
 */
import type { Rejection } from '../../domain/critiques/lifecycle.js';
import type { Critique } from '../../domain/critiques/model.js';
import { parseTrackingCode } from '../../domain/critiques/tracking-code.js';
import { conflict, invalid, notFound, Refusal } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { AGAIN, exponentialBackoff, retrying } from '../../shared/retry.js';
import type { TransactItem } from '../../store/critiques.js';

export interface Plan {
  ok: true;
  /** Every critique the change writes (the one acted on first). */
  changes: { prev: Critique; next: Critique }[];
  extra?: TransactItem[];
}

const ATTEMPTS = 4;

/** The canonical tracking code, or a 400 naming what was wrong. */
export function trackingCodeOf(value: string): string {
  const code = parseTrackingCode(value);
  if (!code) throw invalid(`"${value.slice(0, 40)}" is not a valid tracking code (10 letters and digits).`);
  return code;
}

/** A lifecycle transition's rejection as the refusal the caller is answered with. */
export function refusalError(r: Rejection): Refusal {
  return new Refusal(r.code, r.message);
}

/** Load a critique or 404. */
export async function loadCritique(p: Platform, trackingCode: string): Promise<Critique> {
  const c = await p.critiques.get(trackingCode);
  if (!c) throw notFound(`No critique with tracking code ${trackingCode}.`);
  return c;
}

export async function changeCritique(
  p: Platform,
  trackingCode: string,
  plan: (c: Critique) => Promise<Plan | Rejection> | Plan | Rejection,
): Promise<Plan['changes']> {
  const store = p.critiques;
  return retrying(
    async () => {
      const current = await loadCritique(p, trackingCode);
      const result = await plan(current);
      if (!result.ok) throw refusalError(result);
      return (await store.save(result.changes, result.extra)) === 'saved' ? result.changes : AGAIN;
    },
    {
      attempts: ATTEMPTS,
      backoffMs: exponentialBackoff({ baseMs: 10, jitterMs: 10 }),
      exhausted: () => {
        throw conflict('The critique changed while saving; please try again.');
      },
    },
  );
}
