/**
 * The OpenAPI paths of rankings (public tables, open data, methods, the office's
 * drafts and publishing), spread into the platform's document (functions/api/openapi.ts).
 */
import {
  body,
  errors,
  formatParam,
  json,
  jsonOrCsv,
  nullableNumber,
  pathParam,
  periodSchema,
  staff,
} from './openapi-parts.js';

/**
 * `GET /api/v1/rankings?scope=&period=[&version=][&format=csv]` (the contract's route) is
 * described in openapi.ts itself; these are the rest, built when the document is.
 */
export function rankingsOpenApiPaths() {
  const scope = pathParam('scope', { type: 'string', enum: ['department', 'district', 'window'] });
  const period = {
    ...pathParam('period', periodSchema()),
    description: 'A Beijing month YYYY-MM or quarter YYYY-Qn',
  };
  const version = pathParam('version', { type: 'integer', minimum: 1 });
  const format = formatParam();
  /** A nullable figure of a ranking (rates, shrunk values, points, score), declared without bounds. */
  const figure = nullableNumber();

  const indicatorValue = {
    type: 'object',
    properties: {
      raw: figure,
      n: { type: 'number' },
      shrunk: figure,
      goodness: figure,
      points: figure,
    },
  };
  const rankingRow = {
    type: 'object',
    required: ['id', 'name', 'rank', 'eligible', 'sample', 'score', 'indicators', 'transparency'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      rank: { type: ['integer', 'null'] },
      previousRank: { type: ['integer', 'null'] },
      movement: {
        type: ['integer', 'null'],
        description: 'Places up (+) or down (−) since the previous period',
      },
      talk: { type: 'boolean', description: 'Bottom two in this and the previous period (约谈)' },
      eligible: { type: 'boolean' },
      sample: { type: 'number' },
      score: figure,
      indicators: { type: 'object', additionalProperties: indicatorValue },
      transparency: {
        type: 'object',
        properties: { suspendedShare: figure, appealsUpheld: { type: 'number' } },
      },
    },
  };
  const ranking = {
    type: 'object',
    required: ['scope', 'period', 'version', 'status', 'methodVersion', 'months', 'units', 'links'],
    properties: {
      scope: { type: 'string' },
      period: { type: 'string' },
      version: { type: 'integer' },
      status: { type: 'string', enum: ['draft', 'published'] },
      methodVersion: { type: 'integer' },
      months: { type: 'array', items: { type: 'string' } },
      publishedAt: { type: 'string', format: 'date-time' },
      changes: { type: 'string' },
      supersedes: { type: 'integer' },
      previous: { type: ['object', 'null'] },
      population: { type: 'object' },
      missingIndicators: { type: 'array', items: { type: 'string' } },
      units: { type: 'array', items: rankingRow },
      top: { type: 'array', items: { type: 'string' } },
      bottom: { type: 'array', items: { type: 'string' } },
      talks: { type: 'array', items: { type: 'string' } },
      versions: { type: 'array', items: { type: 'object' } },
      links: {
        type: 'object',
        properties: {
          self: { type: 'string' },
          csv: { type: 'string' },
          inputs: { type: 'string' },
          inputsCsv: { type: 'string' },
          method: { type: 'string' },
          page: { type: 'string' },
        },
      },
    },
  };
  const method = {
    type: 'object',
    description:
      'Indicators (numerator/denominator counter sums, optional sample, role score|penalty, weight, direction, normalisation range|minmax, optional k), shrinkage.k, minSample, transparency. Score weights must sum to 1.',
    required: ['name', 'indicators', 'shrinkage', 'minSample', 'transparency'],
  };

  return {
    '/api/v1/rankings/{scope}/{period}/versions/{version}': {
      get: {
        summary: 'One published version at a stable URL',
        parameters: [scope, period, version, format],
        responses: { '200': jsonOrCsv(ranking), ...errors(400, 404) },
      },
      delete: {
        summary: 'Discard a draft (a published version cannot be discarded: 409)',
        security: staff,
        parameters: [scope, period, version],
        responses: { '204': { description: 'Discarded' }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/rankings/{scope}/{period}/versions/{version}/inputs': {
      get: {
        summary:
          'The aggregates a published version was computed from (open data; CSV is one counter per row)',
        parameters: [scope, period, version, format],
        responses: { '200': jsonOrCsv({ type: 'object' }), ...errors(400, 404) },
      },
    },
    '/api/v1/rankings/{scope}/{period}/versions/{version}/publish': {
      post: {
        summary: 'Publish a draft; published rankings are immutable (a second publish is 409)',
        security: staff,
        parameters: [scope, period, version],
        responses: { '200': json(ranking), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/rankings/{scope}/periods': {
      get: {
        summary: 'Published periods of a scope',
        parameters: [scope],
        responses: { '200': json({ type: 'object' }), ...errors(400) },
      },
    },
    '/api/v1/rankings/{scope}/units/{id}': {
      get: {
        summary: "A unit's rank in every published period",
        parameters: [scope, pathParam('id')],
        responses: { '200': json({ type: 'object' }), ...errors(400, 404) },
      },
    },
    '/api/v1/rankings/methods': {
      get: { summary: 'Every ranking method version', responses: { '200': json({ type: 'object' }) } },
      post: {
        summary: 'Create the next method version (office)',
        security: staff,
        requestBody: body(method),
        responses: { '201': json(method), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/rankings/methods/{version}': {
      get: {
        summary: 'One method version (stable URL)',
        parameters: [version],
        responses: { '200': json(method), ...errors(400, 404) },
      },
    },
    '/api/v1/rankings/drafts': {
      post: {
        summary: 'Compute a draft for a scope and period from the aggregates (office)',
        security: staff,
        requestBody: body({
          type: 'object',
          required: ['scope', 'period'],
          properties: {
            scope: scope.schema,
            period: period.schema,
            methodVersion: { type: 'integer' },
            changes: { type: 'string', description: 'Required when a version is already published' },
          },
        }),
        responses: { '201': json(ranking), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/staff/rankings/drafts': {
      get: {
        summary: 'Drafts awaiting review',
        security: staff,
        responses: { '200': json({ type: 'object' }), ...errors(401, 403) },
      },
    },
    '/api/v1/staff/rankings/{scope}/{period}/versions/{version}': {
      get: {
        summary: 'Any version, drafts included (office, inspectors)',
        security: staff,
        parameters: [scope, period, version, format],
        responses: { '200': jsonOrCsv(ranking), ...errors(400, 401, 403, 404) },
      },
    },
  } as const;
}
