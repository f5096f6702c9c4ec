/**
 * The whole cloud deployment, wired from CDK context. `infra/app.ts` calls this on a
 * fresh App; the infra tests call it on their own App with test context.
 *
 * Context (cdk.json defaults, override with `-c key=value`):
 * - `region` (default `ap-east-1`), `account` (default: the CLI's account, or a dummy
 *   for offline synth: no lookups are made, so synth needs no credentials)
 * - `domainName`, `certificateArn` (us-east-1) for the site's own domain
 * - `siteOrigin` (default `https://<domainName>`): CORS origin and rating-link base
 * - `officeEmail`: the efficiency office's first user; `alarmEmail` (default officeEmail)
 * - `authDomainPrefix` (default `woodpecker-<account>`), `sendSms` (`true` to send SMS)
 * - `stackPrefix` (default `Woodpecker`) to deploy a second copy in the same account
 * - `originSecretVersion`: after rotating the CDN origin secret, its new version id, so
 *   the site stack's template changes and CloudFront reads the new value (docs/deploy.md)
 * - staff sign-in to the pages (OpenID Connect, web/oidc/): Cognito's user pool by default;
 *   another issuer — a city's unified identity platform — with `oidcIssuer` and
 *   `oidcClientId`, optionally `oidcClientSecretArn` (a Secrets Manager secret holding the
 *   client secret), `oidcGroupsClaim` (default `cognito:groups`), `oidcScopes` (default
 *   `openid email profile`) and `oidcLogoutUrl` (for an issuer without an
 *   `end_session_endpoint`)
 */
import type { App } from 'aws-cdk-lib';
import { ApiStack, type StaffSignIn } from './api-stack.js';
import { EdgeStack } from './edge-stack.js';
import { MonitoringStack } from './monitoring-stack.js';
import { SiteStack } from './site-stack.js';
import { StatefulStack } from './stateful-stack.js';

/** Account used for offline synthesis when neither context nor the CLI gives one. */
export const OFFLINE_ACCOUNT = '000000000000';

export interface WoodpeckerConfig {
  account: string;
  region: string;
  stackPrefix: string;
  domainName?: string;
  certificateArn?: string;
  siteOrigin?: string;
  officeEmail?: string;
  alarmEmail?: string;
  authDomainPrefix: string;
  sendSms: boolean;
  originSecretVersion?: string;
  /** Another OpenID issuer for staff sign-in instead of the user pool (see the module comment). */
  oidc?: StaffSignIn;
  /** With the user pool: the claim and scopes, if not Cognito's defaults. */
  oidcGroupsClaim?: string;
  oidcScopes?: string;
}

export function readWoodpeckerConfig(app: App): WoodpeckerConfig {
  const text = (key: string): string | undefined => {
    const v = app.node.tryGetContext(key);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const account = text('account') ?? process.env.CDK_DEFAULT_ACCOUNT ?? OFFLINE_ACCOUNT;
  const domainName = text('domainName');
  const siteOrigin = (text('siteOrigin') ?? (domainName ? `https://${domainName}` : undefined))?.replace(
    /\/+$/,
    '',
  );
  const officeEmail = text('officeEmail');
  const oidcIssuer = text('oidcIssuer');
  const oidcClientId = text('oidcClientId');
  if (Boolean(oidcIssuer) !== Boolean(oidcClientId))
    throw new Error(
      'Context oidcIssuer and oidcClientId go together (another OpenID issuer for staff sign-in).',
    );
  const optional = (key: string, value = text(key)) => (value ? { [key]: value } : {});
  return {
    account,
    region: text('region') ?? 'ap-east-1',
    stackPrefix: text('stackPrefix') ?? 'Woodpecker',
    domainName,
    certificateArn: text('certificateArn'),
    siteOrigin,
    officeEmail,
    alarmEmail: text('alarmEmail') ?? officeEmail,
    authDomainPrefix: text('authDomainPrefix') ?? `woodpecker-${account}`,
    sendSms: text('sendSms') === 'true',
    originSecretVersion: text('originSecretVersion'),
    ...(oidcIssuer && oidcClientId
      ? {
          oidc: {
            issuer: oidcIssuer,
            clientId: oidcClientId,
            ...optional('clientSecretArn', text('oidcClientSecretArn')),
            ...optional('groupsClaim', text('oidcGroupsClaim')),
            ...optional('scopes', text('oidcScopes')),
            ...optional('logoutUrl', text('oidcLogoutUrl')),
          },
        }
      : {}),
    ...optional('oidcGroupsClaim'),
    ...optional('oidcScopes'),
  };
}

export interface WoodpeckerStacks {
  config: WoodpeckerConfig;
  stateful: StatefulStack;
  api: ApiStack;
  edge: EdgeStack;
  site: SiteStack;
  monitoring: MonitoringStack;
}

export function defineWoodpecker(app: App, config = readWoodpeckerConfig(app)): WoodpeckerStacks {
  const env = { account: config.account, region: config.region };
  const name = (s: string) => `${config.stackPrefix}-${s}`;
  const description = (s: string) => `Woodpecker 啄木鸟: ${s}`;

  const stateful = new StatefulStack(app, name('Stateful'), {
    env,
    description: description('table, key, platform secret and staff user pool (retained)'),
    terminationProtection: true,
    officeEmail: config.officeEmail,
    siteOrigin: config.siteOrigin ?? 'http://localhost:3000',
    authDomainPrefix: config.authDomainPrefix,
  });

  const api = new ApiStack(app, name('Api'), {
    env,
    description: description('functions, HTTP API, authorizer, stream consumer, schedules, alarms'),
    table: stateful.table,
    platformSecret: stateful.platformSecret,
    userPool: stateful.userPool,
    userPoolClients: [stateful.staffWebClient, stateful.machineClient],
    jwtIssuer: stateful.jwtIssuer,
    jwksUrl: stateful.jwksUrl,
    // Staff sign-in to the pages: the configured issuer, else the user pool's hosted UI
    // (Cognito's discovery has no end_session_endpoint: its /logout is configured).
    staffSignIn: config.oidc ?? {
      issuer: stateful.jwtIssuer,
      clientId: stateful.staffWebClient.userPoolClientId,
      logoutUrl: `${stateful.userPoolDomain.baseUrl()}/logout`,
      ...(config.oidcGroupsClaim ? { groupsClaim: config.oidcGroupsClaim } : {}),
      ...(config.oidcScopes ? { scopes: config.oidcScopes } : {}),
    },
    siteOrigin: config.siteOrigin,
    alarmEmail: config.alarmEmail,
    sendSms: config.sendSms,
  });

  const edge = new EdgeStack(app, name('Edge'), {
    env: { account: config.account, region: 'us-east-1' },
    description: description('CloudFront WAF web ACL and certificate (us-east-1)'),
    crossRegionReferences: true,
    domainName: config.domainName,
    certificateArn: config.certificateArn,
  });

  const site = new SiteStack(app, name('Site'), {
    env,
    description: description('public site bucket, CDN and site publisher'),
    crossRegionReferences: true,
    table: stateful.table,
    apiDomainName: api.apiDomainName,
    originSecret: api.originSecret,
    originSecretVersion: config.originSecretVersion,
    webAclArn: edge.webAcl.attrArn,
    domainName: config.domainName,
    certificate: edge.certificate,
    siteOrigin: config.siteOrigin,
    alarmTopic: api.alarmTopic,
  });

  const monitoring = new MonitoringStack(app, name('Monitoring'), {
    env,
    description: description('CloudWatch dashboard'),
    functions: Object.values(api.functions),
    aggregator: api.functions['stream-aggregator'],
    aggregatorDlq: api.aggregatorDlq,
    httpApi: api.httpApi,
    table: stateful.table,
    alarms: [
      ...Object.values(api.functions).flatMap((f) => [f.errorsAlarm, f.throttlesAlarm]),
      ...api.alarms,
    ],
  });

  return { config, stateful, api, edge, site, monitoring };
}
