/**
 * Which pages a shared cache may keep, and on what they vary: the one source read by
 * the page guard (the `Cache-Control` every page answer carries) and by the site stack
 * (CloudFront's page behaviours and cache key), so the edge and the origin cannot
 * disagree. Public pages are rendered by the pages function on a cache miss; everything
 * personal goes to it every time.
 */

/**
 * Paths that are somebody's own or change state — a rating link and its receipt, a
 * critique's forms and tracking, the preference switches, the staff consoles and their
 * sign-in — in CloudFront's path-pattern syntax (`*` any characters, `?` one). Never
 * cached at the edge; answered `private, no-store`.
 */
export const PERSONAL_PAGE_PATTERNS = [
  '/staff',
  '/staff/*',
  '/rate/*',
  '/receipt/*',
  '/critiques/*',
  '/prefs/*',
] as const;

/** The paths of the machine interfaces: never cached, their own error shapes. */
export const API_PATH_PATTERNS = ['/api/*', '/open311/*', '/healthz'] as const;

/** The bundled client scripts and icons (web/assets.ts, web/favicon.ts): cached long. */
export const ASSET_PATH_PATTERNS = ['/assets/*', '/favicon.*'] as const;

/**
 * The cookies a public page is rendered differently for: the language, the elderly mode,
 * and a staff session (a page shown to signed-in staff carries their navigation and is
 * answered `no-store`, so with the session in the key a citizen never gets it and staff
 * never get the anonymous copy). Nothing else a viewer sends reaches a cached page.
 */
export const PAGE_KEY_COOKIES = ['wp_lang', 'wp_elder', 'wp_session', '__Host-wp_session'] as const;

/**
 * A public page: an edge keeps it a minute (`s-maxage`) and may serve it up to five
 * minutes stale while it fetches a new one, and for a day when the origin fails (the table
 * briefly down); a browser revalidates every time (`max-age=0`, answered 304 by ETag),
 * since it would not know that a preference cookie changed the page.
 */
export const PUBLIC_PAGE_CACHE_CONTROL =
  'public, max-age=0, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400';

/** A missing public page: kept briefly, so a burst of requests for it costs one render. */
export const MISSING_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60';

/** Anything personal, any page shown to staff, any error but a 404: kept by no cache. */
export const PERSONAL_CACHE_CONTROL = 'private, no-store';

/** The path patterns a CloudFront behaviour matches, as a regular expression. */
export function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const personal = PERSONAL_PAGE_PATTERNS.map(patternRegExp);

/** Whether `path` is one of the personal pages (matched as CloudFront matches behaviours). */
export function isPersonalPage(path: string): boolean {
  return personal.some((re) => re.test(path));
}
