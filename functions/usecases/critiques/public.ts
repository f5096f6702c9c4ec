/**
 * What anyone may read or do without signing in: the public board (one Query per page
 * under any filter), a critique by its tracking code (whatever its status — holding the
 * code is the permission to read), and the nitpicker's "solved / not solved" verdict,
 * which takes the nitpicker's private key: the code is public, the key is theirs alone.
 */

import { type BoardFilter, boardFilterKey, publicBoardRow } from '../../domain/critiques/board.js';
import { confirm } from '../../domain/critiques/lifecycle.js';
import type { Critique } from '../../domain/critiques/model.js';
import { nitpickerKeyMatches } from '../../domain/critiques/nitpicker-key.js';
import { type PublicCritique, publicCritique } from '../../domain/critiques/public-view.js';
import { Refusal } from '../../domain/refusal.js';
import type { Platform } from '../../platform.js';
import { readConfig } from '../../shared/config.js';
import { platformSecret } from '../../shared/secrets.js';
import { changeCritique, loadCritique } from './change.js';
import { transitionContext } from './staff.js';
import { type Submitter, takeSubmitterLimits } from './submit.js';

export interface BoardQuery extends BoardFilter {
  limit: number;
  cursor?: string | undefined;
}

/**
 * A page of the board. A service filter implies its department: when both are given and
 * disagree the page is empty rather than silently ignoring one.
 */
export async function critiqueBoard(p: Platform, q: BoardQuery) {
  if (q.serviceCode && q.departmentId) {
    const found = await p.catalogue.getService(q.serviceCode);
    if (!found || found.service.departmentId !== q.departmentId) {
      return { items: [], nextCursor: null, itemsRead: 0, filter: boardFilterKey(q) };
    }
  }
  const page = await p.critiques.board(q, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map(({ filter: _f, ...row }) => publicBoardRow(row)),
    nextCursor: page.nextCursor,
    itemsRead: page.itemsRead,
    filter: boardFilterKey(q),
  };
}

export async function publicCritiqueByCode(p: Platform, code: string) {
  return publicCritique(await loadCritique(p, code));
}

/** The nitpicker's private link: the critique's page with the key that lets them confirm. */
export function nitpickerPrivateUrl(trackingCode: string, nitpickerKey: string): string {
  return `${readConfig().publicBaseUrl}/critiques/${trackingCode}?key=${nitpickerKey}`;
}

/**
 * A critique as its nitpicker sees it through their private link: the public view and
 * whether the key given (if any) is one of the critique's.
 */
export async function critiqueForNitpicker(
  p: Platform,
  code: string,
  key: string | undefined,
): Promise<{ critique: PublicCritique; key: 'valid' | 'invalid' | 'none' }> {
  const c = await loadCritique(p, code);
  return {
    critique: publicCritique(c),
    key: key === undefined || key === '' ? 'none' : nitpickerKeyMatches(c, key) ? 'valid' : 'invalid',
  };
}

/** The critique, for the holder of one of its nitpicker keys only (404, then 401). */
export async function authenticateNitpicker(p: Platform, code: string, key: unknown): Promise<Critique> {
  const c = await loadCritique(p, code);
  if (!nitpickerKeyMatches(c, key)) {
    throw new Refusal(
      'unauthenticated',
      'Only the nitpicker may do this: send the private key (nitpickerKey) given at submission.',
    );
  }
  return c;
}

export interface Verdict {
  solved: boolean;
  comment?: string | undefined;
}

/**
 * The nitpicker's verdict, for the holder of the critique's private key; counted against
 * the same per-client limits as submissions. The verdict is read (and validated) only
 * once the key has been checked: authentication before validation.
 */
export async function confirmCritique(
  p: Platform,
  code: string,
  nitpickerKey: unknown,
  verdictOf: () => Verdict,
  who: Submitter,
) {
  await authenticateNitpicker(p, code, nitpickerKey);
  await takeSubmitterLimits(p, await platformSecret(), who);
  const verdict = verdictOf();
  const ctx = await transitionContext(p);
  const [change] = await changeCritique(p, code, (c) => {
    const out = confirm(c, verdict.solved, verdict.comment, ctx);
    return out.ok ? { ok: true, changes: [{ prev: c, next: out.critique }] } : out;
  });
  return publicCritique(change!.next);
}
