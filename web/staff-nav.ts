/**
 * The staff consoles' navigation: each feature registers its console pages with the
 * roles that may use them, and the layout shows a signed-in user only theirs.
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

export function linksFor(p: Principal, lang: Lang): { href: string; label: string }[] {
  return staffLinks
    .filter((l) => l.roles.some((r) => p.roles.has(r)))
    .map((l) => ({ href: l.href, label: t(lang, l.label) }));
}
