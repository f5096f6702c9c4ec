/**
 * The OpenAPI paths of the find-fault window (critiques, awards, Open311 keys; the
 * Open311 GeoReport v2 endpoints themselves follow that specification), kept beside
 * their routes and spread into the platform's document (functions/api/openapi.ts).
 */
import { BOARD_STATUSES, CATEGORIES, STATUSES, TARGET_TYPES } from '../../domain/critiques/model.js';
import {
  body,
  errors,
  json,
  monthParams,
  nullableNumber,
  pageParams,
  pathParam,
  queryParam,
  rate,
  staff,
  text,
} from './openapi-parts.js';

/** The find-fault window's paths, built when the document is (functions/api/openapi.ts). */
export function critiquesOpenApiPaths() {
  const code = {
    ...pathParam('code', { type: 'string', pattern: '^[0-9A-Za-z -]{10,40}$' }),
    description: 'Tracking code',
  };
  const object = { type: 'object' };
  const stats = {
    type: 'object',
    properties: {
      received: { type: 'integer' },
      answered: { type: 'integer' },
      answeredOnTime: { type: 'integer' },
      onTimeRate: rate(),
      medianResponseDays: nullableNumber(),
      meanResponseDays: nullableNumber(),
      rectified: { type: 'integer' },
      overdue: { type: 'integer' },
      solved: { type: 'integer' },
      notSolved: { type: 'integer' },
    },
  };
  const action = (summary: string, schema?: object, who = 'office') => ({
    post: {
      summary: `${summary} (${who})`,
      security: staff,
      parameters: [code],
      ...(schema ? { requestBody: body(schema) } : {}),
      responses: { '200': json(object), ...errors(400, 401, 403, 404, 409) },
    },
  });

  return {
    '/api/v1/critiques': {
      post: {
        summary:
          'Submit a critique (201; an identical one from the same client within minutes answers 200 with the same code)',
        requestBody: body({
          type: 'object',
          required: ['category', 'text'],
          additionalProperties: false,
          properties: {
            category: { type: 'string', enum: [...CATEGORIES] },
            text: text(4000),
            targetType: { type: 'string', enum: [...TARGET_TYPES] },
            targetId: { type: 'string' },
            nickname: { type: 'string', maxLength: 32 },
            contact: {
              type: 'string',
              maxLength: 100,
              description: 'Phone or e-mail; private, stored encrypted',
            },
          },
        }),
        responses: {
          '201': json({
            type: 'object',
            required: ['trackingCode'],
            properties: { trackingCode: { type: 'string' } },
          }),
          '200': json(
            { type: 'object', properties: { trackingCode: { type: 'string' } } },
            'Collapsed into a recent identical critique',
          ),
          ...errors(400, 413, 429),
        },
      },
      get: {
        summary: 'The public board of accepted critiques, newest first',
        parameters: [
          queryParam('status', { type: 'string', enum: [...BOARD_STATUSES] }),
          queryParam('departmentId'),
          queryParam('serviceCode'),
          queryParam('category', { type: 'string', enum: [...CATEGORIES] }),
          ...pageParams(),
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { items: { type: 'array' }, nextCursor: { type: ['string', 'null'] } },
          }),
          ...errors(400),
        },
      },
    },
    '/api/v1/critiques/{code}': {
      get: {
        summary: 'A critique by tracking code, whatever its status (masked public view)',
        parameters: [code],
        responses: { '200': json(object), ...errors(400, 404) },
      },
    },
    '/api/v1/critiques/{code}/confirmation': {
      post: {
        summary: "The critic's verdict on the answer: solved, or not solved (reopens it)",
        parameters: [code],
        requestBody: body({
          type: 'object',
          required: ['solved'],
          additionalProperties: false,
          properties: { solved: { type: 'boolean' }, comment: { type: 'string', maxLength: 500 } },
        }),
        responses: { '200': json(object), ...errors(400, 404, 409, 429) },
      },
    },
    '/api/v1/critiques/awards': {
      get: {
        summary: 'Woodpecker awards (hall of fame), newest first',
        parameters: pageParams(),
        responses: { '200': json(object) },
      },
    },
    '/api/v1/critiques/leaderboard': {
      get: { summary: 'Nicknames by awards, then adopted critiques', responses: { '200': json(object) } },
    },
    '/api/v1/critiques/stats': {
      get: {
        summary: 'Critique figures per department and for the city (from the monthly aggregates)',
        parameters: monthParams(),
        responses: {
          '200': json({ type: 'object', properties: { city: stats, departments: { type: 'array' } } }),
          ...errors(400),
        },
      },
    },
    '/api/v1/departments/{id}/critique-stats': {
      get: {
        summary: "A department's critique figures by month",
        parameters: [pathParam('id'), ...monthParams()],
        responses: {
          '200': json({ type: 'object', properties: { summary: stats, series: { type: 'array' } } }),
          ...errors(400, 404),
        },
      },
    },
    '/api/v1/staff/critiques': {
      get: {
        summary:
          'Staff lists: by status (office, inspectors; default the triage queue) or a department inbox',
        security: staff,
        parameters: [
          queryParam('status', { type: 'string', enum: [...STATUSES] }),
          queryParam('departmentId'),
          ...pageParams(),
        ],
        responses: { '200': json(object), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/staff/critiques/{code}': {
      get: {
        summary: 'A critique as submitted, with masked contact (office, inspectors, the assigned department)',
        security: staff,
        parameters: [code],
        responses: { '200': json(object), ...errors(400, 401, 403, 404) },
      },
    },
    '/api/v1/staff/critiques/{code}/audit': {
      get: {
        summary: 'Audit trail of a critique',
        security: staff,
        parameters: [code],
        responses: { '200': json(object), ...errors(401, 403, 404) },
      },
    },
    '/api/v1/staff/critiques/{code}/accept': action('Accept onto the public board'),
    '/api/v1/staff/critiques/{code}/reject': action('Reject with a reason', {
      type: 'object',
      required: ['reason'],
      properties: { reason: text(1000) },
    }),
    '/api/v1/staff/critiques/{code}/duplicate': action('Merge into another public critique', {
      type: 'object',
      required: ['duplicateOf'],
      properties: { duplicateOf: { type: 'string' } },
    }),
    '/api/v1/staff/critiques/{code}/route': action(
      'Send to a department with a reply deadline (default 5 working days)',
      {
        type: 'object',
        required: ['departmentId'],
        properties: {
          departmentId: { type: 'string' },
          replyDays: { type: 'integer', minimum: 1, maximum: 30 },
        },
      },
    ),
    '/api/v1/staff/critiques/{code}/reply': action(
      'Answer in public',
      { type: 'object', required: ['text'], properties: { text: text(4000) } },
      'office or assigned department',
    ),
    '/api/v1/staff/critiques/{code}/rectify': action(
      'Mark rectified, saying what changed',
      { type: 'object', required: ['text'], properties: { text: text(4000) } },
      'office or assigned department',
    ),
    '/api/v1/staff/critiques/{code}/hand-back': action(
      'Hand a misrouted critique back to the office',
      { type: 'object', required: ['reason'], properties: { reason: text(1000) } },
      'assigned department',
    ),
    '/api/v1/staff/critiques/{code}/award': {
      ...action('Grant a woodpecker award to a rectified critique', {
        type: 'object',
        required: ['citation'],
        properties: { citation: text(1000) },
      }),
      delete: {
        summary: 'Revoke the award (office)',
        security: staff,
        parameters: [code],
        responses: { '200': json(object), ...errors(401, 403, 404, 409) },
      },
    },
    '/api/v1/staff/open311-keys': {
      get: {
        summary: 'Open311 api_keys (office)',
        security: staff,
        responses: { '200': json(object), ...errors(401, 403) },
      },
      post: {
        summary: 'Issue an Open311 api_key; the key is in this response only (office)',
        security: staff,
        requestBody: body({ type: 'object', required: ['name'], properties: { name: text(100) } }),
        responses: { '201': json(object), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/staff/open311-keys/{id}': {
      delete: {
        summary: 'Revoke an Open311 api_key (office)',
        security: staff,
        parameters: [pathParam('id')],
        responses: { '200': json(object), ...errors(401, 403, 404) },
      },
    },
  } as const;
}
