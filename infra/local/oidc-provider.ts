/**
 * The local OpenID provider of `npm start` and the tests: a real OpenID Connect issuer
 * (`oidc-provider`) on 127.0.0.1, on its own port, holding the demo users of
 * demo-users.ts with their groups. The site signs staff in with it exactly as it does
 * with Cognito or a city's issuer in the cloud (web/oidc/): discovery, the code flow with
 * PKCE, ID tokens carrying the groups claim (`cognito:groups`, as Cognito's do), refresh,
 * RP-initiated logout. Its sign-in page lists the demo users with a one-click sign-in
 * (oidc-pages.tsx), which is what the old dev sign-in page offered.
 *
 * - The signing keys (an RS256 JWKS), the cookie keys and the site's client secret are
 *   generated once and kept in the data folder (0600, like the other keys there).
 * - Sessions, codes and tokens live in memory: restarting `npm start` signs the provider
 *   out, not the site (the site's sessions are in the table).
 * - The site is its one client, confidential (client secret) and first-party: it is
 *   granted the scopes it asks for without a consent page. Refresh tokens are issued to it
 *   and not rotated (Cognito's default), and end with the provider session.
 * - Like the local server, it answers only requests addressed to this machine (421
 *   otherwise), so a web page cannot rebind a name to it and sign itself in.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';
import { DEMO_USERS, type DemoUser } from './demo-users.js';
import { isLocalHost, LOCAL_HOST } from './local-server.js';
import { errorPage, langOfLocales, loginPage, logoutPage, signedOutPage } from './oidc-pages.js';
import { writePrivateFile } from './paths.js';

/** The site's client at the local provider. */
export const LOCAL_SITE_CLIENT_ID = 'woodpecker-local-site';

/** What the provider keeps in the data folder. */
interface ProviderKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
  clientSecret: string;
}

async function loadOrCreateProviderKeys(file: string): Promise<ProviderKeys> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ProviderKeys;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const keys: ProviderKeys = {
    jwks: {
      keys: [
        {
          ...(await exportJWK(privateKey)),
          kid: `local-${Date.now().toString(36)}`,
          alg: 'RS256',
          use: 'sig',
        },
      ],
    },
    cookieKeys: [randomBytes(32).toString('base64url')],
    clientSecret: randomBytes(32).toString('base64url'),
  };
  writePrivateFile(file, JSON.stringify(keys, null, 2));
  return keys;
}

/** One provider's sessions, codes, tokens and interactions, each kept until it expires. */
class MemoryStore {
  readonly items = new Map<string, { payload: AdapterPayload; until: number }>();
  readonly uids = new Map<string, string>();
  readonly grants = new Map<string, Set<string>>();
}

/**
 * The provider's storage interface over a `MemoryStore`, written out here (the package's
 * own in-memory adapter announces itself as for quick starts only).
 */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MemoryStore,
  ) {}

  private key(id: string) {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    this.store.items.set(key, { payload, until: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (payload.uid) this.store.uids.set(payload.uid, id);
    if (payload.grantId) {
      const keys = this.store.grants.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.store.grants.set(payload.grantId, keys);
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const key = this.key(id);
    const item = this.store.items.get(key);
    if (!item) return undefined;
    if (item.until <= Date.now()) {
      this.store.items.delete(key);
      return undefined;
    }
    return item.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.uids.get(uid);
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined; // no device flow
  }

  async consume(id: string): Promise<void> {
    const item = this.store.items.get(this.key(id));
    if (item) item.payload = { ...item.payload, consumed: Math.floor(Date.now() / 1000) };
  }

  async destroy(id: string): Promise<void> {
    this.store.items.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.grants.get(grantId) ?? []) this.store.items.delete(key);
    this.store.grants.delete(grantId);
  }
}

export interface LocalProviderOptions {
  /** Where the keys are kept (created on first start). */
  keysFile: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** The site's origins: its redirect URI is `<origin>/staff/callback`, its post-logout one `<origin>/`. */
  siteOrigins: readonly string[];
  /** The claim the groups are sent in (WOODPECKER_OIDC_GROUPS_CLAIM; Cognito's by default). */
  groupsClaim?: string;
  users?: readonly DemoUser[];
}

export interface RunningProvider {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** The environment the site signs in with (functions/shared/oidc-config.ts). */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/** The form fields of a urlencoded request body (at most 16 KB). */
async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) break;
  }
  return new URLSearchParams(body);
}

function send(res: ServerResponse, status: number, page: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(page);
}

/** Start the provider; `stop()` closes it. */
export async function startLocalProvider(options: LocalProviderOptions): Promise<RunningProvider> {
  const keys = await loadOrCreateProviderKeys(options.keysFile);
  const users = options.users ?? DEMO_USERS;
  const groupsClaim = options.groupsClaim ?? 'cognito:groups';
  const origins = [...new Set(options.siteOrigins.map((o) => new URL(o).origin))];

  // Listen first: the issuer is this server's own address, port included.
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOCAL_HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${LOCAL_HOST}:${port}`;

  const memory = new MemoryStore();
  const configuration: Configuration = {
    adapter: (model: string) => new MemoryAdapter(model, memory),
    clients: [
      {
        client_id: LOCAL_SITE_CLIENT_ID,
        client_secret: keys.clientSecret,
        client_name: 'Woodpecker',
        redirect_uris: origins.map((o) => `${o}/staff/callback`),
        post_logout_redirect_uris: origins.map((o) => `${o}/`),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: keys.jwks as Configuration['jwks'],
    cookies: { keys: keys.cookieKeys },
    async findAccount(_ctx, id) {
      const user = users.find((u) => u.id === id);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          name: user.name,
          email: `${user.id}@woodpecker.local`,
          email_verified: true,
          [groupsClaim]: user.groups,
        }),
      };
    },
    claims: { openid: ['sub', groupsClaim], profile: ['name'], email: ['email', 'email_verified'] },
    // The groups go in the ID token (as Cognito's do), not only in userinfo.
    conformIdTokenClaims: false,
    // The site is the one, first-party client: it gets what it asks for, no consent page.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      if (!oidc.session?.accountId || !oidc.client) return undefined;
      const id = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      const grant =
        (id ? await oidc.provider.Grant.find(id) : undefined) ??
        new oidc.provider.Grant({ accountId: oidc.session.accountId, clientId: oidc.client.clientId });
      grant.addOIDCScope(oidc.requestParamOIDCScopes);
      grant.addOIDCClaims(oidc.requestParamClaims);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    pkce: { required: () => true },
    responseTypes: ['code'],
    clientBasedCORS: () => false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(langOfLocales(ctx.oidc.params?.ui_locales), form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage(langOfLocales(ctx.oidc.params?.ui_locales));
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(langOfLocales(ctx.oidc?.params?.ui_locales), String(out.error));
    },
    // Cognito's lifetimes: an hour for access and ID tokens; the provider session and the
    // refresh token outlast the site's eight-hour sessions.
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 12 * 3600,
      Session: 12 * 3600,
      Grant: 12 * 3600,
      Interaction: 3600,
      ClientCredentials: 600,
      DeviceCode: 600,
      BackchannelAuthenticationRequest: 600,
      PreAuthorizedCode: 600,
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  /** The sign-in page of an interaction, and its one-click post. */
  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, login: boolean) {
    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    const lang = langOfLocales(details?.params.ui_locales);
    if (!details || details.uid !== uid) return send(res, 400, errorPage(lang, 'invalid_interaction'));
    if (details.prompt.name !== 'login') {
      // Consent is never asked of the site (see loadExistingGrant): grant and go on.
      const grant =
        (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
        new provider.Grant({
          accountId: String(details.session?.accountId),
          clientId: String(details.params.client_id),
        });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    if (!login) return send(res, 200, loginPage(lang, uid, users));
    if (req.method !== 'POST') return send(res, 405, errorPage(lang, 'method_not_allowed'));
    const chosen = (await formOf(req)).get('user');
    const user = users.find((u) => u.id === chosen);
    if (!user) return send(res, 200, loginPage(lang, uid, users));
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.id } },
      { mergeWithLastSubmission: false },
    );
  }

  // The site's origins may receive this provider's form posts' redirects (login, logout).
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${origins.join(' ')}; frame-ancestors 'none'; base-uri 'none'`;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!isLocalHost(req.headers.host, issuer)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('This provider answers only requests addressed to localhost or 127.0.0.1.');
      return;
    }
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    const path = new URL(req.url ?? '/', issuer).pathname;
    const m = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(path);
    if (!m) {
      callback(req, res);
      return;
    }
    interaction(req, res, m[1] ?? '', m[2] !== undefined).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorPage('zh', 'server_error'));
      else res.end();
      console.error('local OpenID provider:', err);
    });
  });

  return {
    issuer,
    port,
    clientId: LOCAL_SITE_CLIENT_ID,
    clientSecret: keys.clientSecret,
    env: {
      WOODPECKER_OIDC_ISSUER: issuer,
      WOODPECKER_OIDC_CLIENT_ID: LOCAL_SITE_CLIENT_ID,
      WOODPECKER_OIDC_CLIENT_SECRET: keys.clientSecret,
      WOODPECKER_OIDC_GROUPS_CLAIM: groupsClaim,
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
