/**
 * The staff actions on a critique as one table, which both the JSON API
 * (`POST /api/v1/staff/critiques/:code/<action>`, functions/api/routes/critiques-staff.ts)
 * and the console's forms (web/pages/critiques/staff-routes.tsx) dispatch through: for
 * each action, the roles that may take it and the use case it runs with its input. A
 * new action, or a change of who may take one, is one edit here.
 */
import type { Principal, Role } from '../../domain/identity.js';
import type { Platform } from '../../platform.js';
import { grantCritiqueAward, revokeCritiqueAward } from './awards.js';
import { trackingCodeOf } from './change.js';
import {
  acceptCritique,
  handBackCritique,
  markDuplicateCritique,
  rectifyCritique,
  rejectCritique,
  replyToCritique,
  routeCritique,
} from './staff.js';

type NoInput = Record<string, never>;

const RUN = {
  accept: (p: Platform, who: Principal, code: string, _: NoInput) => acceptCritique(p, who, code),
  reject: (p: Platform, who: Principal, code: string, i: { reason: string }) =>
    rejectCritique(p, who, code, i.reason),
  duplicate: (p: Platform, who: Principal, code: string, i: { duplicateOf: string }) =>
    markDuplicateCritique(p, who, code, trackingCodeOf(i.duplicateOf)),
  route: (
    p: Platform,
    who: Principal,
    code: string,
    i: { departmentId: string; replyDays?: number | undefined },
  ) => routeCritique(p, who, code, i.departmentId, i.replyDays),
  reply: (p: Platform, who: Principal, code: string, i: { text: string }) =>
    replyToCritique(p, who, code, i.text),
  rectify: (p: Platform, who: Principal, code: string, i: { text: string }) =>
    rectifyCritique(p, who, code, i.text),
  'hand-back': (p: Platform, who: Principal, code: string, i: { reason: string }) =>
    handBackCritique(p, who, code, i.reason),
  award: (p: Platform, who: Principal, code: string, i: { citation: string }) =>
    grantCritiqueAward(p, who, code, i.citation),
  'revoke-award': (p: Platform, who: Principal, code: string, _: NoInput) =>
    revokeCritiqueAward(p, who, code),
};

export type CritiqueAction = keyof typeof RUN;
/** What an action takes besides the critique (validated by the caller: the API's schemas). */
export type CritiqueActionInput<A extends CritiqueAction> = Parameters<(typeof RUN)[A]>[3];

/**
 * Who may take each action: the office triages and grants awards; the office or the
 * assigned department answers and reports a rectification; the department hands a
 * misrouted critique back. (Whether this critique is theirs is the use case's check.)
 */
export const CRITIQUE_ACTION_ROLES: Readonly<Record<CritiqueAction, readonly Role[]>> = {
  accept: ['office'],
  reject: ['office'],
  duplicate: ['office'],
  route: ['office'],
  reply: ['office', 'department'],
  rectify: ['office', 'department'],
  'hand-back': ['department'],
  award: ['office'],
  'revoke-award': ['office'],
};

/** Every action, in the table's order. */
export const CRITIQUE_ACTIONS = Object.keys(RUN) as CritiqueAction[];

/** Take `action` on the critique `code` as `who`; the critique as staff see it afterwards. */
export function actOnCritique<A extends CritiqueAction>(
  p: Platform,
  who: Principal,
  code: string,
  action: A,
  input: CritiqueActionInput<A>,
): ReturnType<(typeof RUN)[A]> {
  const run = RUN[action] as (
    p: Platform,
    who: Principal,
    code: string,
    input: CritiqueActionInput<A>,
  ) => ReturnType<(typeof RUN)[A]>;
  return run(p, who, code, input);
}
