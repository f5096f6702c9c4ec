/**
 * The OpenAPI 3.1 document served at `/api/v1/openapi.json`: the contract outside
 * systems rely on, generated from the route documentation each feature keeps beside its
 * routes (`openApiRouteDocs`, see functions/api/route-doc.ts). Request bodies, query and
 * path parameters are zod's own JSON Schema of the schemas the routes validate with;
 * security follows the roles each route lets through; every error is in the contract's
 * shape (Open311's in GeoReport v2's). test/integration/openapi.test.ts holds it to every
 * route the apps serve, to Redocly's and @readme/openapi-parser's rules, and to live
 * responses.
 */

import * as z from 'zod/mini';
import { REFUSAL_CODES } from '../domain/refusal.js';
import { open311RouteDocs } from './open311/openapi.js';
import { type JsonSchema, OPEN311_TAG, type ResponseDoc, type RouteDoc } from './route-doc.js';
import { catalogueRouteDocs } from './routes/catalogue-openapi.js';
import { critiquesRouteDocs } from './routes/critiques-openapi.js';
import { rankingsRouteDocs } from './routes/rankings-openapi.js';
import { ratingsRouteDocs } from './routes/ratings-openapi.js';
import { supervisionRouteDocs } from './routes/supervision-openapi.js';

/** Every documented route: the registry features extend by adding their docs list. */
export function openApiRouteDocs(): RouteDoc[] {
  return [
    ...catalogueRouteDocs(),
    ...ratingsRouteDocs(),
    ...rankingsRouteDocs(),
    ...critiquesRouteDocs(),
    ...supervisionRouteDocs(),
    ...open311RouteDocs(),
  ];
}

let built: OpenApiDocument | undefined;

/**
 * The document, built on its first request and kept: it is asked for rarely, so building
 * it at import would only slow every cold start of the public-read function.
 */
export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument(openApiRouteDocs());
  return built;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; [k: string]: unknown };
  [k: string]: unknown;
}

/** One operation of the document (the fields the tests read are typed). */
export interface Operation {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description?: string; $ref?: string; content?: Record<string, { schema: JsonSchema }> }
  >;
  [k: string]: unknown;
}

/** zod's JSON Schema of an input schema (what is accepted), without the `$schema` line. */
export function inputJsonSchema(schema: z.ZodMiniType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const isZod = (s: unknown): s is z.ZodMiniType => typeof s === 'object' && s !== null && '_zod' in s;

/** `PUT /api/v1/departments/:id` → `put`, `/api/v1/departments/{id}`. */
export function methodAndPath(doc: Pick<RouteDoc, 'route' | 'path'>): { method: string; path: string } {
  const [method, pattern] = doc.route.split(' ') as [string, string];
  const path = doc.path ?? pattern.replace(/(?<=\/):([A-Za-z_]+)(\{[^}]*\})?/g, '{$1}');
  return { method: method.toLowerCase(), path };
}

/** Every code the contract's errors carry: the refusals, and `internal` for a 500. */
const ERROR_CODES = [...REFUSAL_CODES, 'internal'] as const;

/** The contract's error responses, one per status, each with an example. */
const ERROR_RESPONSES: Record<number, { name: string; description: string; code: string; message: string }> =
  {
    400: {
      name: 'BadRequest',
      description: 'Invalid input (`invalid_request`), every problem listed in `details.issues`',
      code: 'invalid_request',
      message: 'Invalid body: name: Too small: expected string to have >=1 characters',
    },
    401: {
      name: 'Unauthenticated',
      description: 'No valid credential (`unauthenticated`): checked before anything else',
      code: 'unauthenticated',
      message: 'A valid staff token is required.',
    },
    403: {
      name: 'Forbidden',
      description: 'Wrong role, or another department’s item (`forbidden`): checked before the input',
      code: 'forbidden',
      message: 'This case belongs to another department.',
    },
    404: {
      name: 'NotFound',
      description: 'Not found (`not_found`)',
      code: 'not_found',
      message: 'No case C-1.',
    },
    409: {
      name: 'Conflict',
      description: 'The state does not allow it (`conflict`, `already_rated`, `case_not_completed`)',
      code: 'conflict',
      message: 'This ranking is already published.',
    },
    413: {
      name: 'TooLarge',
      description: 'The body is larger than the route accepts (`too_large`), refused before it is read',
      code: 'too_large',
      message: 'The body is larger than 1048576 bytes.',
    },
    429: {
      name: 'RateLimited',
      description: 'Too many requests from this client (`rate_limited`); see `Retry-After`',
      code: 'rate_limited',
      message: 'Too many critiques from this client; try again later.',
    },
  };

const OPEN311_ERROR_STATUSES = [400, 401, 403, 404, 413, 429];

function buildDocument(docs: RouteDoc[]): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  const ids = new Set<string>();
  const tags = new Map<string, true>();
  for (const doc of docs) {
    const { method, path } = methodAndPath(doc);
    if (ids.has(doc.operationId)) throw new Error(`operationId ${doc.operationId} is used twice`);
    if (paths[path]?.[method]) throw new Error(`${method.toUpperCase()} ${path} is documented twice`);
    ids.add(doc.operationId);
    tags.set(doc.tag, true);
    paths[path] = { ...paths[path], [method]: operationOf(doc, path) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Woodpecker 啄木鸟 API',
      version: '1.0.0',
      summary: 'Efficiency and satisfaction of government services, and the public’s judgement of them.',
      description: [
        'Efficiency curves, good/bad reviews, the find-fault window, rankings and electronic supervision.',
        'Rates are unrounded fractions 0..1; months are Beijing months; errors are `{"error":{"code","message"}}`.',
        'Staff routes need a bearer JWT whose roles include one of those listed on the route; department staff act only on their own department’s items.',
        'The Open311 GeoReport v2 endpoints (tag *Open311 GeoReport v2*) follow that specification instead, errors included.',
        'Rendered for reading at [/api/docs](/api/docs).',
      ].join('\n\n'),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      contact: { name: 'Woodpecker efficiency office', url: '/critiques' },
    },
    servers: [{ url: '/', description: 'This deployment' }],
    tags: [...tags.keys()].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name })),
    paths,
    components: {
      securitySchemes: {
        staffJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A staff token from the identity provider. Its `roles` claim (office, inspector, department, system) decides which routes it may call; department staff also carry their departments.',
        },
        ratingKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description:
            'A rating key the office issues (`POST /api/v1/staff/rating-keys`), scoped to one department and one rating channel (hotline, partner-system, self-service, window-device); shown once.',
        },
        open311ApiKey: {
          type: 'apiKey',
          in: 'query',
          name: 'api_key',
          description:
            'An api_key the office issues (`POST /api/v1/staff/open311-keys`); GeoReport v2 also accepts it as the `api_key` form field.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          additionalProperties: false,
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              additionalProperties: false,
              properties: {
                code: { type: 'string', enum: [...ERROR_CODES] },
                message: { type: 'string' },
                details: { description: 'More about the problem, e.g. `issues` for invalid input' },
              },
            },
          },
        },
        Open311Errors: {
          type: 'array',
          description: 'GeoReport v2 errors: the HTTP status as `code`',
          items: {
            type: 'object',
            required: ['code', 'description'],
            properties: { code: { type: 'integer' }, description: { type: 'string' } },
          },
        },
      },
      responses: {
        ...Object.fromEntries(
          Object.values(ERROR_RESPONSES).map((e) => [
            e.name,
            {
              description: e.description,
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Error' },
                  example: { error: { code: e.code, message: e.message } },
                },
              },
            },
          ]),
        ),
        Open311Error: {
          description: 'An error in GeoReport v2’s format, in the format the path asked for',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Open311Errors' },
              example: [{ code: 404, description: 'No Open311 resource tokens.' }],
            },
            'text/xml': { schema: { type: 'string' } },
          },
        },
      },
    },
    'x-tagGroups': [
      { name: 'Woodpecker API', tags: [...tags.keys()].filter((t) => t !== OPEN311_TAG) },
      { name: 'Open311', tags: [OPEN311_TAG] },
    ],
  };
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  Platform: 'Health and this document',
  'Catalogue and curves': 'Departments, service items with effective-dated limits, and efficiency curves',
  'Catalogue administration': 'The efficiency office keeps the catalogue (every write is audited)',
  Cases: 'Case feeds from upstream systems, and a case’s standing',
  Calendar: 'The official working-day calendar',
  Ratings: 'Good/bad reviews by raters with a case’s rating token, and satisfaction figures',
  'Review follow-up': 'Staff follow-up of bad reviews: callbacks, rectification, appeals',
  Rankings: 'Published rankings, their open-data inputs and methods',
  'Ranking administration': 'The office’s methods, drafts and publishing',
  Critiques: 'The find-fault window (找茬窗口): critiques, answers, awards',
  'Critique handling': 'Staff triage and answers of critiques, and Open311 api_keys',
  Supervision: 'Electronic supervision: warnings, supervision orders, reports',
  [OPEN311_TAG]:
    'The find-fault window as Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the specification is the contract, errors included',
};

function operationOf(doc: RouteDoc, path: string): Operation {
  const parameters = [...pathParameters(doc, path), ...queryParameters(doc)];
  const op: Operation = {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description || doc.roles ? { description: descriptionOf(doc) } : {}),
    security: doc.roles ? [{ staffJwt: [...doc.roles] }] : (doc.security ?? []),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body || doc.rawBody ? { requestBody: requestBodyOf(doc) } : {}),
    responses: { ...successResponses(doc), ...errorResponses(doc) },
  };
  return op;
}

function descriptionOf(doc: RouteDoc): string {
  const roles = doc.roles ? `**Roles:** ${doc.roles.join(', ')} (any one).` : '';
  return [doc.description, roles].filter(Boolean).join('\n\n');
}

function pathParameters(doc: RouteDoc, path: string) {
  return [...path.matchAll(/\{([A-Za-z_]+)\}/g)].map(([, name]) => {
    const given = doc.params?.[name!];
    const schema = given === undefined ? { type: 'string' } : isZod(given) ? inputJsonSchema(given) : given;
    const description = doc.paramDescriptions?.[name!];
    return { name: name!, in: 'path', required: true, schema, ...(description ? { description } : {}) };
  });
}

function queryParameters(doc: RouteDoc) {
  const out: { name: string; in: string; required?: boolean; schema: JsonSchema; description?: string }[] =
    [];
  if (doc.query) {
    const json = inputJsonSchema(doc.query) as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: 'query', ...(json.required?.includes(name) ? { required: true } : {}), schema });
    }
  }
  for (const q of doc.extraQuery ?? []) {
    if (out.some((p) => p.name === q.name)) continue;
    out.push({
      name: q.name,
      in: 'query',
      ...(q.required ? { required: true } : {}),
      schema: q.schema,
      ...(q.description ? { description: q.description } : {}),
    });
  }
  return out;
}

function requestBodyOf(doc: RouteDoc) {
  const content: Record<string, { schema: JsonSchema; example?: unknown }> = {};
  if (doc.body) {
    content['application/json'] = {
      schema: inputJsonSchema(doc.body),
      ...(doc.bodyExample === undefined ? {} : { example: doc.bodyExample }),
    };
  }
  for (const raw of doc.rawBody ?? []) {
    content[raw.mediaType] = {
      schema: raw.schema,
      ...(raw.example === undefined ? {} : { example: raw.example }),
    };
  }
  return { required: true, ...(doc.bodyDescription ? { description: doc.bodyDescription } : {}), content };
}

function successResponses(doc: RouteDoc) {
  return Object.fromEntries(Object.entries(doc.responses).map(([status, r]) => [status, responseOf(r)]));
}

function responseOf(r: ResponseDoc) {
  const content: Record<string, { schema: JsonSchema; example?: unknown }> = {};
  if (r.json)
    content['application/json'] = {
      schema: r.json,
      ...(r.example === undefined ? {} : { example: r.example }),
    };
  if (r.csv) content['text/csv'] = { schema: { type: 'string', description: 'UTF-8 CSV with BOM' } };
  for (const [type, schema] of Object.entries(r.content ?? {})) content[type] = { schema };
  return {
    description: r.description,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

/** The error statuses a route can answer: its own, plus those its inputs and roles imply. */
export function errorStatusesOf(doc: RouteDoc): number[] {
  const statuses = new Set(doc.errors ?? []);
  const validatesParams = Object.values(doc.params ?? {}).some(isZod);
  if (doc.query || validatesParams || doc.body || doc.rawBody) statuses.add(400);
  if (doc.body || doc.rawBody) statuses.add(413);
  if (doc.roles) {
    statuses.add(401);
    statuses.add(403);
  }
  return [...statuses].sort((a, b) => a - b);
}

function errorResponses(doc: RouteDoc) {
  if (doc.open311) {
    const statuses = [...new Set([...(doc.errors ?? []), 400, 404])].filter((s) =>
      OPEN311_ERROR_STATUSES.includes(s),
    );
    return Object.fromEntries(
      statuses.sort().map((s) => [String(s), { $ref: '#/components/responses/Open311Error' }]),
    );
  }
  return Object.fromEntries(
    errorStatusesOf(doc).map((s) => {
      const e = ERROR_RESPONSES[s];
      if (!e) throw new Error(`${doc.route}: no error response for ${s}`);
      return [String(s), { $ref: `#/components/responses/${e.name}` }];
    }),
  );
}
