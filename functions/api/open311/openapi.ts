/**
 * The documentation of the Open311 GeoReport v2 endpoints (functions/api/open311/app.ts),
 * under their own tag of the platform's document. GeoReport v2 is the contract here:
 * resources end in `.json` or `.xml`, errors are its list of `{code, description}` in the
 * format asked for, and `POST requests` takes form fields with an office-issued api_key.
 * Hono serves several resources from one `/:file` pattern; each is documented on its
 * own path (`RouteDoc.path`).
 */
import {
  DEFAULT_PAGE_SIZE,
  MAX_IDS,
  MAX_PAGE_SIZE,
  MAX_RESULTS,
  MAX_SPAN_DAYS,
} from '../../usecases/critiques/open311.js';
import { describeRoute, type JsonSchema, OPEN311_TAG, type RouteDoc } from '../route-doc.js';

/** The Open311 routes' documentation, built when the document is (functions/api/openapi.ts). */
export function open311RouteDocs(): RouteDoc[] {
  const str = { type: 'string' };
  const nullable = { type: ['string', 'null'] };
  const format = { type: 'string', enum: ['json', 'xml'] };
  const paramDescriptions = { format: '`json` or `xml`: the format of the answer, errors included' };
  const jurisdiction = {
    name: 'jurisdiction_id',
    schema: str,
    description: 'This server’s jurisdiction (optional: it answers for one)',
  };
  const xml = { 'text/xml': { type: 'string', description: 'The same document as GeoReport v2 XML' } };
  const service = {
    type: 'object',
    required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
    properties: {
      service_code: { type: 'string', description: '`category` or `category:departmentId`' },
      service_name: str,
      description: str,
      metadata: { type: 'boolean' },
      type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] },
      keywords: str,
      group: str,
    },
  };
  const request: JsonSchema = {
    type: 'object',
    required: [
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
    ],
    properties: {
      service_request_id: { type: 'string', description: 'The critique’s tracking code' },
      status: { type: 'string', enum: ['open', 'closed'] },
      status_notes: nullable,
      service_name: str,
      service_code: str,
      description: { type: 'string', description: 'The critique’s text, personal numbers masked' },
      agency_responsible: str,
      service_notice: nullable,
      requested_datetime: str,
      updated_datetime: str,
      expected_datetime: nullable,
    },
  };
  const created = {
    type: 'array',
    items: {
      type: 'object',
      required: ['service_request_id'],
      properties: { service_request_id: str, service_notice: nullable, account_id: nullable },
    },
  };
  const ok = (description: string, json: JsonSchema) => ({ description, json, content: xml });
  const common = { tag: OPEN311_TAG, open311: true, paramDescriptions, params: { format } };

  return [
    describeRoute({
      ...common,
      route: 'GET /open311/v2/:file',
      path: '/open311/v2/discovery.{format}',
      operationId: 'open311Discovery',
      summary: 'Service discovery',
      extraQuery: [],
      responses: {
        '200': ok('The endpoints of this server', {
          type: 'object',
          required: ['changeset', 'contact', 'key_service', 'endpoints'],
          properties: {
            changeset: str,
            contact: str,
            key_service: str,
            endpoints: {
              type: 'array',
              items: {
                type: 'object',
                required: ['specification', 'url', 'changeset', 'type', 'formats'],
                properties: {
                  specification: str,
                  url: str,
                  changeset: str,
                  type: { type: 'string', enum: ['production', 'test'] },
                  formats: { type: 'array', items: str },
                },
              },
            },
          },
        }),
      },
    }),
    describeRoute({
      ...common,
      route: 'GET /open311/v2/:file',
      path: '/open311/v2/services.{format}',
      operationId: 'open311ListServices',
      summary: 'Service list: each critique category, in general and per department',
      extraQuery: [jurisdiction],
      responses: { '200': ok('The services', { type: 'array', items: service }) },
    }),
    describeRoute({
      ...common,
      route: 'GET /open311/v2/services/:file',
      path: '/open311/v2/services/{service_code}.{format}',
      operationId: 'open311GetServiceDefinition',
      summary: 'Service definition: the attributes a request of this service may carry',
      extraQuery: [jurisdiction],
      responses: {
        '200': ok('The definition', {
          type: 'object',
          required: ['service_code', 'attributes'],
          properties: {
            service_code: str,
            attributes: {
              type: 'array',
              items: {
                type: 'object',
                required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
                properties: {
                  variable: { type: 'boolean' },
                  code: str,
                  datatype: str,
                  required: { type: 'boolean' },
                  datatype_description: nullable,
                  order: { type: 'integer' },
                  description: str,
                  values: {
                    type: 'array',
                    items: { type: 'object', required: ['key', 'name'], properties: { key: str, name: str } },
                  },
                },
              },
            },
          },
        }),
      },
    }),
    describeRoute({
      ...common,
      route: 'GET /open311/v2/:file',
      path: '/open311/v2/requests.{format}',
      operationId: 'open311ListRequests',
      summary: 'Public critiques as service requests, newest first (paged)',
      description: `At most ${MAX_SPAN_DAYS} days between start_date and end_date (default: the last ${MAX_SPAN_DAYS} days). \`page\` reaches the first ${MAX_RESULTS} results; the \`Link: rel="next"\` header carries a stable cursor that goes on from anywhere.`,
      extraQuery: [
        jurisdiction,
        {
          name: 'service_request_id',
          schema: str,
          description: `Up to ${MAX_IDS} tracking codes, comma-separated (the other filters are then ignored)`,
        },
        { name: 'service_code', schema: str },
        {
          name: 'start_date',
          schema: str,
          description: 'ISO 8601 date-time with offset, or a date (midnight Beijing time)',
        },
        { name: 'end_date', schema: str, description: 'As start_date' },
        { name: 'status', schema: str, description: '`open`, `closed` or `open,closed`' },
        {
          name: 'page_size',
          schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
        },
        { name: 'page', schema: { type: 'integer', minimum: 1 }, description: '1-based' },
        { name: 'cursor', schema: str, description: 'From the `Link: rel="next"` URL of the previous page' },
      ],
      responses: {
        '200': {
          ...ok('The requests', { type: 'array', items: request }),
          headers: {
            Link: { description: 'The next page, `<url>; rel="next"` (absent on the last)', schema: str },
          },
        },
      },
    }),
    describeRoute({
      ...common,
      route: 'GET /open311/v2/requests/:file',
      path: '/open311/v2/requests/{service_request_id}.{format}',
      operationId: 'open311GetRequest',
      summary: 'One service request by id (its tracking code)',
      extraQuery: [jurisdiction],
      responses: { '200': ok('A list of the one request', { type: 'array', items: request }) },
    }),
    describeRoute({
      ...common,
      route: 'GET /open311/v2/tokens/:file',
      path: '/open311/v2/tokens/{token_id}.{format}',
      operationId: 'open311GetToken',
      summary: 'Tokens: not used (requests are created synchronously, so this is always 404)',
      extraQuery: [],
      responses: {},
      errors: [404],
    }),
    describeRoute({
      ...common,
      route: 'POST /open311/v2/:file',
      path: '/open311/v2/requests.{format}',
      operationId: 'open311CreateRequest',
      summary: 'Create a service request (a critique, submitted through a partner app)',
      description:
        'Needs an office-issued api_key (401 without one, 403 for an unknown or revoked one). Fields not listed are a 400. Rate-limited per key (429).',
      security: [{ open311ApiKey: [] }],
      rawBody: [
        {
          mediaType: 'application/x-www-form-urlencoded',
          schema: {
            type: 'object',
            required: ['service_code', 'description'],
            properties: {
              api_key: str,
              jurisdiction_id: str,
              service_code: str,
              description: { type: 'string', description: 'The text of the critique (public)' },
              email: { type: 'string', description: 'Private: only to tell the submitter about the answer' },
              phone: { type: 'string', description: 'Private, as email' },
              first_name: str,
              last_name: str,
              device_id: str,
              account_id: str,
              lat: { type: 'number', minimum: -90, maximum: 90 },
              long: { type: 'number', minimum: -180, maximum: 180 },
              address_string: str,
              address_id: str,
              media_url: str,
              'attribute[nickname]': { type: 'string', description: 'Public nickname' },
              'attribute[service_item]': { type: 'string', description: 'A service code of the department' },
            },
          },
          example: { api_key: 'wp311_…', service_code: 'correction:market', description: '路灯不亮' },
        },
      ],
      responses: { '200': ok('The new request’s id', created) },
      errors: [401, 403, 413, 429],
    }),
  ];
}
