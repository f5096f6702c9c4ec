/**
 * The documentation of the platform's core routes (health, the OpenAPI document itself,
 * the catalogue, curves, case feeds, the calendar), beside their routes in
 * catalogue-public.ts, catalogue-staff.ts, cases-staff.ts, calendar*.ts and health.ts.
 * Inputs are the schemas those routes validate with (functions/api/route-doc.ts).
 */

import { idSchema } from '../../domain/schemas.js';
import { describeRoute, type JsonSchema, type RouteDoc } from '../route-doc.js';
import {
  batchDocBody,
  calendarYearParam,
  departmentBody,
  serviceBody,
  serviceListQuery,
  windowBody,
  yearSchema,
} from './catalogue-schemas.js';
import { rangeQuery } from './month-range.js';
import { nullableNumber, rate } from './openapi-parts.js';

/** `?format=json|csv`, read by `wantsCsv` on the routes that also answer in CSV. */
export const formatQueryParam = () => ({
  name: 'format',
  schema: { type: 'string', enum: ['json', 'csv'] },
  description: '`csv` for an Excel-friendly CSV (UTF-8 with BOM) instead of JSON',
});

/** The core routes' documentation, built when the document is (functions/api/openapi.ts). */
export function catalogueRouteDocs(): RouteDoc[] {
  const str = { type: 'string' };
  const service: JsonSchema = {
    type: 'object',
    required: ['code', 'name', 'departmentId'],
    properties: {
      code: str,
      name: str,
      departmentId: str,
      kind: { type: 'string', enum: ['service', 'hotline'] },
      statutoryDays: { type: 'integer', minimum: 0, description: 'Statutory limit (法定时限), working days' },
      promisedDays: { type: 'integer', minimum: 0, description: 'Promised limit (承诺时限), working days' },
    },
  };
  const limits = {
    type: 'array',
    description: 'Effective-dated limit versions, oldest first',
    items: {
      type: 'object',
      required: ['effectiveFrom', 'statutoryDays', 'promisedDays'],
      properties: {
        effectiveFrom: { type: 'string', format: 'date' },
        statutoryDays: { type: 'integer' },
        promisedDays: { type: 'integer' },
      },
    },
  };
  const serviceView: JsonSchema = {
    ...service,
    required: ['code', 'name', 'departmentId', 'limits'],
    properties: { ...(service.properties as object), limits },
  };
  const windowView = {
    type: 'object',
    required: ['id', 'name', 'departmentId'],
    properties: { id: str, name: str, departmentId: str },
  };
  const department: JsonSchema = {
    type: 'object',
    required: ['id', 'name'],
    properties: {
      id: str,
      name: str,
      district: str,
      rectificationDays: { type: 'integer', minimum: 1, maximum: 60 },
      callbackWorkingDays: { type: 'integer', minimum: 1, maximum: 15 },
      callbackWorkingHours: { type: 'integer', minimum: 1, maximum: 240 },
    },
  };
  const curvePoint = {
    type: 'object',
    required: ['month', 'statutoryDays', 'promisedDays', 'cases', 'actual', 'onTimeRate'],
    properties: {
      month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      statutoryDays: { type: ['integer', 'null'] },
      promisedDays: { type: ['integer', 'null'] },
      cases: { type: 'integer', minimum: 0 },
      actual: {
        type: 'object',
        properties: { mean: nullableNumber(0), p50: nullableNumber(0), p90: nullableNumber(0) },
      },
      onTimeRate: rate(),
    },
  };
  const curves = (extra: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
    type: 'object',
    required: ['from', 'to', 'series', 'summary', ...required],
    properties: {
      ...extra,
      from: str,
      to: str,
      series: { type: 'array', items: curvePoint },
      summary: {
        type: 'object',
        properties: {
          cases: { type: 'integer' },
          meanDays: nullableNumber(0),
          onTimeRate: rate(),
          promisedSpeedUp: nullableNumber(),
          actualSpeedUp: nullableNumber(),
        },
      },
    },
  });
  const results = {
    type: 'object',
    required: ['results', 'counts'],
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['status'],
          properties: { status: str },
        },
      },
      counts: { type: 'object', additionalProperties: { type: 'integer' } },
    },
  };
  const ok = (description: string, json: JsonSchema, csv = false) => ({ description, json, csv });
  const months = { query: rangeQuery, extraQuery: [formatQueryParam()] };
  const code = { code: idSchema };
  const tag = 'Catalogue and curves';

  return [
    describeRoute({
      route: 'GET /healthz',
      operationId: 'getHealth',
      tag: 'Platform',
      summary: 'Health',
      description:
        '200 while the API and its table answer (with warnings such as a missing next-year calendar), 503 when the table does not.',
      responses: {
        '200': {
          description: 'Healthy',
          json: {
            type: 'object',
            required: ['status', 'warnings'],
            properties: {
              status: { const: 'ok' },
              warnings: { type: 'array', items: str },
            },
          },
          example: { status: 'ok', warnings: [] },
        },
        '503': {
          description: 'The table is unreachable',
          json: {
            type: 'object',
            required: ['status', 'warnings'],
            properties: { status: { const: 'unavailable' }, warnings: { type: 'array', items: str } },
          },
        },
      },
    }),
    describeRoute({
      route: 'GET /api/v1/openapi.json',
      operationId: 'getOpenApiDocument',
      tag: 'Platform',
      summary: 'This OpenAPI 3.1 document',
      description: 'Generated from the zod schemas the routes validate with; rendered at /api/docs.',
      responses: {
        '200': ok('The document', {
          type: 'object',
          required: ['openapi', 'paths'],
          properties: { openapi: { const: '3.1.0' }, paths: { type: 'object' } },
        }),
      },
    }),
    describeRoute({
      route: 'GET /api/v1/services',
      operationId: 'listServices',
      tag,
      summary: 'The service catalogue (paginated; CSV with ?format=csv)',
      query: serviceListQuery,
      responses: {
        '200': ok(
          'A page of services',
          {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: service },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          true,
        ),
      },
    }),
    describeRoute({
      route: 'GET /api/v1/services:export',
      operationId: 'exportCatalogue',
      tag,
      summary: 'The whole catalogue as CSV, in the format `POST /api/v1/services:import` reads',
      responses: { '200': { description: 'CSV', content: { 'text/csv': { type: 'string' } } } },
    }),
    describeRoute({
      route: 'GET /api/v1/services/:code',
      operationId: 'getService',
      tag,
      summary: 'A service with its limit history',
      params: code,
      responses: {
        '200': ok('The service', serviceView),
      },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/services/:code/curves',
      operationId: 'getServiceCurves',
      tag,
      summary: 'Statutory / promised / actual curves of a service by month (CSV with ?format=csv)',
      params: code,
      ...months,
      responses: { '200': ok('Curves', curves({ service: { type: 'object' } }, ['service']), true) },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/departments/:id/curves',
      operationId: 'getDepartmentCurves',
      tag,
      summary: "A department's curves by month (CSV with ?format=csv)",
      params: { id: idSchema },
      ...months,
      responses: { '200': ok('Curves', curves({ departmentId: str }, ['departmentId']), true) },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/city/curves',
      operationId: 'getCityCurves',
      tag,
      summary: "The whole city's curves by month (CSV with ?format=csv)",
      ...months,
      responses: { '200': ok('Curves', curves({}), true) },
    }),
    describeRoute({
      route: 'GET /api/v1/departments',
      operationId: 'listDepartments',
      tag,
      summary: 'Every department',
      responses: {
        '200': ok('Departments', {
          type: 'object',
          required: ['items'],
          properties: { items: { type: 'array', items: department } },
        }),
      },
    }),
    describeRoute({
      route: 'GET /api/v1/departments/:id',
      operationId: 'getDepartment',
      tag,
      summary: 'A department and its services',
      params: { id: idSchema },
      responses: {
        '200': ok('The department', {
          ...department,
          required: ['id', 'name', 'services'],
          properties: { ...(department.properties as object), services: { type: 'array', items: service } },
        }),
      },
      errors: [404],
    }),
    describeRoute({
      route: 'PUT /api/v1/departments/:id',
      operationId: 'putDepartment',
      tag: 'Catalogue administration',
      summary: 'Create or update a department',
      roles: ['office'],
      params: { id: idSchema },
      body: departmentBody,
      bodyExample: { name: '市场监督管理局', district: '浦东新区', rectificationDays: 10 },
      responses: { '200': ok('Updated', department), '201': ok('Created', department) },
    }),
    describeRoute({
      route: 'PUT /api/v1/windows/:id',
      operationId: 'putWindow',
      tag: 'Catalogue administration',
      summary: 'Create or update a service window of a department',
      roles: ['office'],
      params: { id: idSchema },
      body: windowBody,
      bodyExample: { name: '市场 1号窗口', departmentId: 'market' },
      responses: {
        '200': ok('Updated', windowView),
        '201': ok('Created', windowView),
      },
      errors: [404],
    }),
    describeRoute({
      route: 'POST /api/v1/services:import',
      operationId: 'importCatalogue',
      tag: 'Catalogue administration',
      summary: 'Import services from CSV (the format of `GET /api/v1/services:export`)',
      roles: ['office'],
      rawBody: [
        {
          mediaType: 'text/csv',
          schema: {
            type: 'string',
            description:
              'Header `code,name,departmentId,kind,statutoryDays,promisedDays,effectiveFrom`, then one service per row',
          },
          example:
            'code,name,departmentId,kind,statutoryDays,promisedDays,effectiveFrom\nFOOD,食品经营许可,market,service,18,6,2020-01-01\n',
        },
      ],
      responses: { '200': ok('One result per row, and counts by result', results) },
    }),
    describeRoute({
      route: 'PUT /api/v1/services/:code',
      operationId: 'putService',
      tag: 'Catalogue administration',
      summary: 'Create or update a service (a new limit version from effectiveFrom)',
      roles: ['office'],
      params: code,
      body: serviceBody,
      bodyExample: {
        name: '食品经营许可',
        departmentId: 'market',
        statutoryDays: 18,
        promisedDays: 6,
        effectiveFrom: '2020-01-01',
      },
      responses: {
        '200': ok('Updated', serviceView),
        '201': ok('Created', serviceView),
      },
      errors: [404],
    }),
    describeRoute({
      route: 'POST /api/v1/cases:batch',
      operationId: 'pushCases',
      tag: 'Cases',
      summary: 'Push up to 500 cases, each its whole current state',
      description:
        'Each case is checked on its own: a bad one is `rejected` in `results` (200) and the others are still written. Department staff may only write their own department’s cases.',
      roles: ['office', 'system', 'department'],
      body: batchDocBody,
      bodyExample: {
        cases: [{ caseId: 'C-2026-0001', serviceCode: 'FOOD', acceptedAt: '2026-11-16T09:00:00+08:00' }],
      },
      responses: { '200': ok('One result per case, and counts by result', results) },
    }),
    describeRoute({
      route: 'GET /api/v1/cases/:caseId',
      operationId: 'getCase',
      tag: 'Cases',
      summary: 'A case with workingDays, dueDate, warning, provisional',
      roles: ['office', 'inspector', 'department'],
      params: { caseId: idSchema },
      responses: {
        '200': ok('The case', {
          type: 'object',
          required: ['caseId', 'serviceCode', 'departmentId', 'acceptedAt', 'elapsedWorkingDays'],
          properties: {
            caseId: str,
            serviceCode: str,
            departmentId: str,
            acceptedAt: str,
            completedAt: str,
            dueDate: { type: 'string', format: 'date' },
            elapsedWorkingDays: { type: 'integer' },
            warning: str,
            provisional: { type: 'boolean' },
            applicantPhone: { type: 'string', description: 'Masked' },
          },
        }),
      },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/calendar',
      operationId: 'getCalendar',
      tag: 'Calendar',
      summary: 'Loaded official calendar years',
      responses: {
        '200': ok('Loaded years', {
          type: 'object',
          required: ['loadedYears'],
          properties: { loadedYears: { type: 'array', items: { type: 'integer' } } },
        }),
      },
    }),
    describeRoute({
      route: 'PUT /api/v1/calendar/:year',
      operationId: 'putCalendarYear',
      tag: 'Calendar',
      summary: "Load a year's official schedule (holiday-cn format); open cases are recomputed",
      roles: ['office'],
      params: { year: calendarYearParam },
      body: yearSchema,
      bodyExample: { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] },
      responses: {
        '200': ok('Loaded', {
          type: 'object',
          required: ['year', 'days', 'recomputedOpenCases'],
          properties: {
            year: { type: 'integer' },
            days: { type: 'integer' },
            recomputedOpenCases: { type: 'integer' },
          },
        }),
      },
    }),
  ];
}
