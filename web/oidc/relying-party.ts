/**
 * The site as an OpenID Connect relying party, over `openid-client`: the authorization
 * code flow with PKCE (S256), state and nonce; the ID token validated (issuer, audience,
 * expiry, nonce, and its signature against the provider's key set); refresh; and
 * RP-initiated logout. The same code runs against Cognito in AWS, the local OpenID
 * provider of `npm start` and any other issuer (functions/shared/oidc-config.ts).
 *
 * Discovery is cached at module scope for an hour (a warm function signs in with no
 * extra request); a failed discovery is not cached, so the next request tries again.
 * Plain HTTP is allowed only to an issuer on this machine (the local provider).
 */
import * as oidc from 'openid-client';
import { groupsOfClaims } from '../../functions/shared/groups-claim.js';
import { type OidcConfig, oidcClientSecret } from '../../functions/shared/oidc-config.js';

/** Seconds the provider has to answer before sign-in counts it as down. */
const TIMEOUT_SECONDS = 5;
const DISCOVERY_MAX_AGE_MS = 60 * 60_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The provider did not answer (down, unreachable, timed out, or a 5xx). */
export class ProviderUnavailable extends Error {}

let discovered: { key: string; at: number; configuration: Promise<oidc.Configuration> } | undefined;

/** Forget the cached discovery (tests that stop and start providers). */
export function resetDiscovery(): void {
  discovered = undefined;
}

function clientAuth(config: OidcConfig, secret: string | undefined): oidc.ClientAuth {
  if (!secret) return oidc.None();
  return config.clientAuth === 'client_secret_post'
    ? oidc.ClientSecretPost(secret)
    : oidc.ClientSecretBasic(secret);
}

/** The provider's configuration for this client, discovered once (see the module comment). */
export async function providerConfiguration(config: OidcConfig): Promise<oidc.Configuration> {
  const secret = await oidcClientSecret(config);
  const key = JSON.stringify([config.issuer, config.clientId, config.clientAuth, secret ?? '']);
  if (!discovered || discovered.key !== key || Date.now() - discovered.at > DISCOVERY_MAX_AGE_MS) {
    const issuer = new URL(config.issuer);
    const local = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
    const configuration = oidc.discovery(issuer, config.clientId, undefined, clientAuth(config, secret), {
      timeout: TIMEOUT_SECONDS,
      execute: [
        oidc.enableNonRepudiationChecks,
        // Plain HTTP only to an issuer on this machine (openid-client marks it deprecated to stand out).
        ...(local ? [oidc.allowInsecureRequests] : []),
      ],
    });
    const entry = { key, at: Date.now(), configuration };
    discovered = entry;
    configuration.catch(() => {
      if (discovered === entry) discovered = undefined;
    });
  }
  try {
    return await discovered.configuration;
  } catch (err) {
    throw new ProviderUnavailable(`OpenID discovery of ${config.issuer} failed`, { cause: err });
  }
}

/**
 * Whether a failure means the provider could not be asked (a page says "try again"),
 * rather than that it answered no (a refused code, a rejected refresh token).
 */
export function unreachable(err: unknown): boolean {
  if (err instanceof ProviderUnavailable) return true;
  // fetch's network errors (refused, reset, DNS) are TypeErrors; its timeouts DOMExceptions.
  if (err instanceof TypeError) return true;
  if (err instanceof DOMException) return err.name === 'TimeoutError' || err.name === 'AbortError';
  if (err instanceof oidc.ClientError && err.cause instanceof Response) return err.cause.status >= 500;
  return false;
}

/** What the browser must bring back to the callback, kept by the site until then. */
export interface SignInChecks {
  state: string;
  nonce: string;
  /** The PKCE code verifier (the challenge sent is its S256 hash). */
  verifier: string;
  redirectUri: string;
}

/** The provider's authorization URL for a new sign-in, and what its callback is checked against. */
export async function beginSignIn(
  config: OidcConfig,
  options: { redirectUri: string; uiLocales: string },
): Promise<{ url: string; checks: SignInChecks }> {
  const configuration = await providerConfiguration(config);
  const checks: SignInChecks = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    redirectUri: options.redirectUri,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: options.redirectUri,
    scope: config.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
    ui_locales: options.uiLocales,
  });
  return { url: url.href, checks };
}

/** Who the provider vouched for, and the tokens a session keeps. */
export interface ProviderIdentity {
  subject: string;
  groups: string[];
  tokens: { idToken?: string; refreshToken?: string; accessExpiresAt?: string };
}

function identityOf(
  config: OidcConfig,
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  now: Date,
): ProviderIdentity | undefined {
  const claims = tokens.claims();
  if (!claims) return undefined;
  const expiresIn = tokens.expiresIn();
  return {
    subject: claims.sub,
    groups: groupsOfClaims(claims, config.groupsClaim),
    tokens: {
      ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      ...(expiresIn !== undefined
        ? { accessExpiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString() }
        : {}),
    },
  };
}

/**
 * Exchange the code of the callback at `currentUrl` (the redirect URI with the query the
 * provider added): state, PKCE and nonce checked, the ID token validated. Throws what
 * openid-client throws for a refused or malformed answer; `unreachable` tells them apart.
 */
export async function finishSignIn(
  config: OidcConfig,
  currentUrl: URL,
  checks: SignInChecks,
  now: Date,
): Promise<ProviderIdentity> {
  const configuration = await providerConfiguration(config);
  const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: checks.verifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const identity = identityOf(config, tokens, now);
  if (!identity) throw new oidc.ClientError('The provider sent no ID token.');
  return identity;
}

/**
 * New tokens for a session's refresh token. The refreshed ID token, when the provider
 * sends one, must name the same subject; its groups then replace the session's (a role
 * taken away at the provider ends within one access-token lifetime). A provider that
 * sends no new refresh token or ID token leaves the session's in place.
 */
export async function refreshSignIn(
  config: OidcConfig,
  refreshToken: string,
  subject: string,
  now: Date,
): Promise<{ groups?: string[]; tokens: ProviderIdentity['tokens'] }> {
  const configuration = await providerConfiguration(config);
  const tokens = await oidc.refreshTokenGrant(configuration, refreshToken);
  const identity = identityOf(config, tokens, now);
  const expiresIn = tokens.expiresIn();
  if (identity && identity.subject !== subject)
    throw new oidc.ClientError('The refreshed ID token names another subject.');
  return {
    ...(identity ? { groups: identity.groups } : {}),
    tokens: {
      ...identity?.tokens,
      ...(expiresIn !== undefined
        ? { accessExpiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString() }
        : {}),
    },
  };
}

/**
 * Where the browser goes to end its session at the provider, or undefined when the
 * provider offers no way: RP-initiated logout at the discovered `end_session_endpoint`
 * (with the ID token as hint), else the configured logout URL (Cognito's `/logout`, which
 * reads `client_id` and `logout_uri`). A provider that cannot be reached for discovery
 * leaves only the configured URL.
 */
export async function providerLogoutUrl(
  config: OidcConfig,
  options: { idToken?: string; returnTo: string; uiLocales?: string },
): Promise<string | undefined> {
  const configuration = await providerConfiguration(config).catch(() => undefined);
  if (configuration?.serverMetadata().end_session_endpoint) {
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: options.returnTo,
      ...(options.idToken ? { id_token_hint: options.idToken } : {}),
      ...(options.uiLocales ? { ui_locales: options.uiLocales } : {}),
    }).href;
  }
  if (!config.logoutUrl) return undefined;
  const url = new URL(config.logoutUrl);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', options.returnTo);
  return url.href;
}
