/**
 * The OpenAPI paths of electronic supervision (warnings board, supervision orders,
 * reports), spread into the platform's document (functions/api/openapi.ts).
 */
import {
  body,
  errors,
  formatParam,
  json,
  jsonOrCsv,
  pageParams,
  pathParam,
  periodSchema,
  queryParam,
  staff,
  text,
} from './openapi-parts.js';

/** The electronic supervision paths, built when the document is (functions/api/openapi.ts). */
export function supervisionOpenApiPaths() {
  const id = pathParam('id');
  const longText = text(2000);
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

  return {
    '/api/v1/staff/warnings': {
      get: {
        summary:
          'Live warnings board: open yellow/red/serious cases with counts by colour, department, district, age',
        security: staff,
        parameters: [
          queryParam('level', { type: 'string', enum: ['yellow', 'red', 'serious'] }),
          queryParam('departmentId'),
          queryParam('district'),
          queryParam('minAgeDays', { type: 'integer', minimum: 0 }),
          queryParam('limit', { type: 'integer', minimum: 1, maximum: 1000 }),
          queryParam('offset', { type: 'integer', minimum: 0 }),
          formatParam(),
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
            instructions: longText,
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
          queryParam('status', {
            type: 'string',
            enum: ['open', 'issued', 'responded', 'escalated', 'closed'],
          }),
          queryParam('departmentId'),
          ...pageParams(),
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
        requestBody: body({ type: 'object', required: ['note'], properties: { note: longText } }),
        responses: { '200': json(order), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/supervision/orders/{id}/close': {
      post: {
        summary: 'The inspector closes the order after a response (办结销号)',
        security: staff,
        parameters: [id],
        requestBody: body({ type: 'object', required: ['outcome'], properties: { outcome: longText } }),
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
          properties: { note: longText, deadline: date },
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
          queryParam('scope', { type: 'string', enum: ['department', 'district', 'city'] }),
          queryParam('id'),
          queryParam('period', periodSchema()),
          formatParam(),
        ],
        responses: { '200': jsonOrCsv({ type: 'object' }), ...errors(400, 401, 403, 404) },
      },
    },
  } as const;
}
