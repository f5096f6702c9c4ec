/**
 * The OpenAPI 3.1 document served at `/api/v1/openapi.json`: the contract outside
 * systems rely on, kept next to the routes it describes.
 */
import { critiquesOpenApiPaths } from './routes/critiques-openapi.js';
import {
  errors,
  json,
  monthParams,
  pageParams,
  pathParam,
  queryParam,
  staff,
} from './routes/openapi-parts.js';
import { rankingsOpenApiPaths } from './routes/rankings-openapi.js';
import { ratingsOpenApiPaths } from './routes/ratings-openapi.js';
import { supervisionOpenApiPaths } from './routes/supervision-openapi.js';

let built: ReturnType<typeof buildDocument> | undefined;

/**
 * The document, built on its first request and kept: it is asked for rarely, so building
 * it at import would only slow every cold start of the public-read function.
 */
export function openApiDocument() {
  built ??= buildDocument();
  return built;
}

function buildDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Woodpecker 啄木鸟 API',
      version: '1.0.0',
      description:
        'Efficiency curves, good/bad reviews, the find-fault window, rankings and electronic supervision. Rates are unrounded fractions 0..1; months are Beijing months; errors are {"error":{"code","message"}}.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: {
                  type: 'string',
                  enum: [
                    'invalid_request',
                    'unauthenticated',
                    'forbidden',
                    'not_found',
                    'already_rated',
                    'case_not_completed',
                    'conflict',
                    'too_large',
                    'rate_limited',
                  ],
                },
                message: { type: 'string' },
              },
            },
          },
        },
        Service: {
          type: 'object',
          required: ['code', 'name', 'departmentId', 'statutoryDays', 'promisedDays'],
          properties: {
            code: { type: 'string' },
            name: { type: 'string' },
            departmentId: { type: 'string' },
            statutoryDays: { type: 'integer', minimum: 0 },
            promisedDays: { type: 'integer', minimum: 0 },
          },
        },
        CaseInput: {
          type: 'object',
          required: ['caseId', 'serviceCode', 'acceptedAt'],
          additionalProperties: false,
          properties: {
            caseId: { type: 'string' },
            serviceCode: { type: 'string' },
            acceptedAt: { type: 'string', format: 'date-time' },
            completedAt: { type: 'string', format: 'date-time' },
            suspensions: {
              type: 'array',
              items: {
                type: 'object',
                required: ['from'],
                properties: {
                  from: { type: 'string', format: 'date' },
                  to: { type: 'string', format: 'date' },
                },
              },
            },
            windowId: { type: 'string' },
            staffId: { type: 'string' },
            channel: { type: 'string', enum: ['window', 'online', 'mobile', 'terminal', 'hotline'] },
            applicantPhone: { type: 'string' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Health',
          responses: {
            '200': json({ type: 'object' }),
            '503': json({ type: 'object' }, 'Table unreachable'),
          },
        },
      },
      '/api/v1/departments/{id}': {
        put: {
          summary: 'Create or update a department',
          security: staff,
          parameters: [pathParam('id')],
          responses: {
            '200': json({ type: 'object' }),
            '201': json({ type: 'object' }),
            ...errors(400, 401, 403),
          },
        },
        get: {
          summary: 'A department and its services',
          parameters: [pathParam('id')],
          responses: { '200': json({ type: 'object' }), ...errors(404) },
        },
      },
      '/api/v1/services': {
        get: {
          summary: 'The service catalogue',
          parameters: [...pageParams(), queryParam('departmentId')],
          responses: {
            '200': json({
              type: 'object',
              properties: {
                items: { type: 'array', items: { $ref: '#/components/schemas/Service' } },
                nextCursor: { type: ['string', 'null'] },
              },
            }),
            ...errors(400),
          },
        },
      },
      '/api/v1/services/{code}': {
        put: {
          summary: 'Create or update a service (a new limit version from effectiveFrom)',
          security: staff,
          responses: {
            '200': json({ type: 'object' }),
            '201': json({ type: 'object' }),
            ...errors(400, 401, 403, 404),
          },
        },
        get: {
          summary: 'A service with its limit history',
          responses: { '200': json({ type: 'object' }), ...errors(404) },
        },
      },
      '/api/v1/services/{code}/curves': {
        get: {
          summary: 'Statutory / promised / actual curves by month (CSV with ?format=csv)',
          parameters: monthParams(true),
          responses: { '200': json({ type: 'object' }), ...errors(400, 404) },
        },
      },
      '/api/v1/cases:batch': {
        post: {
          summary: 'Push up to 500 cases, each its whole current state',
          security: staff,
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['cases'],
                  properties: {
                    cases: {
                      type: 'array',
                      maxItems: 500,
                      items: { $ref: '#/components/schemas/CaseInput' },
                    },
                  },
                },
              },
            },
          },
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403, 413) },
        },
      },
      '/api/v1/cases/{caseId}': {
        get: {
          summary: 'A case with workingDays, dueDate, warning, provisional',
          security: staff,
          responses: { '200': json({ type: 'object' }), ...errors(401, 403, 404) },
        },
      },
      '/api/v1/calendar': {
        get: { summary: 'Loaded official calendar years', responses: { '200': json({ type: 'object' }) } },
      },
      '/api/v1/calendar/{year}': {
        put: {
          summary: "Load a year's official schedule (holiday-cn format)",
          security: staff,
          responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403) },
        },
      },
      '/api/v1/rankings': {
        get: {
          summary: 'The published ranking of a scope and period',
          responses: { '200': json({ type: 'object' }), ...errors(400, 404) },
        },
      },
      ...ratingsOpenApiPaths(),
      ...rankingsOpenApiPaths(),
      ...critiquesOpenApiPaths(),
      ...supervisionOpenApiPaths(),
    },
  } as const;
}
