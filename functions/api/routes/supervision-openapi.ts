/**
 * The OpenAPI paths of electronic supervision (warnings board, supervision orders,
 * reports), spread into the platform's document (functions/api/openapi.ts).
 */
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
const jsonOrCsv = (schema: object) => ({
  description: 'OK',
  content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' } } },
});
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const staff = [{ bearer: [] }];
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const q = (name: string, schema: object = { type: 'string' }) => ({ name, in: 'query', schema });
const text = { type: 'string', minLength: 1, maxLength: 2000 };
const date = { type: 'string', format: 'date' };

const order = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    targetType: { type: 'string', enum: ['case', 'rating', 'critique', 'department'] },
    targetId: { type: 'string' },
    departmentId: { type: 'string' },
    title: { type: 'string' },
    instructions: { type: 'string' },
    deadline: date,
    status: { type: 'string', enum: ['issued', 'responded', 'escalated', 'closed'] },
    level: { type: 'integer' },
    overdue: { type: 'boolean' },
    steps: { type: 'array', items: { type: 'object' } },
    audit: { type: 'array', items: { type: 'object' } },
  },
};

export const supervisionOpenApiPaths = {
  '/api/v1/staff/warnings': {
    get: {
      summary:
        'Live warnings board: open yellow/red/serious cases with counts by colour, department, district, age',
      security: staff,
      parameters: [
        q('level', { type: 'string', enum: ['yellow', 'red', 'serious'] }),
        q('departmentId'),
        q('district'),
        q('minAgeDays', { type: 'integer', minimum: 0 }),
        q('limit', { type: 'integer', minimum: 1, maximum: 1000 }),
        q('offset', { type: 'integer', minimum: 0 }),
        q('format', { type: 'string', enum: ['json', 'csv'] }),
      ],
      responses: { '200': jsonOrCsv({ type: 'object' }), ...errors(400, 401, 403) },
    },
  },
  '/api/v1/supervision/orders': {
    post: {
      summary:
        'Issue a supervision order (督办单) on a case, a bad review, a critique or a department (inspectors)',
      security: staff,
      requestBody: body({
        type: 'object',
        required: ['targetType', 'targetId', 'title', 'instructions', 'deadline'],
        properties: {
          targetType: { type: 'string', enum: ['case', 'rating', 'critique', 'department'] },
          targetId: { type: 'string' },
          departmentId: { type: 'string', description: 'Only for a critique not yet routed' },
          title: { type: 'string', maxLength: 200 },
          instructions: text,
          deadline: date,
        },
      }),
      responses: { '201': json(order), ...errors(400, 401, 403, 404) },
    },
  },
  '/api/v1/staff/supervision/orders': {
    get: {
      summary: 'Orders the caller may see, by status or department',
      security: staff,
      parameters: [
        q('status', { type: 'string', enum: ['open', 'issued', 'responded', 'escalated', 'closed'] }),
        q('departmentId'),
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
        q('cursor'),
      ],
      responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403) },
    },
  },
  '/api/v1/staff/supervision/orders/{id}': {
    get: {
      summary: 'One order with its steps and audit trail',
      security: staff,
      parameters: [id],
      responses: { '200': json(order), ...errors(401, 403, 404) },
    },
  },
  '/api/v1/supervision/orders/{id}/respond': {
    post: {
      summary: 'The department responds (its own orders only)',
      security: staff,
      parameters: [id],
      requestBody: body({ type: 'object', required: ['note'], properties: { note: text } }),
      responses: { '200': json(order), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/supervision/orders/{id}/close': {
    post: {
      summary: 'The inspector closes the order after a response (办结销号)',
      security: staff,
      parameters: [id],
      requestBody: body({ type: 'object', required: ['outcome'], properties: { outcome: text } }),
      responses: { '200': json(order), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/supervision/orders/{id}/escalate': {
    post: {
      summary: 'The inspector escalates with a new deadline',
      security: staff,
      parameters: [id],
      requestBody: body({
        type: 'object',
        required: ['note', 'deadline'],
        properties: { note: text, deadline: date },
      }),
      responses: { '200': json(order), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/staff/reports': {
    get: {
      summary:
        'Supervision report of a department, district or the city over a month or quarter (JSON or CSV)',
      security: staff,
      parameters: [
        q('scope', { type: 'string', enum: ['department', 'district', 'city'] }),
        q('id'),
        q('period', { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$' }),
        q('format', { type: 'string', enum: ['json', 'csv'] }),
      ],
      responses: { '200': jsonOrCsv({ type: 'object' }), ...errors(400, 401, 403, 404) },
    },
  },
} as const;
