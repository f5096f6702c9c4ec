/**
 * The documentation of electronic supervision (warnings board, supervision orders,
 * reports: supervision-staff.ts, reports-staff.ts), spread into the platform's document
 * (functions/api/openapi.ts).
 */

import { idSchema } from '../../domain/schemas.js';
import { describeRoute, type JsonSchema, type RouteDoc } from '../route-doc.js';
import {
  closeBody,
  escalateBody,
  issueBody,
  ordersQuery,
  reportQuery,
  respondBody,
  warningsQuery,
} from './supervision-schemas.js';

/** The electronic supervision routes' documentation, built when the document is. */
export function supervisionRouteDocs(): RouteDoc[] {
  const date = { type: 'string', format: 'date' };
  const order: JsonSchema = {
    type: 'object',
    required: ['id', 'targetType', 'targetId', 'departmentId', 'title', 'deadline', 'status'],
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
  const tag = 'Supervision';
  const readers = ['inspector', 'office', 'department'] as const;
  const id = { id: idSchema };
  const step = (
    action: string,
    operationId: string,
    summary: string,
    roles: RouteDoc['roles'],
    body: RouteDoc['body'],
    bodyExample: unknown,
  ) =>
    describeRoute({
      route: `POST /api/v1/supervision/orders/:id/${action}`,
      operationId,
      tag,
      summary,
      roles,
      params: id,
      body,
      bodyExample,
      responses: { '200': { description: 'The order after the step', json: order } },
      errors: [404, 409],
    });

  return [
    describeRoute({
      route: 'GET /api/v1/staff/warnings',
      operationId: 'getWarningsBoard',
      tag,
      summary:
        'Live warnings board: open yellow/red/serious cases with counts by colour, department, district, age (CSV with ?format=csv)',
      roles: readers,
      query: warningsQuery,
      responses: {
        '200': {
          description: 'The board',
          json: {
            type: 'object',
            required: ['asOf', 'items'],
            properties: { asOf: { type: 'string' }, items: { type: 'array', items: { type: 'object' } } },
          },
          csv: true,
        },
      },
    }),
    describeRoute({
      route: 'POST /api/v1/supervision/orders',
      operationId: 'issueSupervisionOrder',
      tag,
      summary: 'Issue a supervision order (督办单) on a case, a bad review, a critique or a department',
      description: '`departmentId` only for a critique not yet routed.',
      roles: ['inspector'],
      body: issueBody,
      bodyExample: {
        targetType: 'case',
        targetId: 'C-2026-0001',
        title: '督办：超期办件',
        instructions: '请说明超期原因。',
        deadline: '2026-12-11',
      },
      responses: { '201': { description: 'Issued', json: order } },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/supervision/orders',
      operationId: 'listSupervisionOrders',
      tag,
      summary: 'Orders the caller may see, by status or department',
      roles: readers,
      query: ordersQuery,
      responses: {
        '200': {
          description: 'A page of orders',
          json: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: { items: { type: 'array', items: order }, nextCursor: { type: ['string', 'null'] } },
          },
        },
      },
    }),
    describeRoute({
      route: 'GET /api/v1/staff/supervision/orders/:id',
      operationId: 'getSupervisionOrder',
      tag,
      summary: 'One order with its steps and audit trail',
      roles: readers,
      params: id,
      responses: {
        '200': { description: 'The order', json: { ...order, required: ['id', 'status', 'audit'] } },
      },
      errors: [404],
    }),
    step(
      'respond',
      'respondToSupervisionOrder',
      'The department responds (its own orders only)',
      ['department'],
      respondBody,
      {
        note: '已办结，超期原因系材料补正。',
      },
    ),
    step(
      'close',
      'closeSupervisionOrder',
      'The inspector closes the order after a response (办结销号)',
      ['inspector'],
      closeBody,
      {
        outcome: '已核实，销号。',
      },
    ),
    step(
      'escalate',
      'escalateSupervisionOrder',
      'The inspector escalates with a new deadline',
      ['inspector'],
      escalateBody,
      {
        note: '逾期未回复，升级督办。',
        deadline: '2026-12-18',
      },
    ),
    describeRoute({
      route: 'GET /api/v1/staff/reports',
      operationId: 'getSupervisionReport',
      tag,
      summary:
        'Supervision report of a department, district or the city over a month or quarter (JSON or CSV)',
      description: 'Inspectors and the office report on anything, department staff on their own department.',
      roles: readers,
      query: reportQuery,
      responses: {
        '200': {
          description: 'The report',
          json: {
            type: 'object',
            required: ['scope', 'id', 'period'],
            properties: { scope: { type: 'string' }, id: { type: 'string' }, period: { type: 'string' } },
          },
          csv: true,
        },
      },
      errors: [404],
    }),
  ];
}
