/**
 * The sweeper's handler for critiques on the open-and-due index: a critique appears
 * there the day after its reply deadline; if it is still waiting for an answer it is
 * flagged overdue (on its page, the board, the department's inbox and in the overdue
 * count of the aggregates) and parked out of the sweeper's way until it changes.
 */
import { flagOverdue } from '../../domain/critiques/lifecycle.js';
import type { Critique } from '../../domain/critiques/model.js';
import type { Platform } from '../../platform.js';
import { AGAIN, retrying } from '../../shared/retry.js';
import type { DueItemHandler } from '../due-item-handler.js';

export const critiqueDueHandler: DueItemHandler = async (p: Platform, item, { today }) => {
  const store = p.critiques;
  return retrying(
    async () => {
      const current: Critique | undefined = await store.get(String(item.trackingCode));
      if (!current) return false;
      const next = flagOverdue(current, today, p.clock.now());
      if (!next) return false;
      return (await store.save([{ prev: current, next }])) === 'saved' ? true : AGAIN;
    },
    { attempts: 3, exhausted: () => false },
  );
};
