/**
 * Short links for SMS: a 70-character segment has no room for a console URL, so an
 * SMS links to `/s/<code>`, which redirects to the page of the item the alert is about
 * (the console page signs the reader in first). The code comes from the alert's id, so
 * a retried write keeps the same code; 40 bits of the id's hash, in base 36, are eight
 * characters that cannot be guessed in any useful number of tries.
 */
import type { AlertSubject } from './model.js';

/** The public path prefix of short links. */
export const SHORT_LINK_PREFIX = '/s/';

/** Eight lower-case letters and digits. */
export const SHORT_CODE = /^[0-9a-z]{8}$/;

/** The short code of an alert id (32 hex digits). */
export function shortCodeOf(alertId: string): string {
  return BigInt(`0x${alertId.slice(0, 10)}`)
    .toString(36)
    .padStart(8, '0');
}

/** The console page of the item an alert is about (a path on the site). */
export function subjectPath(subject: AlertSubject): string {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case 'rating':
      return `/staff/reviews/${id}`;
    case 'critique':
      return `/staff/critiques/${id}`;
    case 'supervisionOrder':
      return `/staff/orders/${id}`;
    case 'case':
      return '/staff/warnings';
  }
}

/** The full short link of an alert on the site at `baseUrl`. */
export function shortLinkOf(baseUrl: string, alertId: string): string {
  return `${baseUrl.replace(/\/$/, '')}${SHORT_LINK_PREFIX}${shortCodeOf(alertId)}`;
}
