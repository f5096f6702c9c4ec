/**
 * The whole platform on one machine: DynamoDB Local, the table, the API and site, the
 * stream poller feeding the aggregator, the scheduled jobs on timers, the local OpenID
 * provider staff sign in with (started once the site's port is known: it is registered
 * with the site's redirect URIs), and the dev pages. `npm start`, the integration tests and the soak run all start it through
 * here, so they exercise the same wiring.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createApiApp } from '../../functions/api/local-app.js';
import { runSweep } from '../../functions/handlers/sweeper.js';
import {
  type Clock,
  createPlatform,
  type Platform,
  setPlatform,
  systemClock,
} from '../../functions/platform.js';
import { createStoreClient } from '../../functions/store/client.js';
import { dispatchRecords, streamItemTypes } from '../../functions/usecases/stream-dispatch.js';
import { mountStaffSignIn } from '../../web/oidc/routes.js';
import { mountSite } from '../../web/site-app.js';
import { writeRuntimeInfo } from './connect.js';
import { ensureTable } from './create-table.js';
import { type DevChannels, mountDevPages } from './dev-pages.js';
import { type RunningDynamo, startDynamo } from './dynamodb-local.js';
import { type IssuerKeys, loadOrCreateIssuerKeys, localVerifierEnv } from './issuer.js';
import { LOCAL_HOST, serveLocal } from './local-server.js';
import { acquireLock } from './lock.js';
import { startLocalProvider } from './oidc-provider.js';
import { dataPaths, tightenDataFolder } from './paths.js';
import { loadOrCreateSecret } from './secrets.js';
import { startSmsGatewayMock } from './sms-gateway-mock.js';
import { startSmtpSink } from './smtp-sink.js';
import { StreamPoller } from './stream-poller.js';

export interface PlatformOptions {
  dataDir: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /**
   * Port of the local OpenID provider staff sign in with (0, the default, picks a free
   * one). Not started when WOODPECKER_OIDC_ISSUER names another issuer.
   */
  oidcPort?: number;
  tableName?: string;
  /** Poll the stream and run timers (default true). */
  background?: boolean;
  sweepIntervalMs?: number;
  clock?: Clock;
  log?: (message: string) => void;
  /** Receives the stop function as soon as there is anything to stop (signal handlers). */
  onStop?: (stop: () => Promise<void>) => void;
  /**
   * The scheduled jobs (the sweeper) skip their runs until this resolves: `npm start`
   * holds them while the demo seed loads, so nothing is swept from partial data. A
   * rejection keeps them held.
   */
  holdJobsUntil?: Promise<unknown>;
  /** Called after the table exists and before the server starts (seeding). */
  beforeServe?: (
    platform: Platform,
    running: Omit<RunningPlatform, 'url' | 'port' | 'stop' | 'oidcIssuer'>,
  ) => Promise<void>;
}

export interface RunningPlatform {
  url: string;
  /** The local SMTP sink and SMS gateway mock this start runs (none where one is configured). */
  channels?: DevChannels | undefined;
  port: number;
  endpoint: string;
  dynamo: RunningDynamo;
  platform: Platform;
  poller: StreamPoller | undefined;
  issuerKeys: IssuerKeys;
  /** The OpenID issuer staff sign in with: the local provider's, or the configured one. */
  oidcIssuer: string | undefined;
  /** Wait until the stream poller has nothing left to deliver. */
  drain: (timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const log = options.log ?? (() => {});
  const paths = dataPaths(options.dataDir);
  const releaseLock = acquireLock(paths.lockFile, paths.root);
  const cleanups: (() => Promise<void> | void)[] = [releaseLock];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        /* keep stopping the rest */
      }
    }
    cleanups.length = 0;
  };
  options.onStop?.(stopAll);
  try {
    const dynamo = await startDynamo({ dbPath: paths.dynamoDir, pidFile: paths.dynamoPidFile, log });
    cleanups.push(() => dynamo.stop());
    const tableName = options.tableName ?? 'woodpecker';
    const store = createStoreClient({ tableName, endpoint: dynamo.endpoint });
    cleanups.push(() => store.raw.destroy());
    if ((await ensureTable(store.raw, tableName)) === 'created') log(`Created table ${tableName}.`);
    tightenDataFolder(paths); // the database file DynamoDB Local just created

    const issuerKeys = await loadOrCreateIssuerKeys(paths.issuerKeyFile);
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      WOODPECKER_TABLE: tableName,
      ...localVerifierEnv(issuerKeys),
      WOODPECKER_SECRET: loadOrCreateSecret(paths.secretsFile),
    });
    const platform = createPlatform(store, options.clock ?? systemClock);
    setPlatform(platform);

    let poller: StreamPoller | undefined;
    const background = options.background !== false;
    if (background) {
      poller = new StreamPoller({
        client: store.raw,
        endpoint: dynamo.endpoint,
        tableName,
        checkpointFile: paths.streamCheckpointFile,
        handler: (event: DynamoDBStreamEvent) => dispatchRecords(platform, event.Records),
        // The item types the cloud's event filter lets through (infra/stacks/api-stack.ts).
        itemTypes: streamItemTypes(),
        log: (m, extra) => log(`${m} ${extra ? JSON.stringify(extra) : ''}`),
      });
      poller.start();
      cleanups.push(() => poller?.stop());
    }
    const drain = async (timeoutMs = 60_000) => {
      if (!poller) return;
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      while (Date.now() < deadline) {
        const got = await poller.pollOnce();
        quiet = got === 0 ? quiet + 1 : 0;
        if (quiet >= 2) return;
      }
      throw new Error('The stream did not drain in time.');
    };

    await options.beforeServe?.(platform, {
      endpoint: dynamo.endpoint,
      dynamo,
      platform,
      poller,
      issuerKeys,
      drain,
    });

    if (background) {
      // The same handlers the cloud's EventBridge schedules call.
      let held = options.holdJobsUntil !== undefined;
      options.holdJobsUntil?.then(
        () => {
          held = false;
        },
        () => {},
      );
      const every = (ms: number, name: string, job: () => Promise<unknown>) => {
        let running = false;
        const timer = setInterval(() => {
          if (running || held) return;
          running = true;
          job()
            .catch((err) => log(`${name} failed: ${String(err)}`))
            .finally(() => {
              running = false;
            });
        }, ms);
        timer.unref();
        cleanups.push(() => clearInterval(timer));
      };
      every(options.sweepIntervalMs ?? 60_000, 'sweeper', runSweep);
    }

    const channels = await startLocalChannels(cleanups);
    if (channels.sink) log(`Alert e-mail goes to the local SMTP sink at ${channels.sink.url}.`);
    if (channels.gateway) log(`Staff SMS go to the local SMS gateway at ${channels.gateway.url}.`);
    const app = createApiApp((a) => {
      mountDevPages(a, channels);
      mountStaffSignIn(a);
      mountSite(a);
    });
    // Loopback only, and only for requests addressed to it (see local-server.ts).
    const { server, port } = await serveLocal(app, options.port ?? 0);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        }),
    );
    const url = `http://${LOCAL_HOST}:${port}`;
    cleanups.push(
      writeRuntimeInfo(paths.root, { pid: process.pid, endpoint: dynamo.endpoint, tableName, url }),
    );
    process.env.WOODPECKER_PUBLIC_URL ??= url;
    const oidcIssuer = await startSignIn(paths.oidcProviderFile, port, options.oidcPort ?? 0, cleanups);
    if (oidcIssuer) log(`Staff sign in with the OpenID provider at ${oidcIssuer}.`);
    return {
      url,
      channels,
      port,
      endpoint: dynamo.endpoint,
      dynamo,
      platform,
      poller,
      issuerKeys,
      oidcIssuer,
      drain,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * The alert channels' local ends: a real SMTP sink unless an SMTP server is configured
 * (`WOODPECKER_SMTP_URL` or its secret), and the SMS gateway mock unless a gateway or SNS
 * is (`WOODPECKER_SMS_GATEWAY_URL`, `WOODPECKER_NOTIFIER=sns`). Their URLs are set in the
 * environment the sender reads (functions/usecases/alerts/config.ts) and removed at stop.
 */
async function startLocalChannels(cleanups: (() => Promise<void> | void)[]): Promise<DevChannels> {
  const env = process.env;
  const channels: DevChannels = {};
  const own = (name: string, value: string) => {
    env[name] = value;
    cleanups.push(() => {
      if (env[name] === value) delete env[name];
    });
  };
  if (!env.WOODPECKER_SMTP_URL && !env.WOODPECKER_SMTP_URL_SECRET_ARN) {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    own('WOODPECKER_SMTP_URL', sink.url);
    channels.sink = sink;
  }
  if (!env.WOODPECKER_SMS_GATEWAY_URL && env.WOODPECKER_NOTIFIER !== 'sns') {
    const gateway = await startSmsGatewayMock();
    cleanups.push(() => gateway.stop());
    own('WOODPECKER_SMS_GATEWAY_URL', gateway.url);
    channels.gateway = gateway;
  }
  return channels;
}

/** The environment this process set for its own local provider (to tell it from a configured issuer). */
let ownProviderEnv: Record<string, string> | undefined;

/**
 * Staff sign-in: the local OpenID provider, registered for the site on every loopback
 * name of its port and its public URL, its environment set for the pages
 * (functions/shared/oidc-config.ts) and removed again at stop; or, when
 * WOODPECKER_OIDC_ISSUER names an issuer of the developer's choosing, that one.
 */
async function startSignIn(
  keysFile: string,
  sitePort: number,
  port: number,
  cleanups: (() => Promise<void> | void)[],
): Promise<string | undefined> {
  const configured = process.env.WOODPECKER_OIDC_ISSUER;
  if (configured && configured !== ownProviderEnv?.WOODPECKER_OIDC_ISSUER) return configured;
  const siteOrigins = [LOCAL_HOST, 'localhost', '[::1]'].map((h) => `http://${h}:${sitePort}`);
  if (process.env.WOODPECKER_PUBLIC_URL) siteOrigins.push(new URL(process.env.WOODPECKER_PUBLIC_URL).origin);
  const provider = await startLocalProvider({ keysFile, port, siteOrigins }).catch((err: unknown) => {
    // The default port (the site's + 1) may be taken: any free one serves as well.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    return startLocalProvider({ keysFile, port: 0, siteOrigins });
  });
  cleanups.push(() => provider.stop());
  Object.assign(process.env, provider.env);
  ownProviderEnv = provider.env;
  cleanups.push(() => {
    for (const [k, v] of Object.entries(provider.env)) if (process.env[k] === v) delete process.env[k];
  });
  return provider.issuer;
}
