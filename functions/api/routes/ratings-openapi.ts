/**
 * The OpenAPI paths of good/bad reviews, kept beside their routes and spread into the
 * platform's document (functions/api/openapi.ts).
 */
import {
  body,
  errors,
  formatParam,
  json,
  monthParams,
  nullableNumber,
  pageParams,
  pathParam,
  queryParam,
  rate,
  staff,
} from './openapi-parts.js';

/** The good/bad review paths, built when the document is (functions/api/openapi.ts). */
export function ratingsOpenApiPaths() {
  const months = [...monthParams(), formatParam()];
  const score = { type: 'integer', minimum: 1, maximum: 5 };

  const satisfactionPoint = {
    type: 'object',
    required: ['month', 'ratings', 'distribution', 'goodRate', 'badRate', 'satisfactionScore', 'tooFew'],
    properties: {
      month: { type: 'string' },
      ratings: { type: 'integer' },
      distribution: {
        type: 'object',
        properties: Object.fromEntries(['1', '2', '3', '4', '5'].map((k) => [k, { type: 'integer' }])),
      },
      goodRate: rate(),
      badRate: rate(),
      meanScore: nullableNumber(),
      satisfactionScore: rate(),
      completedCases: { type: 'integer' },
      coverage: nullableNumber(0),
      callbackRate: rate(),
      callbackOnTimeRate: rate(),
      rectificationRate: rate(),
      rectificationOnTimeRate: rate(),
      tooFew: {
        type: 'boolean',
        description: 'Fewer than 10 ratings: in public the judgement figures are null (样本不足).',
      },
    },
  };

  const review = { type: 'object', description: 'A bad review with its follow-up (contact masked).' };

  return {
    '/api/v1/ratings': {
      post: {
        summary: 'Rate a completed case with its rating token (one rating per case)',
        requestBody: body({
          type: 'object',
          required: ['caseId', 'token', 'score'],
          additionalProperties: false,
          properties: {
            caseId: { type: 'string' },
            token: { type: 'string', description: 'The t= parameter of the rating link' },
            score: { ...score, description: '5 非常满意 … 1 非常不满意; 1–2 are bad reviews' },
            comment: { type: 'string', maxLength: 500 },
            subScores: {
              type: 'object',
              additionalProperties: false,
              properties: { efficiency: score, attitude: score, guideAccuracy: score, convenience: score },
            },
            callback: {
              type: 'object',
              required: ['name', 'phone', 'consent'],
              properties: {
                name: { type: 'string', maxLength: 50 },
                phone: { type: 'string', description: 'Mainland mobile; kept only hashed and masked' },
                consent: { const: true },
              },
            },
          },
        }),
        responses: { '201': json({ type: 'object' }, 'Rated'), ...errors(400, 401, 404, 409, 413, 429) },
      },
    },
    '/api/v1/ratings/{caseId}': {
      get: {
        summary: 'The rater’s own view of a rating and its follow-up',
        parameters: [
          pathParam('caseId'),
          { name: 't', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': json({ type: 'object' }), ...errors(401, 404) },
      },
    },
    '/api/v1/ratings/{caseId}/rectification-feedback': {
      post: {
        summary: 'Say whether the rectification of a bad review satisfied you (once)',
        parameters: [pathParam('caseId')],
        requestBody: body({
          type: 'object',
          required: ['token', 'satisfied'],
          properties: {
            token: { type: 'string' },
            satisfied: { type: 'boolean' },
            comment: { type: 'string' },
          },
        }),
        responses: { '200': json({ type: 'object' }), ...errors(400, 401, 404, 409, 413, 429) },
      },
    },
    '/api/v1/services/{code}/satisfaction': {
      get: {
        summary: 'Ratings of a service by month (CSV with ?format=csv)',
        parameters: [pathParam('code'), ...months],
        responses: {
          '200': json({
            type: 'object',
            properties: { series: { type: 'array', items: satisfactionPoint }, summary: satisfactionPoint },
          }),
          ...errors(400, 404),
        },
      },
    },
    '/api/v1/departments/{id}/satisfaction': {
      get: {
        summary: 'Ratings of a department by month, with one row per window',
        parameters: [pathParam('id'), ...months],
        responses: { '200': json({ type: 'object' }), ...errors(400, 404) },
      },
    },
    '/api/v1/staff/reviews': {
      get: {
        summary: 'A department’s bad reviews, newest first (department staff: their own)',
        security: staff,
        parameters: [
          queryParam('departmentId'),
          queryParam('status', {
            type: 'string',
            enum: ['open', 'overdue', 'appealed', 'closed', 'excluded', 'all'],
          }),
          ...pageParams(),
        ],
        responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/staff/reviews/{caseId}': {
      get: {
        summary: 'One bad review with its follow-up',
        security: staff,
        parameters: [pathParam('caseId')],
        responses: { '200': json(review), ...errors(401, 403, 404) },
      },
    },
    '/api/v1/staff/reviews/{caseId}/callback': {
      post: {
        summary: 'Record the callback (回访): when, by whom, outcome',
        security: staff,
        parameters: [pathParam('caseId')],
        requestBody: body({
          type: 'object',
          required: ['at', 'outcome'],
          properties: {
            at: { type: 'string', format: 'date-time' },
            by: { type: 'string' },
            outcome: { type: 'string', enum: ['resolved', 'explained', 'unresolved', 'unreachable'] },
            note: { type: 'string' },
          },
        }),
        responses: { '200': json(review), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/staff/reviews/{caseId}/rectification': {
      post: {
        summary: 'Record the rectification (整改): plan, done or cannot be done, evidence',
        security: staff,
        parameters: [pathParam('caseId')],
        requestBody: body({
          type: 'object',
          required: ['plan', 'status'],
          properties: {
            plan: { type: 'string' },
            status: { type: 'string', enum: ['planned', 'done', 'cannot'] },
            explanation: { type: 'string', description: 'Required for cannot' },
            evidence: { type: 'string', description: 'Required for done' },
          },
        }),
        responses: { '200': json(review), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/staff/reviews/{caseId}/appeal': {
      post: {
        summary: 'Appeal a review as malicious or mistaken',
        security: staff,
        parameters: [pathParam('caseId')],
        requestBody: body({
          type: 'object',
          required: ['kind', 'reason'],
          properties: {
            kind: { type: 'string', enum: ['malicious', 'mistaken'] },
            reason: { type: 'string' },
          },
        }),
        responses: { '200': json(review), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/staff/appeals': {
      get: {
        summary: 'Appeals by status (office)',
        security: staff,
        parameters: [queryParam('status', { type: 'string', enum: ['pending', 'upheld', 'rejected'] })],
        responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/staff/appeals/{caseId}/ruling': {
      post: {
        summary: 'Rule an appeal; upheld excludes the review from every statistic (office)',
        security: staff,
        parameters: [pathParam('caseId')],
        requestBody: body({
          type: 'object',
          required: ['decision', 'note'],
          properties: {
            decision: { type: 'string', enum: ['upheld', 'rejected'] },
            note: { type: 'string' },
          },
        }),
        responses: { '200': json(review), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/staff/departments/{id}/satisfaction': {
      get: {
        summary: 'A department’s figures per window and per staff member (评价到人), for its own staff',
        security: staff,
        parameters: [pathParam('id'), ...monthParams()],
        responses: { '200': json({ type: 'object' }), ...errors(400, 401, 403, 404) },
      },
    },
  };
}
