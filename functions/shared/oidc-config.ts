/**
 * Staff sign-in over OpenID Connect: which provider, read from the environment like
 * `config.ts`. The same variables name Cognito in AWS (the stack sets them from the user
 * pool), the local OpenID provider under `npm start`, or any other issuer — a city's
 * unified identity platform (统一身份认证) — by configuration:
 *
 * - `WOODPECKER_OIDC_ISSUER`: the issuer URL; discovery reads
 *   `<issuer>/.well-known/openid-configuration`. Without it staff cannot sign in to the pages.
 * - `WOODPECKER_OIDC_CLIENT_ID`: the site's client at that provider.
 * - `WOODPECKER_OIDC_CLIENT_SECRET_ARN` (in the cloud, Secrets Manager, read on first use
 *   and kept five minutes) or `WOODPECKER_OIDC_CLIENT_SECRET` (locally): the client secret,
 *   for a confidential client; neither for a public one (Cognito's staff client, PKCE only).
 * - `WOODPECKER_OIDC_CLIENT_AUTH`: `client_secret_basic` (default) or `client_secret_post`.
 * - `WOODPECKER_OIDC_GROUPS_CLAIM`: the ID token claim listing the staff member's groups
 *   (`office`, `inspector`, `system`, `dept:<id>`); Cognito's `cognito:groups` by default.
 * - `WOODPECKER_OIDC_SCOPES`: requested scopes, `openid email profile` by default.
 * - `WOODPECKER_OIDC_LOGOUT_URL`: for a provider whose discovery has no
 *   `end_session_endpoint` (Cognito: `https://<domain>/logout`), where sign-out sends the
 *   browser, with `client_id` and `logout_uri` as Cognito reads them.
 */
import { fetchSecret, SECRET_MAX_AGE_MS } from './secrets.js';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Where the client secret comes from, when the client has one. */
  clientSecret?: { value: string } | { arn: string };
  clientAuth: 'client_secret_basic' | 'client_secret_post';
  groupsClaim: string;
  scopes: string;
  logoutUrl?: string;
}

/** How the client secret is sent to the token endpoint (HTTP Basic unless told otherwise). */
const CLIENT_AUTH = new Set(['client_secret_basic', 'client_secret_post']);

/** The provider the pages sign staff in with, or undefined when none is configured. */
export function readOidcConfig(env: NodeJS.ProcessEnv = process.env): OidcConfig | undefined {
  const issuer = env.WOODPECKER_OIDC_ISSUER?.trim();
  const clientId = env.WOODPECKER_OIDC_CLIENT_ID?.trim();
  if (!issuer || !clientId || !isHttpUrl(issuer)) return undefined;
  const secret = env.WOODPECKER_OIDC_CLIENT_SECRET;
  const arn = env.WOODPECKER_OIDC_CLIENT_SECRET_ARN?.trim();
  const logoutUrl = env.WOODPECKER_OIDC_LOGOUT_URL?.trim();
  const auth = env.WOODPECKER_OIDC_CLIENT_AUTH?.trim() ?? '';
  return {
    issuer,
    clientId,
    ...(secret ? { clientSecret: { value: secret } } : arn ? { clientSecret: { arn } } : {}),
    clientAuth: CLIENT_AUTH.has(auth) ? (auth as OidcConfig['clientAuth']) : 'client_secret_basic',
    groupsClaim: env.WOODPECKER_OIDC_GROUPS_CLAIM?.trim() || 'cognito:groups',
    scopes: env.WOODPECKER_OIDC_SCOPES?.trim() || 'openid email profile',
    ...(logoutUrl && isHttpUrl(logoutUrl) ? { logoutUrl } : {}),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

let cached: { arn: string; value: string; fetchedAt: number } | undefined;

/** The client secret of `config`, or undefined for a public client. */
export async function oidcClientSecret(config: OidcConfig): Promise<string | undefined> {
  const source = config.clientSecret;
  if (!source) return undefined;
  if ('value' in source) return source.value;
  if (cached?.arn === source.arn && Date.now() - cached.fetchedAt < SECRET_MAX_AGE_MS) return cached.value;
  // A provider's secret may be shorter than the platform secret's 32 characters.
  const value = await fetchSecret(source.arn, 'The OIDC client secret', 8);
  cached = { arn: source.arn, value, fetchedAt: Date.now() };
  return value;
}
