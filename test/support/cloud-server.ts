/**
 * The cloud topology for the test tiers: the assembly synthesized from the code as it
 * stands, started behind its edge over a fresh table in the shared DynamoDB Local, with
 * the local OpenID provider for the user pool. `call` goes through the edge like any
 * viewer, and every API answer it gets is checked against the OpenAPI document
 * (test/support/contract-check.ts), as the local test server's are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createStoreClient } from '../../functions/store/client.js';
import { synthesizeAssembly } from '../../infra/cloud-local/synth.js';
import { type CloudTopology, startCloudTopology } from '../../infra/cloud-local/topology.js';
import { ensureTable } from '../../infra/local/create-table.js';
import { groupsFor, signStaffToken, type TokenRole } from '../../infra/local/issuer.js';
import type { ApiClient } from './test-platform.js';
import { contractRecorder } from './test-server.js';

export interface CloudServer extends ApiClient {
  /** The site as viewers reach it (the edge). */
  url: string;
  topology: CloudTopology;
  /** Deliver what the table's stream holds through the template's mappings. */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
}

let counter = 0;

/**
 * Start it; `context` is passed to the synthesis (a partition, a mutated app for a
 * deliberate-break test).
 */
export async function startCloudServer(
  options: { context?: Record<string, unknown> } = {},
): Promise<CloudServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-cloud-'));
  const assemblyDir = synthesizeAssembly(`e2e-${process.pid}-${counter}`, options.context ?? {});
  const endpoint = inject('dynamoEndpoint');
  const tableName = `cloud${process.pid}x${Date.now().toString(36)}x${counter++}`;
  const store = createStoreClient({ tableName, endpoint });
  await ensureTable(store.raw, tableName);
  store.raw.destroy();
  const topology = await startCloudTopology({
    assemblyDir,
    dynamoEndpoint: endpoint,
    tableName,
    port: 0,
    issuerKeyFile: path.join(dir, 'issuer.json'),
    providerKeyFile: path.join(dir, 'provider.json'),
    environment: { POWERTOOLS_LOG_LEVEL: 'ERROR', WOODPECKER_ACCESS_LOG: 'off' },
  });
  const url = topology.url;
  const call: ApiClient['call'] = async (method, target, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] ??= 'application/json';
    const init = {
      method,
      headers,
      ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}),
    };
    const absolute = target.startsWith('http') ? target : `${url}${target}`;
    const res = await fetch(absolute, init);
    contractRecorder.record(new Request(absolute, init), res.clone());
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers, text };
  };
  return {
    url,
    topology,
    call,
    token: (
      role: TokenRole,
      departmentId?: string,
      o: { expiresInSeconds?: number; subject?: string } = {},
    ) =>
      signStaffToken(topology.issuerKeys, {
        subject: o.subject ?? `cloud-${role}${departmentId ? `-${departmentId}` : ''}`,
        groups: groupsFor(role, departmentId),
        expiresInSeconds: o.expiresInSeconds,
        clientId: topology.audiences[0],
        groupsClaim: topology.groupsClaim,
      }),
    drain: () => topology.api.streams.drain(),
    stop: async () => {
      await topology.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(assemblyDir, { recursive: true, force: true });
    },
  };
}
