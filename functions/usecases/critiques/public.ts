/**
 * What anyone may read or do without signing in: the public board (one Query per page
 * under any filter), a critique by its tracking code (whatever its status — holding the
 * code is the permission), and the nitpicker's "solved / not solved" verdict.
 */
import { type BoardFilter, boardFilterKey } from '../../domain/critiques/board.js';
import { confirm } from '../../domain/critiques/lifecycle.js';
import { publicCritique } from '../../domain/critiques/public-view.js';
import type { Platform } from '../../platform.js';
import { platformSecret } from '../../shared/secrets.js';
import { changeCritique, loadCritique } from './change.js';
import { transitionContext } from './staff.js';
import { critiqueStores } from './stores.js';
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
  const page = await critiqueStores(p).critiques.board(q, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map(({ filter: _f, ...row }) => row),
    nextCursor: page.nextCursor,
    itemsRead: page.itemsRead,
    filter: boardFilterKey(q),
  };
}

export async function publicCritiqueByCode(p: Platform, code: string) {
  return publicCritique(await loadCritique(p, code));
}

/** The nitpicker's verdict; counted against the same per-client limits as submissions. */
export async function confirmCritique(
  p: Platform,
  code: string,
  verdict: { solved: boolean; comment?: string | undefined },
  who: Submitter,
) {
  await loadCritique(p, code);
  await takeSubmitterLimits(p, await platformSecret(), who);
  const ctx = await transitionContext(p);
  const [change] = await changeCritique(p, code, (c) => {
    const out = confirm(c, verdict.solved, verdict.comment, ctx);
    return out.ok ? { ok: true, changes: [{ prev: c, next: out.critique }] } : out;
  });
  return publicCritique(change!.next);
}
