/**
 * Keeping a signed-in session's provider tokens fresh, on the request that finds them
 * near expiry (web/session.ts asks here each time it reads a session): within
 * `REFRESH_BEFORE_MS` of the access token's expiry, the refresh token is exchanged for new
 * tokens and the session updated, its groups included (a role removed at the provider
 * ends within one access-token lifetime). The provider saying no — the refresh token
 * revoked, expired, or the provider session ended — ends the session. A provider that
 * cannot be reached gets more tries while the access token is still valid, so a blip
 * signs nobody out; after expiry that too ends the session.
 *
 * Sessions without a refresh token (e.g. started by a test from a bearer token) are left
 * alone; they end at their own expiry.
 */
import { readOidcConfig } from '../../functions/shared/oidc-config.js';
import { logger } from '../../functions/shared/powertools.js';
import type { StaffSession } from '../../functions/store/sessions.js';
import { refreshSignIn, unreachable } from './relying-party.js';

/** How long before the access token's expiry a request refreshes it. */
export const REFRESH_BEFORE_MS = 5 * 60_000;

/** How the caller reads and writes the session being kept fresh. */
export interface SessionAccess {
  update: (update: Pick<StaffSession, 'groups' | 'tokens'>) => Promise<boolean>;
  reread: () => Promise<StaffSession | undefined>;
}

/** The session to go on with (refreshed if it was due), or undefined when it has ended. */
export async function keepFresh(
  session: StaffSession,
  now: Date,
  access: SessionAccess,
): Promise<StaffSession | undefined> {
  const tokens = session.tokens;
  if (!tokens?.refreshToken || !tokens.accessExpiresAt) return session;
  const expiresAt = Date.parse(tokens.accessExpiresAt);
  if (expiresAt - now.getTime() > REFRESH_BEFORE_MS) return session;
  const stillValid = expiresAt > now.getTime();
  const config = readOidcConfig();
  // Signed in with a provider this deployment no longer uses: it cannot be refreshed.
  if (!config || config.issuer !== session.provider) return stillValid ? session : undefined;
  try {
    const fresh = await refreshSignIn(config, tokens.refreshToken, session.subject, now);
    const update = { groups: fresh.groups ?? session.groups, tokens: { ...tokens, ...fresh.tokens } };
    return (await access.update(update)) ? { ...session, ...update } : undefined;
  } catch (err) {
    if (unreachable(err) && stillValid) {
      logger.warn('token refresh: provider unreachable, trying again on the next request', {
        error: String(err),
      });
      return session;
    }
    // A request alongside may have refreshed first (a provider that rotates refresh
    // tokens refuses the old one): go on with what it stored.
    const again = await access.reread();
    if (again?.tokens?.refreshToken && again.tokens.refreshToken !== tokens.refreshToken) return again;
    logger.info('token refresh failed: the session ends', { error: String(err) });
    return undefined;
  }
}
