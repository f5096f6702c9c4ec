/**
 * Who, by name, an audience is: the duty contacts a unit keeps (a department, the
 * office, the inspectors), their deputies when no duty contact is on, and for a
 * department with neither the office's contacts, marked as a fallback so the office
 * sees why it was told.
 */
import { type Audience, INSPECTOR_UNIT, OFFICE_UNIT, type Recipient } from './model.js';

export const CONTACT_ROLES = ['duty', 'deputy'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** A duty contact as the office keeps it, mapped to a staff identity (OIDC `sub`). */
export interface DutyContact {
  unit: string;
  sub: string;
  name: string;
  role: ContactRole;
  email?: string | undefined;
  phone?: string | undefined;
  /** Takes e-mail (and SMS) besides the inbox; a daily digest instead of one by one. */
  channels?: ('email' | 'sms')[] | undefined;
  digest?: boolean | undefined;
  updatedAt: string;
  updatedBy: string;
}

/** The unit whose roster an audience reads. */
export function unitOf(audience: Audience, departmentId: string | undefined): string | undefined {
  if (audience === 'office') return OFFICE_UNIT;
  if (audience === 'inspector') return INSPECTOR_UNIT;
  return departmentId;
}

function pick(contacts: readonly DutyContact[]): DutyContact[] {
  const duty = contacts.filter((c) => c.role === 'duty');
  return duty.length ? duty : contacts.filter((c) => c.role === 'deputy');
}

const asRecipient = (c: DutyContact, fallback: boolean): Recipient => ({
  sub: c.sub,
  name: c.name,
  email: c.email,
  phone: c.phone,
  unit: c.unit,
  fallback,
});

/**
 * The recipients of an audience, given a way to read a unit's roster: duty contacts,
 * else deputies; a department with neither falls back to the office (`fallback`).
 */
export async function recipientsFor(
  audience: Audience,
  departmentId: string | undefined,
  rosterOf: (unit: string) => Promise<readonly DutyContact[]>,
): Promise<{ recipients: Recipient[]; contacts: DutyContact[] }> {
  const unit = unitOf(audience, departmentId);
  if (unit) {
    const own = pick(await rosterOf(unit));
    if (own.length) return { recipients: own.map((c) => asRecipient(c, false)), contacts: own };
  }
  if (audience !== 'department') return { recipients: [], contacts: [] };
  const office = pick(await rosterOf(OFFICE_UNIT));
  return { recipients: office.map((c) => asRecipient(c, true)), contacts: office };
}
