/**
 * Which departments a supervision console page offers a staff member: inspectors and the
 * office every department, department staff their own (the use cases enforce the same
 * rule; this only decides what the page lists and pre-selects).
 */
import type { Principal } from '../../../functions/domain/identity.js';

/** Inspectors and the office see every department. */
export function seesEveryDepartment(who: Principal): boolean {
  return who.roles.has('inspector') || who.roles.has('office');
}

/** The department a page is pinned to: the staff member's first, unless they see every department. */
export function pinnedDepartment(who: Principal): string | undefined {
  return seesEveryDepartment(who) ? undefined : [...who.departments][0];
}

/** `names` (department id → name) narrowed to what `who` may pick. */
export function pickableDepartments(who: Principal, names: Map<string, string>): Map<string, string> {
  return seesEveryDepartment(who) ? names : new Map([...names].filter(([id]) => who.departments.has(id)));
}
