/**
 * Server-side staff sessions. The browser's cookie holds only a random 256-bit id; the
 * item, keyed by the id's SHA-256 (a leaked table or backup yields no usable cookie),
 * holds who signed in — subject and groups, whatever OpenID provider vouched for them —
 * when it ends, and optionally the provider's tokens (refreshed before they expire).
 * Reads are strongly consistent and check the expiry themselves (TTL deletion is lazy),
 * so a deleted or expired session stops working at once, even for a copied cookie.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { bindStore } from './bind.js';
import type { StoreClient } from './client.js';
import { conditionalWrite } from './conditional-write.js';
import { keys } from './keys.js';

/** Who a session is for, as the identity provider vouched for them. */
export interface StaffSession {
  /** The provider's subject (`sub`). */
  subject: string;
  /** Group names as the provider states them (`office`, `inspector`, `dept:<id>`...). */
  groups: string[];
  /** Which provider vouched: the OIDC issuer, or e.g. `test`. */
  provider: string;
  createdAt: string;
  /** When the session ends, whatever the cookie says. */
  expiresAt: string;
  /** The provider's tokens, for a later refresh or provider sign-out (OIDC). */
  tokens?: {
    idToken?: string;
    accessToken?: string;
    refreshToken?: string;
    /** When the provider's access token expires: the session refreshes before then. */
    accessExpiresAt?: string;
  };
}

/** A session id in its cookie form: 32 random bytes, base64url. */
const ID_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (id: string) => createHash('sha256').update(id).digest('base64url');

function sessionOf(item: Record<string, unknown>): StaffSession {
  const tokens = item.tokens as StaffSession['tokens'] | undefined;
  return {
    subject: String(item.subject),
    groups: Array.isArray(item.groups) ? item.groups.map(String) : [],
    provider: String(item.provider),
    createdAt: String(item.createdAt),
    expiresAt: String(item.expiresAt),
    ...(tokens ? { tokens } : {}),
  };
}

/** Store a new session and return its id (the cookie value, never stored). */
async function createSession(store: StoreClient, session: StaffSession): Promise<string> {
  for (;;) {
    const id = randomBytes(32).toString('base64url');
    const written = await conditionalWrite(
      store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...keys.staffSession(hashOf(id)),
            type: 'staffSession',
            v: 1,
            ...session,
            ttl: Math.ceil(Date.parse(session.expiresAt) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (written) return id;
  }
}

/** The live session of a cookie value: undefined when malformed, unknown, ended or expired at `now`. */
async function readSession(store: StoreClient, id: string, now: Date): Promise<StaffSession | undefined> {
  if (!ID_FORMAT.test(id)) return undefined;
  const out = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.staffSession(hashOf(id)), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const session = sessionOf(out.Item);
  return Date.parse(session.expiresAt) > now.getTime() ? session : undefined;
}

/**
 * A refresh at the provider (web/oidc/refresh.ts): the session's new tokens and the
 * groups the refreshed ID token states. Only a session that still exists is updated (one
 * signed out meanwhile stays ended); false when there was none.
 */
async function updateSession(
  store: StoreClient,
  id: string,
  update: Pick<StaffSession, 'groups' | 'tokens'>,
): Promise<boolean> {
  if (!ID_FORMAT.test(id)) return false;
  return conditionalWrite(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.staffSession(hashOf(id)),
        UpdateExpression: 'SET #groups = :groups, #tokens = :tokens',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#groups': 'groups', '#tokens': 'tokens' },
        ExpressionAttributeValues: { ':groups': update.groups, ':tokens': update.tokens ?? {} },
      }),
    ),
  );
}

/** End a session (sign-out): from now on its cookie is worth nothing. */
async function deleteSession(store: StoreClient, id: string): Promise<void> {
  if (!ID_FORMAT.test(id)) return;
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.staffSession(hashOf(id)) }));
}

/** The staff sessions, as `p.sessions`: the functions above with the client bound. */
export function sessionStore(store: StoreClient) {
  return bindStore(store, { createSession, readSession, updateSession, deleteSession });
}

export type SessionStore = ReturnType<typeof sessionStore>;
