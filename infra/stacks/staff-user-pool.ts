/**
 * The staff user pool of a global deployment: Cognito with its groups, the resource
 * server of the machine scope, the hosted domain, the staff web client (the pages sign
 * in with it) and the upstream systems' machine client. AWS China has no Cognito user
 * pools, so the stateful stack adds this only in the global partition; a mainland
 * deployment names the city's own OpenID issuer instead (infra/stacks/partition.ts).
 *
 * Not a construct of its own on purpose: its resources keep the ids (and so the logical
 * ids) they had directly in the stateful stack, where a retained, deletion-protected pool
 * must not be replaced by a refactoring.
 */
import { CfnOutput, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/** Staff roles that exist from day one. Department groups (`dept:<id>`) are made at run time. */
export const staffGroups = [
  {
    name: 'office',
    description: '效能办 efficiency office: catalogue, calendar, appeals, awards, rankings.',
  },
  { name: 'inspector', description: '督查 inspectors: warnings, supervision orders, reports.' },
  { name: 'system', description: 'Upstream approval / hall systems pushing case batches (user accounts).' },
] as const;

/** The resource server the machine client's scope belongs to. */
export const apiResourceServerId = 'woodpecker';
export const systemScopeName = 'system';

export interface StaffUserPoolProps {
  /** E-mail of the efficiency office's first user (invited on deploy, put in `office`). */
  readonly officeEmail?: string;
  /**
   * The site's origin, e.g. `https://woodpecker.example.gov.cn`: staff sign-in returns to
   * `<origin>/staff/callback`, the hosted UI's sign-out to `<origin>/`.
   */
  readonly siteOrigin: string;
  /** Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly authDomainPrefix: string;
}

export class StaffUserPool {
  readonly userPool: cognito.UserPool;
  readonly staffWebClient: cognito.UserPoolClient;
  readonly machineClient: cognito.UserPoolClient;
  readonly userPoolDomain: cognito.UserPoolDomain;
  private readonly stack: Stack;

  constructor(stack: Stack, props: StaffUserPoolProps) {
    this.stack = stack;
    this.userPool = new cognito.UserPool(stack, 'StaffUserPool', {
      userPoolName: 'woodpecker-staff',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential and adaptive-authentication protection for the few
      // hundred staff accounts that can change the public record.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: '啄木鸟 Woodpecker: your staff account',
        emailBody:
          'Your Woodpecker staff account is {username}, temporary password {####}. ' +
          'You will set a new password and an authenticator app (MFA) at first sign-in.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [i, group] of staffGroups.entries()) {
      new cognito.UserPoolGroup(stack, `Group-${group.name}`, {
        userPool: this.userPool,
        groupName: group.name,
        description: group.description,
        precedence: i,
      });
    }

    const resourceServer = this.userPool.addResourceServer('ApiResourceServer', {
      identifier: apiResourceServerId,
      userPoolResourceServerName: 'Woodpecker API',
      scopes: [
        new cognito.ResourceServerScope({
          scopeName: systemScopeName,
          scopeDescription: 'Upstream systems: push case batches (acts as the system role).',
        }),
      ],
    });
    const systemScope = cognito.OAuthScope.resourceServer(
      resourceServer,
      new cognito.ResourceServerScope({ scopeName: systemScopeName, scopeDescription: 'system' }),
    );

    this.userPoolDomain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
    });

    // Staff sign in through the hosted pages: the pages function is an OpenID relying
    // party (web/oidc/) using the authorization code flow with PKCE (S256, which Cognito
    // checks whenever a code_challenge is sent), without a client secret.
    this.staffWebClient = this.userPool.addClient('StaffWebClient', {
      userPoolClientName: 'staff-web',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.siteOrigin}/staff/callback`],
        logoutUrls: [`${props.siteOrigin}/`],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    // Upstream systems authenticate as a machine (client credentials), not as a person.
    this.machineClient = this.userPool.addClient('SystemMachineClient', {
      userPoolClientName: 'upstream-system',
      generateSecret: true,
      authFlows: {},
      oAuth: { flows: { clientCredentials: true }, scopes: [systemScope] },
      accessTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
    });

    if (props.officeEmail) {
      const user = new cognito.CfnUserPoolUser(stack, 'FirstOfficeUser', {
        userPoolId: this.userPool.userPoolId,
        username: props.officeEmail,
        desiredDeliveryMediums: ['EMAIL'],
        userAttributes: [
          { name: 'email', value: props.officeEmail },
          { name: 'email_verified', value: 'true' },
        ],
      });
      const attachment = new cognito.CfnUserPoolUserToGroupAttachment(stack, 'FirstOfficeUserInOffice', {
        userPoolId: this.userPool.userPoolId,
        username: props.officeEmail,
        groupName: 'office',
      });
      attachment.addResourceDependency(user);
      const officeGroup = stack.node.findChild('Group-office').node.defaultChild as cognito.CfnUserPoolGroup;
      attachment.addResourceDependency(officeGroup);
    }

    new CfnOutput(stack, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(stack, 'StaffWebClientId', { value: this.staffWebClient.userPoolClientId });
    new CfnOutput(stack, 'MachineClientId', { value: this.machineClient.userPoolClientId });
    new CfnOutput(stack, 'TokenEndpoint', {
      value: `${this.userPoolDomain.baseUrl()}/oauth2/token`,
      description: 'Upstream systems: POST grant_type=client_credentials&scope=woodpecker/system here.',
    });
  }

  /**
   * The `iss` of the pool's tokens, as the staff code checks it. (The pool's ProviderURL
   * attribute lacks the scheme, so it is built here the way Cognito writes it.)
   */
  get jwtIssuer(): string {
    return `https://cognito-idp.${this.stack.region}.${this.stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  get jwksUrl(): string {
    return `${this.jwtIssuer}/.well-known/jwks.json`;
  }
}
