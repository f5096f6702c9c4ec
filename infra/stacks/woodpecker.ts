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
 * - `icpNumber`, `psbNumber`: the footer's ICP recordal and public-security filing numbers
 * - `partition` (`aws` default, `aws-cn` for AWS China; a `cn-` region implies it): the
 *   mainland shape and the context it requires are infra/stacks/partition.ts's
 */
import type { App } from 'aws-cdk-lib';
import { isIcpNumber, isPsbNumber } from '../../web/site-filing.js';
import { ApiStack, type StaffSignIn, type StaffTokens } from './api-stack.js';
import { EdgeStack } from './edge-stack.js';
import { MonitoringStack } from './monitoring-stack.js';
import { type ChinaConfig, type Partition, partitionOf, readChinaConfig } from './partition.js';
import { SiteStack } from './site-stack.js';
import { StatefulStack } from './stateful-stack.js';

/** Account used for offline synthesis when neither context nor the CLI gives one. */
export const OFFLINE_ACCOUNT = '000000000000';

export interface WoodpeckerConfig {
  partition: Partition;
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
  /** The footer's registration numbers (required in AWS China). */
  icpNumber?: string;
  psbNumber?: string;
  /** What a mainland deployment adds (partition `aws-cn`). */
  china?: ChinaConfig;
}

export function readWoodpeckerConfig(app: App): WoodpeckerConfig {
  const text = (key: string): string | undefined => {
    const v = app.node.tryGetContext(key);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const account = text('account') ?? process.env.CDK_DEFAULT_ACCOUNT ?? OFFLINE_ACCOUNT;
  const partition = partitionOf(text);
  if (partition === 'aws-cn') return chinaWoodpeckerConfig(text, account);
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
  for (const [key, valid] of [
    ['icpNumber', isIcpNumber],
    ['psbNumber', isPsbNumber],
  ] as const) {
    const value = text(key);
    if (value && !valid(value))
      throw new Error(`Context ${key}=${value} is not a registration number of that kind.`);
  }
  return {
    partition,
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
    ...optional('icpNumber'),
    ...optional('psbNumber'),
  };
}

/**
 * The mainland configuration: the city's issuer for staff (the pages and the API), its
 * SMTP server and SMS gateway for messages, its domain with the IAM certificate; SNS SMS
 * and a user pool are refused rather than silently dropped.
 */
function chinaWoodpeckerConfig(text: (key: string) => string | undefined, account: string): WoodpeckerConfig {
  const china = readChinaConfig(text);
  if (text('sendSms') === 'true')
    throw new Error(
      'Context sendSms=true: AWS China has no SMS through SNS; messages go through the SMS gateway (smsGatewayUrl).',
    );
  const siteOrigin = (text('siteOrigin') ?? `https://${china.domainName}`).replace(/\/+$/, '');
  const officeEmail = text('officeEmail');
  const optional = (key: string, value = text(key)) => (value ? { [key]: value } : {});
  return {
    partition: 'aws-cn',
    account,
    region: china.region,
    stackPrefix: text('stackPrefix') ?? 'Woodpecker',
    domainName: china.domainName,
    siteOrigin,
    officeEmail,
    alarmEmail: text('alarmEmail') ?? officeEmail,
    authDomainPrefix: '',
    sendSms: false,
    originSecretVersion: text('originSecretVersion'),
    oidc: {
      issuer: china.identity.issuer,
      clientId: china.identity.clientId,
      groupsClaim: china.identity.groupsClaim,
      ...optional('clientSecretArn', text('oidcClientSecretArn')),
      ...optional('scopes', text('oidcScopes')),
      ...optional('logoutUrl', text('oidcLogoutUrl')),
    },
    icpNumber: china.icpNumber,
    psbNumber: china.psbNumber,
    china,
  };
}

export interface WoodpeckerStacks {
  config: WoodpeckerConfig;
  stateful: StatefulStack;
  api: ApiStack;
  /** The us-east-1 stack CloudFront needs in the global partition; none in AWS China. */
  edge?: EdgeStack;
  site: SiteStack;
  monitoring: MonitoringStack;
}

export function defineWoodpecker(app: App, config = readWoodpeckerConfig(app)): WoodpeckerStacks {
  const env = { account: config.account, region: config.region };
  const name = (s: string) => `${config.stackPrefix}-${s}`;
  const description = (s: string) => `Woodpecker 啄木鸟: ${s}`;

  const china = config.china;
  const stateful = new StatefulStack(app, name('Stateful'), {
    env,
    description: description(
      china
        ? 'table, key and platform secret (retained)'
        : 'table, key, platform secret and staff user pool (retained)',
    ),
    terminationProtection: true,
    ...(china
      ? {}
      : {
          staffUserPool: {
            officeEmail: config.officeEmail,
            siteOrigin: config.siteOrigin ?? 'http://localhost:3000',
            authDomainPrefix: config.authDomainPrefix,
          },
        }),
  });
  const pool = stateful.staffPool;
  // Staff tokens for the API: the pool's app clients, or the city's issuer's clients.
  const staffTokens: StaffTokens = pool
    ? {
        kind: 'userPool',
        userPool: pool.userPool,
        clients: [pool.staffWebClient, pool.machineClient],
        issuer: pool.jwtIssuer,
        jwksUrl: pool.jwksUrl,
      }
    : {
        kind: 'issuer',
        issuer: requireChina(china).identity.issuer,
        clientIds: [requireChina(china).identity.clientId, ...requireChina(china).identity.apiClientIds],
        groupsClaim: requireChina(china).identity.groupsClaim,
      };
  // Staff sign-in to the pages: the configured issuer, else the user pool's hosted UI
  // (Cognito's discovery has no end_session_endpoint: its /logout is configured).
  const staffSignIn: StaffSignIn = config.oidc ?? {
    issuer: staffTokens.issuer,
    clientId: requirePool(pool).staffWebClient.userPoolClientId,
    logoutUrl: `${requirePool(pool).userPoolDomain.baseUrl()}/logout`,
    ...(config.oidcGroupsClaim ? { groupsClaim: config.oidcGroupsClaim } : {}),
    ...(config.oidcScopes ? { scopes: config.oidcScopes } : {}),
  };

  const api = new ApiStack(app, name('Api'), {
    env,
    description: description('functions, HTTP API, authorizer, stream consumer, schedules, alarms'),
    table: stateful.table,
    platformSecret: stateful.platformSecret,
    staffTokens,
    staffSignIn,
    siteOrigin: config.siteOrigin,
    alarmEmail: config.alarmEmail,
    sendSms: config.sendSms,
    ...(china ? { messaging: china.messaging } : {}),
    siteFiling: { icpNumber: config.icpNumber, psbNumber: config.psbNumber },
    callbackPeriod: callbackPeriodOf(app),
  });

  // CloudFront's WAF ACL and ACM certificate live in us-east-1, which AWS China lacks.
  const edge = china
    ? undefined
    : new EdgeStack(app, name('Edge'), {
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
    ...(edge ? { webAclArn: edge.webAcl.attrArn } : {}),
    domainName: config.domainName,
    ...(edge?.certificate ? { certificate: edge.certificate } : {}),
    ...(china ? { iamCertificateId: china.iamCertificateId } : {}),
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

/** Without a user pool the staff issuer is the mainland configuration's (and vice versa). */
function requireChina(china: ChinaConfig | undefined): ChinaConfig {
  if (!china) throw new Error('No staff user pool and no mainland configuration: staff could not sign in.');
  return china;
}

function requirePool<T>(pool: T | undefined): T {
  if (!pool) throw new Error('Staff sign-in needs the user pool or oidcIssuer and oidcClientId.');
  return pool;
}

/**
 * The city's callback period from context `callbackWorkingDays` or `callbackWorkingHours`
 * (Zhejiang: `-c callbackWorkingHours=24`); the functions default to 2 working days.
 */
function callbackPeriodOf(app: App): { workingDays?: number; workingHours?: number } {
  const read = (key: string, max: number): number | undefined => {
    const v = app.node.tryGetContext(key);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`Context ${key}=${v} is not a whole number from 1 to ${max}.`);
    return n;
  };
  const workingDays = read('callbackWorkingDays', 15);
  const workingHours = read('callbackWorkingHours', 240);
  if (workingDays && workingHours)
    throw new Error('Context callbackWorkingDays and callbackWorkingHours are alternatives: give one.');
  return { ...(workingDays ? { workingDays } : {}), ...(workingHours ? { workingHours } : {}) };
}
