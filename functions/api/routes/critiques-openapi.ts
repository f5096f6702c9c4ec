/**
 * The documentation of the find-fault window (critiques, awards, Open311 keys:
 * critiques-public.ts, critiques-submit.ts, critiques-staff.ts; the Open311 GeoReport v2
 * endpoints themselves are in functions/api/open311/openapi.ts), spread into the
 * platform's document (functions/api/openapi.ts).
 */

import { idSchema } from '../../domain/schemas.js';
import { describeRoute, type JsonSchema, type RouteDoc } from '../route-doc.js';
import {
  apiKeyBody,
  boardQuery,
  citationBody,
  confirmationBody,
  duplicateBody,
  pageQuery,
  reasonBody,
  routeBody,
  staffListQuery,
  submitBody,
  textBody,
} from './critiques-schemas.js';
import { rangeQuery } from './month-range.js';
import { nullableNumber, rate } from './openapi-parts.js';

/** The find-fault window's routes' documentation, built when the document is. */
export function critiquesRouteDocs(): RouteDoc[] {
  const code = { code: { type: 'string', pattern: '^[0-9A-Za-z -]{10,40}$' } };
  const paramDescriptions = { code: 'Tracking code (10 letters and digits; spaces and dashes ignored)' };
  const object = { type: 'object' };
  const critique: JsonSchema = {
    type: 'object',
    required: ['trackingCode', 'status', 'category'],
    properties: {
      trackingCode: { type: 'string' },
      status: { type: 'string' },
      category: { type: 'string' },
    },
  };
  const page = (item: JsonSchema): JsonSchema => ({
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } },
  });
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
  const nitpickerKey = {
    type: 'string',
    pattern: '^[0-9A-Za-z -]{26,80}$',
    description:
      "The nitpicker's private key (26 Crockford base32 symbols), given once at submission; only its hash is stored",
  };
  const submitted = (required: string[]): JsonSchema => ({
    type: 'object',
    required,
    properties: {
      trackingCode: { type: 'string', description: 'Public: follows the critique, shown on the board' },
      nitpickerKey,
      privateUrl: {
        type: 'string',
        format: 'uri',
        description: "The nitpicker's private page: the critique's page with the key, where they confirm",
      },
    },
  });
  const tag = 'Critiques';
  const staffTag = 'Critique handling';
  const action = (
    name: string,
    operationId: string,
    summary: string,
    options: Partial<RouteDoc> = {},
  ): RouteDoc =>
    describeRoute({
      route: `POST /api/v1/staff/critiques/:code/${name}`,
      operationId,
      tag: staffTag,
      summary,
      roles: ['office'],
      params: code,
      paramDescriptions,
      responses: { '200': { description: 'The critique after the step', json: critique } },
      errors: [400, 404, 409],
      ...options,
    });

  return [
    describeRoute({
      route: 'POST /api/v1/critiques',
      operationId: 'submitCritique',
      tag,
      summary: 'Submit a critique',
      description:
        '201 with a public tracking code and the nitpicker’s private key and link (shown only in this answer); an identical critique from the same client within minutes answers 200 with the same code. Rate-limited per client (429 with Retry-After); bodies over 32 KB are refused (413).',
      body: submitBody,
      bodyExample: { category: 'suggestion', text: '建议延长周六窗口的服务时间', nickname: '啄木鸟' },
      responses: {
        '201': {
          description:
            'Created. The tracking code is public (the board links to it); the nitpicker key and private link are shown only in this answer and are what the confirmation needs.',
          json: submitted(['trackingCode', 'nitpickerKey', 'privateUrl']),
        },
        '200': {
          description:
            'Collapsed into a recent identical critique from the same client: its tracking code, with a nitpicker key of its own (absent only when that critique already holds the most keys it may)',
          json: submitted(['trackingCode']),
        },
      },
      errors: [429],
    }),
    describeRoute({
      route: 'GET /api/v1/critiques',
      operationId: 'listCritiqueBoard',
      tag,
      summary: 'The public board of accepted critiques, newest first',
      query: boardQuery,
      responses: { '200': { description: 'A page of the board', json: page(critique) } },
    }),
    describeRoute({
      route: 'GET /api/v1/critiques/:code',
      operationId: 'getCritique',
      tag,
      summary: 'A critique by tracking code, whatever its status (masked public view)',
      params: code,
      paramDescriptions,
      responses: { '200': { description: 'The critique', json: critique } },
      errors: [400, 404],
    }),
    describeRoute({
      route: 'POST /api/v1/critiques/:code/confirmation',
      operationId: 'confirmCritique',
      tag,
      summary: "The critic's verdict on the answer: solved (final), or not solved (reopens it)",
      description:
        'Only for the holder of the critique’s nitpicker key, not the public tracking code. Answered 404 for an unknown critique, then 401 `unauthenticated` when `nitpickerKey` is missing or not one of this critique’s keys (checked before the rest of the body), 429 past the per-client limit, 400 for a bad body, 409 when the critique is not answered or already solved.',
      params: code,
      paramDescriptions,
      body: confirmationBody,
      bodyExample: { nitpickerKey: '01HZXAMPLEKEY0000000000000', solved: true },
      responses: { '200': { description: 'The critique', json: critique } },
      errors: [401, 404, 409, 429],
    }),
    describeRoute({
      route: 'GET /api/v1/critiques/awards',
      operationId: 'listCritiqueAwards',
      tag,
      summary: 'Woodpecker awards (hall of fame), newest first',
      query: pageQuery,
      responses: { '200': { description: 'A page of awards', json: page(object) } },
    }),
    describeRoute({
      route: 'GET /api/v1/critiques/leaderboard',
      operationId: 'getCritiqueLeaderboard',
      tag,
      summary: 'Nicknames by awards, then adopted critiques',
      query: pageQuery,
      responses: {
        '200': {
          description: 'The leaderboard',
          json: { type: 'object', required: ['items'], properties: { items: { type: 'array' } } },
        },
      },
    }),
    describeRoute({
      route: 'GET /api/v1/critiques/stats',
      operationId: 'getCritiqueStats',
      tag,
      summary: 'Critique figures per department and for the city (from the monthly aggregates)',
      query: rangeQuery,
      responses: {
        '200': {
          description: 'Figures',
          json: { type: 'object', properties: { city: stats, departments: { type: 'array' } } },
        },
      },
    }),
    describeRoute({
      route: 'GET /api/v1/departments/:id/critique-stats',
      operationId: 'getDepartmentCritiqueStats',
      tag,
      summary: "A department's critique figures by month",
      params: { id: idSchema },
      query: rangeQuery,
      responses: {
        '200': {
          description: 'Figures',
          json: {
            type: 'object',
            required: ['departmentId', 'from', 'to'],
            properties: {
              departmentId: { type: 'string' },
              name: { type: 'string' },
              from: { type: 'string' },
              to: { type: 'string' },
              summary: stats,
              series: { type: 'array' },
            },
          },
        },
      },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/critiques',
      operationId: 'listCritiquesForStaff',
      tag: staffTag,
      summary: 'Staff lists: by status (office, inspectors; default the triage queue) or a department inbox',
      roles: ['office', 'inspector', 'department'],
      query: staffListQuery,
      responses: { '200': { description: 'A page of critiques', json: page(critique) } },
    }),
    describeRoute({
      route: 'GET /api/v1/staff/critiques/:code',
      operationId: 'getCritiqueForStaff',
      tag: staffTag,
      summary: 'A critique as submitted, with masked contact (office, inspectors, the assigned department)',
      roles: ['office', 'inspector', 'department'],
      params: code,
      paramDescriptions,
      responses: { '200': { description: 'The critique', json: critique } },
      errors: [400, 404],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/critiques/:code/audit',
      operationId: 'getCritiqueAudit',
      tag: staffTag,
      summary: 'Audit trail of a critique',
      roles: ['office', 'inspector'],
      params: code,
      paramDescriptions,
      responses: {
        '200': {
          description: 'Audit entries',
          json: { type: 'object', required: ['items'], properties: { items: { type: 'array' } } },
        },
      },
      errors: [400, 404],
    }),
    action('accept', 'acceptCritique', 'Accept onto the public board'),
    action('reject', 'rejectCritique', 'Reject with a reason', {
      body: reasonBody,
      bodyExample: { reason: '与政务服务无关。' },
    }),
    action('duplicate', 'markCritiqueDuplicate', 'Merge into another public critique', {
      body: duplicateBody,
      bodyExample: { duplicateOf: 'K7M2Q9X4TB' },
    }),
    action('route', 'routeCritique', 'Send to a department with a reply deadline (default 5 working days)', {
      body: routeBody,
      bodyExample: { departmentId: 'market', replyDays: 5 },
    }),
    action('reply', 'replyToCritique', 'Answer in public (office or the assigned department)', {
      roles: ['office', 'department'],
      body: textBody,
      bodyExample: { text: '已核实，将于下周起一次性告知所需材料。' },
    }),
    action(
      'rectify',
      'rectifyCritique',
      'Mark rectified, saying what changed (office or the assigned department)',
      {
        roles: ['office', 'department'],
        body: textBody,
        bodyExample: { text: '办事指南已更新。' },
      },
    ),
    action(
      'hand-back',
      'handBackCritique',
      'Hand a misrouted critique back to the office (the assigned department)',
      {
        roles: ['department'],
        body: reasonBody,
        bodyExample: { reason: '不属于本部门职责。' },
      },
    ),
    action('award', 'grantCritiqueAward', 'Grant a woodpecker award to a rectified critique', {
      body: citationBody,
      bodyExample: { citation: '发现重复提交材料的问题。' },
      responses: { '201': { description: 'The award', json: object } },
    }),
    describeRoute({
      route: 'DELETE /api/v1/staff/critiques/:code/award',
      operationId: 'revokeCritiqueAward',
      tag: staffTag,
      summary: 'Revoke the award',
      roles: ['office'],
      params: code,
      paramDescriptions,
      responses: { '200': { description: 'Revoked', json: object } },
      errors: [400, 404, 409],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/open311-keys',
      operationId: 'listOpen311Keys',
      tag: staffTag,
      summary: 'Open311 api_keys (never the keys themselves)',
      roles: ['office'],
      responses: {
        '200': {
          description: 'Keys',
          json: { type: 'object', required: ['items'], properties: { items: { type: 'array' } } },
        },
      },
    }),
    describeRoute({
      route: 'POST /api/v1/staff/open311-keys',
      operationId: 'issueOpen311Key',
      tag: staffTag,
      summary: 'Issue an Open311 api_key; the key is in this response only',
      roles: ['office'],
      body: apiKeyBody,
      bodyExample: { name: '12345 热线系统' },
      responses: { '201': { description: 'Issued', json: object } },
    }),
    describeRoute({
      route: 'DELETE /api/v1/staff/open311-keys/:id',
      operationId: 'revokeOpen311Key',
      tag: staffTag,
      summary: 'Revoke an Open311 api_key',
      roles: ['office'],
      params: { id: idSchema },
      responses: { '200': { description: 'Revoked', json: object } },
      errors: [404],
    }),
  ];
}
