/**
 * The stateful stack: the table exactly as the single table definition describes it,
 * protected, encrypted and recoverable; the key, the platform secret; the staff user
 * pool with MFA, the role groups and the upstream machine client.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { keyAttributes, tableDefinition } from '../../functions/store/table-definition.js';
import { apiResourceServerId, staffGroups, systemScopeName } from '../../infra/stacks/staff-user-pool.js';
import { buildApp, cityContext, logicalId, resourcesOf, testOfficeEmail } from './woodpecker-app.js';

const built = buildApp({ context: cityContext });
const stack = built.stacks.stateful;
const t = built.template(stack);
const keyId = logicalId(stack, stack.dataKey);

describe('table', () => {
  const tables = resourcesOf(t, 'AWS::DynamoDB::GlobalTable');
  const [table] = Object.values(tables);
  const props = table?.Properties as Record<string, unknown>;

  it('is the one table of the definition: keys, attributes, stream, TTL', () => {
    expect(Object.keys(tables)).toHaveLength(1);
    expect(props.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    const attributes = props.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(attributes.map((a) => a.AttributeName).sort()).toEqual([...keyAttributes].sort());
    expect(attributes.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(props.StreamSpecification).toEqual({ StreamViewType: tableDefinition.streamViewType });
    expect(props.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.ttlAttribute,
      Enabled: true,
    });
  });

  it('has exactly the GSIs of the definition, all projected', () => {
    const gsis = props.GlobalSecondaryIndexes as {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string };
    }[];
    expect(gsis.map((g) => g.IndexName)).toEqual(tableDefinition.globalSecondaryIndexes.map((i) => i.name));
    for (const def of tableDefinition.globalSecondaryIndexes) {
      const gsi = gsis.find((g) => g.IndexName === def.name);
      expect(gsi?.KeySchema).toEqual([
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ]);
      expect(gsi?.Projection).toEqual({ ProjectionType: 'ALL' });
    }
  });

  // TableV2: settings of the table's one replica (its region) sit under Replicas.
  const replicas = props.Replicas as Record<string, unknown>[];

  it('is on demand, point-in-time recoverable, deletion protected and retained', () => {
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(replicas).toHaveLength(1);
    expect(replicas[0]?.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 35,
    });
    expect(replicas[0]?.DeletionProtectionEnabled).toBe(true);
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
  });

  it('is encrypted with the customer-managed key', () => {
    expect(props.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(replicas[0]?.SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });
});

describe('key and secret', () => {
  it('the key rotates and is retained', () => {
    t.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    });
  });

  it('the platform secret is generated (never in the template), KMS-encrypted and retained', () => {
    const secrets = Object.values(resourcesOf(t, 'AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    const secret = secrets[0];
    expect(secret?.DeletionPolicy).toBe('Retain');
    expect(secret?.Properties?.SecretString).toBeUndefined();
    expect(secret?.Properties?.GenerateSecretString).toMatchObject({
      PasswordLength: 64,
      ExcludePunctuation: true,
    });
    expect(secret?.Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });
});

describe('staff user pool', () => {
  it('requires MFA (authenticator app), has no self sign-up, strong passwords, Plus tier, and is retained', () => {
    t.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        Policies: Match.objectLike({
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        }),
        UserPoolTier: 'PLUS',
        DeletionProtection: 'ACTIVE',
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('has the office, inspector and system groups; department groups are made at run time', () => {
    const groups = Object.values(resourcesOf(t, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties?.GroupName,
    );
    expect(groups.sort()).toEqual(['inspector', 'office', 'system']);
    expect(staffGroups.map((g) => g.name).sort()).toEqual(['inspector', 'office', 'system']);
  });

  it('has a machine client for upstream systems: client credentials with the system scope', () => {
    t.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: apiResourceServerId,
      Scopes: [Match.objectLike({ ScopeName: systemScopeName })],
    });
    // The scope is `<resource server identifier>/system`; Ref of a resource server is its identifier.
    const [serverId] = Object.keys(resourcesOf(t, 'AWS::Cognito::UserPoolResourceServer'));
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: serverId }, `/${systemScopeName}`]] }],
    });
  });

  it('has a staff web client using the authorization code flow, without a secret', () => {
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://woodpecker.example.gov.cn/staff/callback'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('invites the office’s first user into the office group', () => {
    t.hasResourceProperties('AWS::Cognito::UserPoolUser', {
      Username: testOfficeEmail,
      DesiredDeliveryMediums: ['EMAIL'],
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolUserToGroupAttachment', {
      Username: testOfficeEmail,
      GroupName: 'office',
    });
  });

  it('has no first user when officeEmail is not given', () => {
    const bare = buildApp();
    const bt = bare.template(bare.stacks.stateful);
    bt.resourceCountIs('AWS::Cognito::UserPoolUser', 0);
  });
});
