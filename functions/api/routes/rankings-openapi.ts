/**
 * The documentation of rankings (public tables, open data, methods, the office's drafts
 * and publishing: rankings-public.ts, rankings-staff.ts), spread into the platform's
 * document (functions/api/openapi.ts).
 */
import { methodBodySchema } from '../../usecases/rankings/method-schema.js';
import { describeRoute, type JsonSchema, type RouteDoc } from '../route-doc.js';
import { formatQueryParam } from './catalogue-openapi.js';
import { nullableNumber, periodSchema } from './openapi-parts.js';
import { draftBody, formatQuery, rankingQuery, unitIdSchema, versionSchema } from './rankings-schemas.js';

/** The ranking routes' documentation, built when the document is. */
export function rankingsRouteDocs(): RouteDoc[] {
  const scope = { type: 'string', enum: ['department', 'district', 'window'] };
  const paramDescriptions = {
    scope: 'department, district or window',
    period: 'A Beijing month YYYY-MM or quarter YYYY-Qn',
    version: 'Version number, from 1',
  };
  const versionParams = { scope, period: periodSchema(), version: versionSchema };
  /** A nullable figure of a ranking (rates, shrunk values, points, score), declared without bounds. */
  const figure = nullableNumber();
  const indicatorValue = {
    type: 'object',
    properties: { raw: figure, n: { type: 'number' }, shrunk: figure, goodness: figure, points: figure },
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
  const ranking: JsonSchema = {
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
        properties: Object.fromEntries(
          ['self', 'csv', 'inputs', 'inputsCsv', 'method', 'page'].map((k) => [k, { type: 'string' }]),
        ),
      },
    },
  };
  const method: JsonSchema = {
    type: 'object',
    description:
      'Indicators (numerator/denominator counter sums, optional sample, role score|penalty, weight, direction, normalisation range|minmax, optional k), shrinkage.k, minSample, transparency. Score weights must sum to 1.',
    required: ['version', 'name', 'indicators', 'shrinkage', 'minSample', 'transparency'],
    properties: {
      version: { type: 'integer', minimum: 1 },
      name: { type: 'object' },
      indicators: { type: 'array' },
      shrinkage: { type: 'object' },
      minSample: { type: 'object' },
      transparency: { type: 'object' },
    },
  };
  const inputs = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
    type: 'object',
    required: ['scope', 'period', 'version', 'months', 'units'],
    properties: {
      ...extra,
      scope: { type: 'string' },
      period: { type: 'string' },
      version: { type: 'integer' },
      months: { type: 'array', items: { type: 'string' } },
      units: { type: 'array', items: { type: 'object' } },
    },
  });
  const items = (item: JsonSchema): JsonSchema => ({
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: item } },
  });
  const published = {
    type: 'object',
    required: ['period', 'version', 'url'],
    properties: {
      period: { type: 'string' },
      version: { type: 'integer' },
      publishedAt: { type: 'string' },
      url: { type: 'string' },
    },
  };
  const csv = [formatQueryParam()];
  const tag = 'Rankings';
  const admin = 'Ranking administration';

  return [
    describeRoute({
      route: 'GET /api/v1/rankings',
      operationId: 'getRanking',
      tag,
      summary: 'The published ranking of a scope and period (the latest version unless `version` is given)',
      query: rankingQuery,
      responses: { '200': { description: 'The ranking', json: ranking, csv: true } },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/rankings/methods',
      operationId: 'listRankingMethods',
      tag,
      summary: 'Every ranking method version',
      responses: { '200': { description: 'Methods', json: items(method) } },
    }),
    describeRoute({
      route: 'GET /api/v1/rankings/methods/:version',
      operationId: 'getRankingMethod',
      tag,
      summary: 'One method version (stable URL)',
      params: { version: versionSchema },
      responses: { '200': { description: 'The method', json: method } },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/rankings/:scope/periods',
      operationId: 'listRankingPeriods',
      tag,
      summary: 'Published periods of a scope',
      params: { scope },
      paramDescriptions,
      responses: {
        '200': {
          description: 'Months and quarters with their latest published version',
          json: {
            type: 'object',
            required: ['scope', 'months', 'quarters'],
            properties: {
              scope: { type: 'string' },
              months: { type: 'array', items: published },
              quarters: { type: 'array', items: published },
            },
          },
        },
      },
      errors: [400],
    }),
    describeRoute({
      route: 'GET /api/v1/rankings/:scope/units/:id',
      operationId: 'getUnitRankHistory',
      tag,
      summary: "A unit's rank in every published period",
      params: { scope, id: unitIdSchema },
      paramDescriptions,
      responses: { '200': { description: 'Rank history', json: { type: 'object' } } },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/rankings/:scope/:period/versions/:version',
      operationId: 'getPublishedRankingVersion',
      tag,
      summary: 'One published version at a stable URL',
      params: versionParams,
      paramDescriptions,
      query: formatQuery,
      responses: { '200': { description: 'The ranking', json: ranking, csv: true } },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/rankings/:scope/:period/versions/:version/inputs',
      operationId: 'getPublishedRankingInputs',
      tag,
      summary: 'The aggregates a published version was computed from (open data; CSV is one counter per row)',
      params: versionParams,
      paramDescriptions,
      query: formatQuery,
      responses: {
        '200': {
          description: 'Inputs',
          json: inputs({ methodVersion: { type: 'integer' }, method: { type: 'string' } }),
          csv: true,
        },
      },
      errors: [404],
    }),
    describeRoute({
      route: 'POST /api/v1/rankings/methods',
      operationId: 'createRankingMethod',
      tag: admin,
      summary: 'Create the next method version',
      roles: ['office'],
      body: methodBodySchema,
      responses: { '201': { description: 'Created', json: method } },
    }),
    describeRoute({
      route: 'POST /api/v1/rankings/drafts',
      operationId: 'computeRankingDraft',
      tag: admin,
      summary: 'Compute a draft for a scope and period from the aggregates',
      description: '`changes` is required when a version of the period is already published.',
      roles: ['office'],
      body: draftBody,
      bodyExample: { scope: 'department', period: '2026-07' },
      responses: { '201': { description: 'The draft', json: ranking } },
      errors: [404, 409],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/rankings/drafts',
      operationId: 'listRankingDrafts',
      tag: admin,
      summary: 'Drafts awaiting review',
      roles: ['office', 'inspector'],
      responses: { '200': { description: 'Drafts', json: items({ type: 'object' }) } },
    }),
    describeRoute({
      route: 'GET /api/v1/staff/rankings/:scope/:period/versions/:version',
      operationId: 'getAnyRankingVersion',
      tag: admin,
      summary: 'Any version, drafts included',
      roles: ['office', 'inspector'],
      params: versionParams,
      paramDescriptions,
      extraQuery: csv,
      responses: { '200': { description: 'The ranking', json: ranking, csv: true } },
      errors: [404],
    }),
    describeRoute({
      route: 'GET /api/v1/staff/rankings/:scope/:period/versions/:version/inputs',
      operationId: 'getAnyRankingInputs',
      tag: admin,
      summary: 'The inputs of any version, drafts included',
      roles: ['office', 'inspector'],
      params: versionParams,
      paramDescriptions,
      extraQuery: csv,
      responses: { '200': { description: 'Inputs', json: inputs(), csv: true } },
      errors: [404],
    }),
    describeRoute({
      route: 'POST /api/v1/rankings/:scope/:period/versions/:version/publish',
      operationId: 'publishRanking',
      tag: admin,
      summary: 'Publish a draft; published rankings are immutable (a second publish is 409)',
      roles: ['office'],
      params: versionParams,
      paramDescriptions,
      responses: { '200': { description: 'The published ranking', json: ranking } },
      errors: [404, 409],
    }),
    describeRoute({
      route: 'DELETE /api/v1/rankings/:scope/:period/versions/:version',
      operationId: 'discardRankingDraft',
      tag: admin,
      summary: 'Discard a draft (a published version cannot be discarded: 409)',
      roles: ['office'],
      params: versionParams,
      paramDescriptions,
      responses: { '204': { description: 'Discarded' } },
      errors: [404, 409],
    }),
  ];
}
