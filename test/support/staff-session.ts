/**
 * Staff sign-in for tests, as the browser holds it (no vitest import, so the browser
 * helpers and benchmarks can use it too).
 */
import { identityFromToken, openSession } from '../../web/session.js';

/** The site's origin in the test platform (`WOODPECKER_PUBLIC_URL`): what a browser on the site sends as `Origin`. */
export const SITE_ORIGIN = 'http://localhost:3000';

const sessions = new Map<string, Promise<string>>();

/**
 * A server-side session started from a staff token (verified as the sign-in verifies
 * it), as the `cookie` header value for a site on plain http://localhost or 127.0.0.1
 * (`wp_session=…`). Memoised per token, so a test may ask again for free.
 */
export function sessionCookie(token: string): Promise<string> {
  let cookie = sessions.get(token);
  if (!cookie) {
    cookie = identityFromToken(token, 'test')
      .then(openSession)
      .then(({ id }) => `wp_session=${id}`);
    sessions.set(token, cookie);
  }
  return cookie;
}
