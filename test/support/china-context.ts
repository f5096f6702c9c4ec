/**
 * The context a mainland city deploys with (infra/stacks/partition.ts: every required
 * value, well formed), shared by the infra tests and the cloud topology's aws-cn journeys.
 */
export const testChinaDomain = 'woodpecker.example.gov.cn';
export const testIcpNumber = '沪ICP备12345678号-1';
export const testPsbNumber = '沪公网安备31010402000001号';
export const testChinaIssuer = 'https://id.example.gov.cn/realms/staff';
export const testSmtpSecretArn =
  'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:woodpecker/smtp-AbCdEf';
export const testSmsSecretArn =
  'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:woodpecker/sms-AbCdEf';
export const testSmsGatewayUrl = 'https://sms.example.gov.cn/api/send';

/** What a mainland city deploys with (infra/stacks/partition.ts: every required value). */
export const chinaContext = {
  partition: 'aws-cn',
  region: 'cn-north-1',
  domainName: testChinaDomain,
  icpNumber: testIcpNumber,
  psbNumber: testPsbNumber,
  iamCertificateId: 'ASCAEXAMPLE1234567890',
  oidcIssuer: testChinaIssuer,
  oidcClientId: 'woodpecker',
  oidcGroupsClaim: 'groups',
  oidcApiClientIds: 'case-feed',
  smtpUrlSecretArn: testSmtpSecretArn,
  smsGatewayUrl: testSmsGatewayUrl,
  smsGatewaySecretArn: testSmsSecretArn,
  officeEmail: 'office@example.gov.cn',
};
