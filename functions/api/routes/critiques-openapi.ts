/**
 * The OpenAPI paths of the find-fault window (critiques, awards, Open311 keys; the
 * Open311 GeoReport v2 endpoints themselves follow that specification), kept beside
 * their routes and spread into the platform's document (functions/api/openapi.ts).
 */
import { BOARD_STATUSES, CATEGORIES, STATUSES, TARGET_TYPES } from '../../domain/critiques/model.js';

const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'Error', content: { 'application/json': { schema: errorRef } } },
    ]),
  );
const json = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const staff = [{ bearer: [] }];
const code = {
  name: 'code',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9A-Za-z -]{10,40}$' },
  description: 'Tracking code',
};
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];
const months = [
  { name: 'from', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
  { name: 'to', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
];
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const object = { type: 'object' };
const rate = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const stats = {
  type: 'object',
  properties: {
    received: { type: 'integer' },
    answered: { type: 'integer' },
    answeredOnTime: { type: 'integer' },
    onTimeRate: rate,
    medianResponseDays: { type: ['number', 'null'] },
    meanResponseDays: { type: ['number', 'null'] },
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

export const critiquesOpenApiPaths = {
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
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...BOARD_STATUSES] } },
        { name: 'departmentId', in: 'query', schema: { type: 'string' } },
        { name: 'serviceCode', in: 'query', schema: { type: 'string' } },
        { name: 'category', in: 'query', schema: { type: 'string', enum: [...CATEGORIES] } },
        ...pageParams,
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
      parameters: pageParams,
      responses: { '200': json(object) },
    },
  },
  '/api/v1/critiques/leaderboard': {
    get: { summary: 'Nicknames by awards, then adopted critiques', responses: { '200': json(object) } },
  },
  '/api/v1/critiques/stats': {
    get: {
      summary: 'Critique figures per department and for the city (from the monthly aggregates)',
      parameters: months,
      responses: {
        '200': json({ type: 'object', properties: { city: stats, departments: { type: 'array' } } }),
        ...errors(400),
      },
    },
  },
  '/api/v1/departments/{id}/critique-stats': {
    get: {
      summary: "A department's critique figures by month",
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...months],
      responses: {
        '200': json({ type: 'object', properties: { summary: stats, series: { type: 'array' } } }),
        ...errors(400, 404),
      },
    },
  },
  '/api/v1/staff/critiques': {
    get: {
      summary: 'Staff lists: by status (office, inspectors; default the triage queue) or a department inbox',
      security: staff,
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...STATUSES] } },
        { name: 'departmentId', in: 'query', schema: { type: 'string' } },
        ...pageParams,
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
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': json(object), ...errors(401, 403, 404) },
    },
  },
} as const;
