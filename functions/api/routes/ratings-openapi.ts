/**
 * The documentation of good/bad reviews (ratings-public.ts, ratings-read.ts,
 * ratings-staff.ts), spread into the platform's document (functions/api/openapi.ts).
 * Bodies are the schemas of functions/usecases/ratings/schemas.ts that the use cases
 * parse with; the routes themselves read the JSON as `z.unknown()`.
 */

import { idSchema } from '../../domain/schemas.js';
import {
  assistedRatingBodySchema,
  channelKeyBodySchema,
  systemRatingBodySchema,
} from '../../usecases/ratings/channel-schemas.js';
import { inboxQuerySchema } from '../../usecases/ratings/follow-up.js';
import {
  appealBodySchema,
  callbackBodySchema,
  feedbackBodySchema,
  ratingBodySchema,
  rectificationBodySchema,
  rulingBodySchema,
} from '../../usecases/ratings/schemas.js';
import { describeRoute, type JsonSchema, type RouteDoc } from '../route-doc.js';
import { formatQueryParam } from './catalogue-openapi.js';
import { rangeQuery } from './month-range.js';
import { nullableNumber, rate } from './openapi-parts.js';
import { appealsQuery } from './ratings-schemas.js';

/** The good/bad review routes' documentation, built when the document is. */
export function ratingsRouteDocs(): RouteDoc[] {
  const score = { type: 'integer', minimum: 1, maximum: 5 };
  const satisfactionPoint = {
    type: 'object',
    required: ['ratings', 'distribution', 'goodRate', 'badRate', 'satisfactionScore', 'tooFew'],
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
  const satisfaction = (extra: Record<string, JsonSchema>): JsonSchema => ({
    type: 'object',
    required: ['from', 'to', 'series', 'summary'],
    properties: {
      ...extra,
      from: { type: 'string' },
      to: { type: 'string' },
      series: { type: 'array', items: satisfactionPoint },
      summary: satisfactionPoint,
    },
  });
  const followUp = { type: ['object', 'null'], description: 'Present for bad reviews (score 1–2)' };
  const raterView = {
    type: 'object',
    required: ['caseId', 'score', 'bad', 'ratedAt'],
    properties: {
      caseId: { type: 'string' },
      serviceCode: { type: 'string' },
      departmentId: { type: 'string' },
      score,
      subScores: { type: 'object', additionalProperties: score },
      ratedAt: { type: 'string' },
      bad: { type: 'boolean' },
      callbackRequested: { type: 'boolean' },
      followUp,
    },
  };
  const review = {
    type: 'object',
    description: 'A bad review with its follow-up (contact masked).',
    required: ['caseId', 'departmentId', 'score', 'state'],
    properties: {
      caseId: { type: 'string' },
      departmentId: { type: 'string' },
      score,
      state: { type: 'string' },
      contact: { type: ['object', 'null'] },
    },
  };
  const reviews = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      ...extra,
      items: { type: 'array', items: review },
      nextCursor: { type: ['string', 'null'] },
    },
  });
  const caseId = { caseId: idSchema };
  const months = { query: rangeQuery, extraQuery: [formatQueryParam()] };
  const act = (
    action: string,
    operationId: string,
    summary: string,
    body: RouteDoc['body'],
    bodyExample: unknown,
    roles: RouteDoc['roles'] = ['department'],
  ) =>
    describeRoute({
      route: `POST /api/v1/staff/${action}`,
      operationId,
      tag: 'Review follow-up',
      summary,
      roles,
      params: caseId,
      body,
      bodyExample,
      responses: { '200': { description: 'The review after the step', json: review } },
      errors: [404, 409],
    });

  const receipt = {
    type: 'object',
    required: ['caseId', 'score', 'bad', 'ratedAt'],
    properties: {
      caseId: { type: 'string' },
      score,
      bad: { type: 'boolean' },
      ratedAt: { type: 'string' },
      month: { type: 'string' },
      callbackRequested: { type: 'boolean' },
      contentVersion: { type: 'string', description: 'The evaluation content version in force' },
      ratingChannel: {
        type: 'string',
        description: 'How the rating was given (not the case’s channel)',
      },
      indicatorSet: { type: 'string', enum: ['online', 'offline'] },
      followUp,
    },
  };
  const keyRecord = {
    type: 'object',
    required: ['id', 'name', 'createdAt', 'createdBy', 'scope'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      createdAt: { type: 'string' },
      createdBy: { type: 'string' },
      revokedAt: { type: 'string' },
      apiKey: { type: 'string', description: 'The clear key: in the answer to issuing only' },
      scope: {
        type: 'object',
        required: ['departmentId', 'ratingChannel'],
        properties: {
          departmentId: { type: 'string' },
          ratingChannel: { type: 'string' },
          windowId: { type: 'string' },
          staffId: { type: 'string' },
        },
      },
    },
  };
  const answerExample = {
    caseId: 'C-2026-0001',
    score: 2,
    indicators: { efficiency: 2 },
    reasons: ['efficiency.slow'],
  };
  return [
    describeRoute({
      route: 'POST /api/v1/ratings/system',
      operationId: 'rateCaseBySystem',
      tag: 'Ratings',
      summary:
        'Rate a completed case from the hotline/IVR, a partner system or a terminal (one rating per case)',
      description:
        'Authenticated by an office-issued rating key in `X-Api-Key` (401 without a live one), scoped to one department (another department’s case is 403) and one rating channel, which the rating records and which picks the indicator set. Idempotent on the case id: the same body again answers 200 with the same receipt; different content, or a case already rated through any other channel, is 409 `already_rated`. Bodies over 16 KB are refused (413).',
      security: [{ ratingKey: [] }],
      body: systemRatingBodySchema,
      bodyExample: answerExample,
      responses: {
        '201': { description: 'Rated', json: receipt },
        '200': { description: 'The same submission again: the receipt of the stored rating', json: receipt },
      },
      errors: [401, 403, 404, 409],
    }),
    describeRoute({
      route: 'POST /api/v1/staff/ratings/assisted',
      operationId: 'rateCaseAssisted',
      tag: 'Ratings',
      summary: 'Enter a rating for a rater (staff-assisted; recorded with who entered it, reported apart)',
      roles: ['department'],
      body: assistedRatingBodySchema,
      bodyExample: { caseId: 'C-2026-0001', score: 5 },
      responses: {
        '201': { description: 'Rated', json: receipt },
        '200': { description: 'The same entry again', json: receipt },
      },
      errors: [404, 409],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/rating-keys',
      operationId: 'listRatingKeys',
      tag: 'Ratings',
      summary: 'Rating-channel keys (never the keys themselves)',
      roles: ['office'],
      responses: {
        '200': {
          description: 'Keys',
          json: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: keyRecord } },
          },
        },
      },
    }),
    describeRoute({
      route: 'POST /api/v1/staff/rating-keys',
      operationId: 'issueRatingKey',
      tag: 'Ratings',
      summary:
        'Issue a rating key for a department and channel (a window device also binds a window and staff member); the key is in this response only',
      roles: ['office'],
      body: channelKeyBodySchema,
      bodyExample: { name: '12345 热线', departmentId: 'market', ratingChannel: 'hotline' },
      responses: { '201': { description: 'Issued', json: keyRecord } },
    }),
    describeRoute({
      route: 'DELETE /api/v1/staff/rating-keys/:id',
      operationId: 'revokeRatingKey',
      tag: 'Ratings',
      summary: 'Revoke a rating key',
      roles: ['office'],
      params: { id: idSchema },
      responses: { '200': { description: 'Revoked', json: keyRecord } },
      errors: [404],
    }),
    describeRoute({
      route: 'POST /api/v1/ratings',
      operationId: 'rateCase',
      tag: 'Ratings',
      summary: 'Rate a completed case with its rating token (one rating per case)',
      description:
        'The rating token (`t=` of the rating link) is the credential: a wrong or expired one is 401. Scores 1–2 are bad reviews and start the follow-up. Bodies over 16 KB are refused (413).',
      body: ratingBodySchema,
      bodyExample: { caseId: 'C-2026-0001', token: 'v1.…', score: 5, comment: '办事很快' },
      responses: {
        '201': {
          description: 'Rated',
          json: {
            type: 'object',
            required: ['caseId', 'score', 'bad', 'ratedAt'],
            properties: {
              caseId: { type: 'string' },
              score,
              bad: { type: 'boolean' },
              ratedAt: { type: 'string' },
              month: { type: 'string' },
              callbackRequested: { type: 'boolean' },
              contentVersion: { type: 'string', description: 'The evaluation content version in force' },
              ratingChannel: {
                type: 'string',
                description: 'How the rating was given (not the case’s channel)',
              },
              indicatorSet: { type: 'string', enum: ['online', 'offline'] },
              followUp,
            },
          },
        },
      },
      errors: [401, 404, 409, 429],
    }),
    describeRoute({
      route: 'GET /api/v1/ratings/:caseId',
      operationId: 'getOwnRating',
      tag: 'Ratings',
      summary: 'The rater’s own view of a rating and its follow-up',
      extraQuery: [
        {
          name: 't',
          required: true,
          schema: { type: 'string', maxLength: 200 },
          description: 'The rating token of the case (the credential)',
        },
      ],
      responses: { '200': { description: 'The rating', json: raterView } },
      errors: [400, 401, 404],
    }),
    describeRoute({
      route: 'POST /api/v1/ratings/:caseId/rectification-feedback',
      operationId: 'giveRectificationFeedback',
      tag: 'Ratings',
      summary: 'Say whether the rectification of a bad review satisfied you (once)',
      body: feedbackBodySchema,
      bodyExample: { token: 'v1.…', satisfied: true },
      responses: { '200': { description: 'The rating', json: raterView } },
      errors: [401, 404, 409, 429],
    }),
    describeRoute({
      route: 'GET /api/v1/services/:code/satisfaction',
      operationId: 'getServiceSatisfaction',
      tag: 'Ratings',
      summary: 'Ratings of a service by month (CSV with ?format=csv)',
      params: { code: idSchema },
      ...months,
      responses: {
        '200': { description: 'Figures', json: satisfaction({ service: { type: 'object' } }), csv: true },
      },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/departments/:id/satisfaction',
      operationId: 'getDepartmentSatisfaction',
      tag: 'Ratings',
      summary: 'Ratings of a department by month, with one row per window (CSV with ?format=csv)',
      params: { id: idSchema },
      ...months,
      responses: {
        '200': {
          description: 'Figures',
          json: satisfaction({ department: { type: 'object' }, windows: { type: 'array' } }),
          csv: true,
        },
      },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/reviews',
      operationId: 'listBadReviews',
      tag: 'Review follow-up',
      summary: 'A department’s bad reviews, newest first (department staff: their own)',
      roles: ['department', 'office', 'inspector'],
      query: inboxQuerySchema,
      responses: {
        '200': { description: 'A page of reviews', json: reviews({ departmentId: { type: 'string' } }) },
      },
    }),
    describeRoute({
      route: 'GET /api/v1/staff/reviews/:caseId',
      operationId: 'getBadReview',
      tag: 'Review follow-up',
      summary: 'One bad review with its follow-up',
      roles: ['department', 'office', 'inspector'],
      params: caseId,
      responses: { '200': { description: 'The review', json: review } },
      errors: [404],
    }),
    act(
      'reviews/:caseId/callback',
      'recordCallback',
      'Record the callback (回访): when, by whom, outcome',
      callbackBodySchema,
      {
        at: '2026-11-20T10:00:00+08:00',
        outcome: 'explained',
      },
    ),
    act(
      'reviews/:caseId/rectification',
      'recordRectification',
      'Record the rectification (整改): plan, done or cannot be done, evidence',
      rectificationBodySchema,
      { plan: '一次性告知所需材料', status: 'done', evidence: '已更新办事指南' },
    ),
    act(
      'reviews/:caseId/appeal',
      'appealReview',
      'Appeal a review as malicious or mistaken',
      appealBodySchema,
      {
        kind: 'mistaken',
        reason: '评价针对的是另一件事',
      },
    ),
    describeRoute({
      route: 'GET /api/v1/staff/appeals',
      operationId: 'listAppeals',
      tag: 'Review follow-up',
      summary: 'Appeals by status',
      roles: ['office'],
      query: appealsQuery,
      responses: { '200': { description: 'A page of appealed reviews', json: reviews() } },
    }),
    act(
      'appeals/:caseId/ruling',
      'ruleAppeal',
      'Rule an appeal; upheld excludes the review from every statistic',
      rulingBodySchema,
      { decision: 'rejected', note: '证据不足，维持评价。' },
      ['office'],
    ),
    describeRoute({
      route: 'GET /api/v1/staff/departments/:id/satisfaction',
      operationId: 'getStaffDepartmentSatisfaction',
      tag: 'Review follow-up',
      summary: 'A department’s figures per window and per staff member (评价到人), for its own staff',
      roles: ['department', 'office', 'inspector'],
      params: { id: idSchema },
      query: rangeQuery,
      responses: { '200': { description: 'Figures', json: satisfaction({}) } },
      errors: [404],
    }),
  ];
}
