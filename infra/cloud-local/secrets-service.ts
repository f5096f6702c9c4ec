/**
 * Secrets Manager for the cloud topology: a loopback server speaking its JSON protocol
 * (`secretsmanager.GetSecretValue`), holding a generated value for every
 * `AWS::SecretsManager::Secret` of the assembly, so the bundled functions read their
 * secrets by ARN through their own SDK client, as in AWS (`AWS_ENDPOINT_URL_SECRETS_MANAGER`).
 * An unknown id is Secrets Manager's `ResourceNotFoundException`.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `known` carries values over from an earlier start (a data folder's), so rating links
 * and sessions signed with them stay valid; the rest are generated.
 */
export async function startSecretsService(arns: readonly string[], known: Record<string, string> = {}) {
  const values = new Map(arns.map((arn) => [arn, known[arn] ?? randomBytes(48).toString('base64url')]));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      let id = '';
      try {
        id = String(
          (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { SecretId?: string }).SecretId ?? '',
        );
      } catch {
        /* answered as not found */
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      requests.push(`${target} ${id}`);
      const value = target === 'secretsmanager.GetSecretValue' ? values.get(id) : undefined;
      res.writeHead(value ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify(
          value
            ? { ARN: id, Name: id.split(':secret:')[1] ?? id, SecretString: value, VersionId: 'local' }
            : {
                __type: 'ResourceNotFoundException',
                message: "Secrets Manager can't find the specified secret.",
              },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The value of a secret, as a CloudFormation dynamic reference would resolve it. */
    valueOf: (arn: string) => values.get(arn),
    /** Every secret's value by ARN, to keep for the next start. */
    values: () => Object.fromEntries(values),
    /** `<target> <SecretId>` of every request, for tests. */
    requests,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
