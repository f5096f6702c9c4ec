/**
 * The staff consoles' navigation: each feature registers its console pages with the
 * roles that may use them, and the layout shows a signed-in user only theirs. The
 * `/staff` landing groups them into the consoles of the roles the user holds: the
 * department inbox, the efficiency office and the inspector's.
 */
import type { Principal, Role } from '../functions/domain/identity.js';
import type { Lang, MessageKey } from './i18n.js';
import { t } from './i18n.js';

export interface StaffLink {
  href: string;
  label: MessageKey;
  roles: Role[];
}

export const staffLinks: StaffLink[] = [];

/** The consoles, in the order the landing lists them, with the role each belongs to. */
export const CONSOLES: { role: Role; title: MessageKey; intro: MessageKey }[] = [
  { role: 'department', title: 'consoleDepartment', intro: 'consoleDepartmentIntro' },
  { role: 'office', title: 'consoleOffice', intro: 'consoleOfficeIntro' },
  { role: 'inspector', title: 'consoleInspector', intro: 'consoleInspectorIntro' },
];

const ROLE_KEYS: Record<Role, MessageKey> = {
  office: 'roleOffice',
  inspector: 'roleInspector',
  department: 'roleDepartment',
  system: 'roleSystem',
};

export function roleLabel(lang: Lang, role: Role): string {
  return t(lang, ROLE_KEYS[role]);
}

export function linksFor(p: Principal, lang: Lang): { href: string; label: string }[] {
  const seen = new Set<string>();
  return staffLinks
    .filter((l) => l.roles.some((r) => p.roles.has(r)))
    .filter((l) => !seen.has(l.href) && seen.add(l.href))
    .map((l) => ({ href: l.href, label: t(lang, l.label) }));
}

/** The consoles of the roles a user holds, each with the pages of that role. */
export function consolesFor(
  p: Principal,
  lang: Lang,
): { role: Role; title: string; intro: string; links: { href: string; label: string }[] }[] {
  return CONSOLES.filter((c) => p.roles.has(c.role)).map((c) => ({
    role: c.role,
    title: t(lang, c.title),
    intro: t(lang, c.intro),
    links: staffLinks
      .filter((l) => l.roles.includes(c.role))
      .map((l) => ({ href: l.href, label: t(lang, l.label) })),
  }));
}
