/**
 * The leaderboard write that goes with a critique change: a nickname's adopted count
 * rises the first time one of its critiques leads to a change, its award count with
 * each award (and falls if one is revoked). Anonymous critiques add nothing.
 */
import type { Critique } from '../../domain/critiques/model.js';
import { nicknameKey } from '../../domain/critiques/text.js';
import type { Platform } from '../../platform.js';
import type { TransactItem } from '../../store/critiques.js';

export async function leaderWrites(p: Platform, prev: Critique, next: Critique): Promise<TransactItem[]> {
  if (!next.nickname) return [];
  const adopted = next.adoptedAt && !prev.adoptedAt ? 1 : 0;
  const awards = (next.award ? 1 : 0) - (prev.award ? 1 : 0);
  if (!adopted && !awards) return [];
  const key = nicknameKey(next.nickname);
  const current = await p.critiqueAwards.leader(key);
  const row = {
    nickname: current?.nickname ?? next.nickname,
    nicknameKey: key,
    adopted: (current?.adopted ?? 0) + adopted,
    awards: Math.max(0, (current?.awards ?? 0) + awards),
  };
  return [p.critiqueAwards.leaderPut(current, row)];
}
