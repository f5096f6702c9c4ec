/**
 * Whether a synthesized assembly is wired to the code as it stands, read from the template
 * with the cloud topology's own route selection and stream filters: every endpoint of
 * every group's app reaches that group's function (behind the JWT authorizer exactly when
 * it is a staff route), every page reaches the pages function, and every item type the
 * aggregates count reaches the aggregator when it is written and when it is removed — and
 * nothing else does. A template that drifts from the code (a route pointed at the wrong
 * integration, a type dropped from the filter) is reported here, by name, before a
 * request or a lost count finds it in AWS.
 */
import { Hono } from 'hono';
import { streamItemTypes } from '../../functions/usecases/stream-dispatch.js';
import { mountSite } from '../../web/site-app.js';
import type { FunctionGroup } from '../constructs/bundling-options.js';
import { DEFAULT_GROUP, type DerivedRoute, derivedRoutes } from '../stacks/api-routes.js';
import { samplePathOf } from '../stacks/gateway-paths.js';
import { type Assembly, type Json, resourcesOfType } from './assembly.js';
import { eventFilter } from './event-filter.js';
import { apiRoutesOf } from './http-api.js';
import { routeTable } from './routes.js';

type Resolve = (stackName: string, value: unknown) => Json;

/** One thing the template does not do that the code needs, said so a reader can find it. */
export interface Miswiring {
  /** The route (`GET /api/v1/services`) or item type (`rating`) concerned. */
  subject: string;
  problem: string;
}

/** Each function's group, by logical id, from the service name the function construct gives it. */
function groupsByFunction(assembly: Assembly, resolve: Resolve): Map<string, FunctionGroup> {
  const out = new Map<string, FunctionGroup>();
  for (const { stack, id, resource } of resourcesOfType(assembly, 'AWS::Lambda::Function')) {
    const env = resolve(stack.name, resource.Properties?.Environment?.Variables ?? {}) as Record<
      string,
      unknown
    >;
    const service = String(env.POWERTOOLS_SERVICE_NAME ?? '');
    if (service.startsWith('woodpecker-')) out.set(id, service.slice('woodpecker-'.length) as FunctionGroup);
  }
  return out;
}

/** Every page of the site, as `GET` routes of the pages function. */
function pageRoutes(): { method: string; path: string }[] {
  const app = new Hono();
  mountSite(app);
  const seen = new Set<string>();
  return app.routes
    .filter(
      (r) => r.method !== 'ALL' && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`),
    )
    .map((r) => ({ method: r.method, path: r.path }));
}

/**
 * The routes of the code the template does not send where they belong. `routes` defaults
 * to every API group's endpoints; the site's pages are always checked against the pages
 * function.
 */
export function routeMiswirings(
  assembly: Assembly,
  resolve: Resolve,
  routes: readonly DerivedRoute[] = derivedRoutes(),
): Miswiring[] {
  const groups = groupsByFunction(assembly, resolve);
  const table = routeTable(apiRoutesOf({ assembly, resolve }));
  const out: Miswiring[] = [];
  const expect = (method: string, honoPath: string, group: FunctionGroup) => {
    const subject = `${method} ${honoPath}`;
    const chosen = table.select(method, samplePathOf(honoPath));
    if (!chosen)
      return out.push({ subject, problem: 'no route of the HTTP API matches it (404 from API Gateway)' });
    const served = groups.get(chosen.route.target.functionName);
    if (served !== group)
      out.push({
        subject,
        problem: `${chosen.route.routeKey} sends it to the ${served ?? chosen.route.target.functionName} function, not ${group}`,
      });
    const guarded = chosen.route.target.authorizer !== undefined;
    if (guarded !== (group === 'staff'))
      out.push({
        subject,
        problem: guarded
          ? `${chosen.route.routeKey} puts a public route behind the JWT authorizer (401 for citizens)`
          : `${chosen.route.routeKey} leaves a staff route without the JWT authorizer`,
      });
  };
  for (const r of routes) expect(r.method, r.honoPath, r.group);
  for (const r of pageRoutes()) expect(r.method, r.path, DEFAULT_GROUP);
  return out;
}

/** A stream record of an item of `type`, as the table's stream carries it. */
function recordOf(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', type: string) {
  const image = { pk: { S: `X#${type}` }, sk: { S: 'X' }, type: { S: type } };
  return {
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: { pk: image.pk, sk: image.sk },
      ...(eventName !== 'REMOVE' ? { NewImage: image } : {}),
      ...(eventName !== 'INSERT' ? { OldImage: image } : {}),
    },
  };
}

/**
 * The item types whose changes the template keeps from the stream's one reader (or lets
 * through though neither the aggregator nor the alerts read them). `types` defaults to
 * those the dispatcher reads (functions/usecases/stream-dispatch.ts).
 */
export function streamMiswirings(
  assembly: Assembly,
  resolve: Resolve,
  types: readonly string[] = streamItemTypes(),
): Miswiring[] {
  const groups = groupsByFunction(assembly, resolve);
  const mappings = resourcesOfType(assembly, 'AWS::Lambda::EventSourceMapping').filter(
    ({ stack, resource }) =>
      groups.get(String(resolve(stack.name, resource.Properties?.FunctionName))) === 'stream-aggregator',
  );
  if (!mappings.length)
    return [{ subject: 'stream-aggregator', problem: 'no event source mapping feeds the aggregator' }];
  const passes = mappings.map(({ resource }) => eventFilter(resource.Properties?.FilterCriteria));
  const reaches = (record: unknown) => passes.some((p) => p(record));
  const out: Miswiring[] = [];
  for (const type of types)
    for (const eventName of ['INSERT', 'MODIFY', 'REMOVE'] as const)
      if (!reaches(recordOf(eventName, type)))
        out.push({
          subject: type,
          problem: `a ${eventName} never reaches the stream's reader, so counts or alerts drift`,
        });
  const ignored = '__not-read__';
  if (reaches(recordOf('INSERT', ignored)))
    out.push({
      subject: ignored,
      problem: 'the filter lets through items no stream reader needs',
    });
  return out;
}
