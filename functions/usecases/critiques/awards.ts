/**
 * Woodpecker awards (啄木鸟奖): the office honours a critique that led to a change,
 * with a citation. The award, the critique (its timeline and board rows) and the
 * nickname's leaderboard row change together in one transaction. The hall of fame and
 * the leaderboard are public reads of what those writes keep ready.
 */

import { EXCERPT_CHARS } from '../../domain/critiques/board.js';
import { grantAward, revokeAward } from '../../domain/critiques/lifecycle.js';
import { type Critique, responsibleDepartmentName } from '../../domain/critiques/model.js';
import { maskPublic, publicCritique } from '../../domain/critiques/public-view.js';
import { excerpt } from '../../domain/critiques/text.js';
import type { Principal } from '../../domain/identity.js';
import type { Platform } from '../../platform.js';
import type { AwardRecord } from '../../store/critique-awards.js';
import { changeCritique } from './change.js';
import { leaderWrites } from './leaders.js';
import { transitionContext } from './staff.js';

/** The hall-of-fame entry of an awarded critique (masked like every public view). */
export function awardRecord(c: Critique): AwardRecord {
  const departmentName = responsibleDepartmentName(c);
  return {
    trackingCode: c.trackingCode,
    citation: maskPublic(c.award!.citation),
    grantedAt: c.award!.grantedAt,
    category: c.category,
    excerpt: excerpt(maskPublic(c.text), EXCERPT_CHARS),
    ...(c.nickname ? { nickname: maskPublic(c.nickname) } : {}),
    ...(c.targetName ? { targetName: c.targetName } : {}),
    ...(departmentName ? { departmentName } : {}),
  };
}

export async function grantCritiqueAward(p: Platform, who: Principal, code: string, citation: string) {
  const ctx = await transitionContext(p);
  const [change] = await changeCritique(p, code, async (c) => {
    const out = grantAward(c, citation, ctx);
    if (!out.ok) return out;
    const next = out.critique;
    return {
      ok: true,
      changes: [{ prev: c, next }],
      extra: [p.critiqueAwards.awardPut(awardRecord(next)), ...(await leaderWrites(p, c, next))],
    };
  });
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'critique.award',
    target: `critique:${code}`,
    at: ctx.now.toISOString(),
    before: { award: null },
    after: { award: change!.next.award },
  });
  return publicCritique(change!.next);
}

export async function revokeCritiqueAward(p: Platform, who: Principal, code: string) {
  const ctx = await transitionContext(p);
  const [change] = await changeCritique(p, code, async (c) => {
    const out = revokeAward(c, ctx);
    if (!out.ok) return out;
    return {
      ok: true,
      changes: [{ prev: c, next: out.critique }],
      extra: [p.critiqueAwards.awardDelete(code), ...(await leaderWrites(p, c, out.critique))],
    };
  });
  await p.audit.recordAudit({
    actor: who.subject,
    roles: [...who.roles],
    action: 'critique.awardRevoked',
    target: `critique:${code}`,
    at: ctx.now.toISOString(),
    before: { award: change!.prev.award },
    after: { award: null },
  });
  return publicCritique(change!.next);
}

/** The hall of fame, newest award first. */
export async function hallOfFame(p: Platform, options: { limit: number; cursor?: string | undefined }) {
  const page = await p.critiqueAwards.awards(options);
  // Masked again on the way out, like board rows: records kept under older rules leak nothing.
  return {
    ...page,
    items: page.items.map((a) => ({
      ...a,
      citation: maskPublic(a.citation),
      excerpt: maskPublic(a.excerpt),
      ...(a.nickname ? { nickname: maskPublic(a.nickname) } : {}),
    })),
  };
}

/** Nicknames by awards, then adopted critiques (masked like every public name). */
export async function leaderboard(p: Platform, limit: number) {
  const rows = await p.critiqueAwards.leaderboard(limit);
  return rows.map(({ nickname, adopted, awards }) => ({ nickname: maskPublic(nickname), adopted, awards }));
}
