/**
 * Open311 GeoReport v2 at `/open311/v2` (mounted in the public-write group: its POST
 * needs an office-issued api_key; its GETs are public). Every resource answers in
 * `.json` or `.xml`; every failure — bad input, unknown ids, a wrong key, rate limits,
 * unknown paths — in Open311's own error format and that same format, with the HTTP
 * status as the error code. `GET requests` is paged (`page_size`, `page`, and the
 * stable `cursor` of the `Link: rel="next"` header; see usecases/critiques/open311.ts).
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Open311Status } from '../../domain/critiques/open311.js';
import { Refusal } from '../../domain/refusal.js';
import { instantSchema } from '../../domain/schemas.js';
import { platform } from '../../platform.js';
import { readConfig } from '../../shared/config.js';
import { logger } from '../../shared/powertools.js';
import { verifyApiKey } from '../../usecases/critiques/api-keys.js';
import {
  open311CreateRequest,
  open311RequestById,
  open311Requests,
  open311ServiceDefinition,
  open311ServiceList,
} from '../../usecases/critiques/open311.js';
import { httpStatusOf } from '../errors.js';
import { withRetryAfter } from '../routes/critiques-submit.js';
import {
  definitionXml,
  discovery,
  discoveryXml,
  errorsJson,
  errorsXml,
  requestsXml,
  servicesXml,
} from './documents.js';

type Format = 'json' | 'xml';

const MAX_BODY_BYTES = 32 * 1024;
/** `jurisdiction_id` this server answers for (a single-jurisdiction endpoint also accepts none). */
const jurisdiction = () => process.env.WOODPECKER_OPEN311_JURISDICTION ?? 'woodpecker';

class Open311Error extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: ContentfulStatusCode, message: string) => new Open311Error(status, message);

function formatOfPath(path: string): Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

/** `requests.json` → `{ name: 'requests', format: 'json' }`; 404 for another extension. */
function split(file: string): { name: string; format: Format } {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw fail(404, `Unknown format in ${file}: use .json or .xml.`);
  return { name: m[1]!, format: m[2] as Format };
}

function respond(
  c: Context,
  format: Format,
  json: unknown,
  xml: () => string,
  status: ContentfulStatusCode = 200,
) {
  if (format === 'json') return c.json(json, status);
  c.header('content-type', 'text/xml; charset=utf-8');
  return c.body(xml(), status);
}

function errorResponse(c: Context, status: ContentfulStatusCode, description: string) {
  const format = formatOfPath(c.req.path);
  return respond(c, format, errorsJson(status, description), () => errorsXml(status, description), status);
}

function checkJurisdiction(value: string | undefined) {
  if (value !== undefined && value !== jurisdiction())
    throw fail(404, `jurisdiction_id ${value.slice(0, 60)} not found.`);
}

/** A `start_date`/`end_date`: an ISO 8601 date-time with offset, or a date (midnight Beijing time). */
function dateParam(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const v = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  const ok = instantSchema.safeParse(v).success;
  const date = new Date(v);
  if (!ok || Number.isNaN(date.getTime())) {
    throw fail(400, `${name} must be an ISO 8601 date-time with offset, e.g. 2026-11-01T00:00:00+08:00.`);
  }
  return date;
}

/** `page` and `page_size`: whole numbers (their ranges are the use case's to check). */
function countParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,6}$/.test(value)) throw fail(400, `${name} must be a whole number.`);
  return Number(value);
}

/** The URL of the page after this one: the same query, with the cursor instead of a page number. */
function nextPageUrl(c: Context, cursor: string): string {
  const url = new URL(c.req.url);
  const query = new URLSearchParams(url.search);
  query.delete('page');
  query.set('cursor', cursor);
  return `${readConfig().publicBaseUrl.replace(/\/+$/, '')}${url.pathname}?${query}`;
}

function statusParam(value: string | undefined): Open311Status[] | undefined {
  if (value === undefined || value === '') return undefined;
  const list = value.split(',').map((s) => s.trim().toLowerCase());
  if (!list.every((s) => s === 'open' || s === 'closed'))
    throw fail(400, 'status must be open, closed or open,closed.');
  return list as Open311Status[];
}

/** Form fields (urlencoded or multipart; JSON accepted too) as single strings. */
async function fieldsOf(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  let raw: Record<string, unknown>;
  try {
    raw = /application\/json/i.test(type)
      ? ((await c.req.json()) as Record<string, unknown>)
      : await c.req.parseBody({ all: true });
  } catch {
    throw fail(400, 'The body could not be read as form fields.');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fail(400, 'The body must be form fields.');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
    else if (typeof first === 'number' || typeof first === 'boolean') out[k] = String(first);
    else if (first !== undefined && first !== null) throw fail(400, `Field ${k} must be text.`);
  }
  return out;
}

/** The `attribute[…]` names a service request may carry (see the service definition). */
export const KNOWN_ATTRIBUTES = new Set(['nickname', 'service_item']);
/** The GeoReport v2 form fields `POST requests` accepts; any other field is a 400. */
export const POST_FIELDS = new Set([
  'api_key',
  'jurisdiction_id',
  'service_code',
  'description',
  'email',
  'phone',
  'first_name',
  'last_name',
  'device_id',
  'account_id',
  'lat',
  'long',
  'address_string',
  'address_id',
  'media_url',
]);

async function createRequest(c: Context, format: Format) {
  const fields = await fieldsOf(c);
  checkJurisdiction(fields.jurisdiction_id ?? c.req.query('jurisdiction_id'));
  const apiKey = fields.api_key ?? c.req.query('api_key');
  if (!apiKey) throw fail(401, 'api_key is required to create a service request.');
  const key = await verifyApiKey(platform(), apiKey);
  if (!key) throw fail(403, 'api_key is not valid (unknown or revoked).');

  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^attribute\[(.+)\]$/.exec(k);
    if (m) {
      if (!KNOWN_ATTRIBUTES.has(m[1]!)) throw fail(400, `Unknown attribute ${m[1]!.slice(0, 40)}.`);
      attributes[m[1]!] = v;
    } else if (!POST_FIELDS.has(k)) {
      throw fail(400, `Unknown field ${k.slice(0, 40)}.`);
    }
  }
  if (!fields.service_code) throw fail(400, 'service_code is required.');
  if (!fields.description?.trim()) throw fail(400, 'description is required: the text of the critique.');
  for (const [name, lo, hi] of [
    ['lat', -90, 90],
    ['long', -180, 180],
  ] as const) {
    const v = fields[name];
    if (v !== undefined && v !== '' && !(Number.isFinite(Number(v)) && Number(v) >= lo && Number(v) <= hi)) {
      throw fail(400, `${name} must be a number from ${lo} to ${hi}.`);
    }
  }
  const created = await withRetryAfter(c, () =>
    open311CreateRequest(platform(), key, {
      serviceCode: fields.service_code!,
      description: fields.description!,
      contact: fields.email || fields.phone || undefined,
      nickname: attributes.nickname,
      serviceItem: attributes.service_item || undefined,
    }),
  );
  return respond(c, format, [created], () => requestsXml([created]));
}

export const open311App = new Hono()
  .use('*', cors({ origin: '*', allowMethods: ['GET', 'POST'], exposeHeaders: ['Link'] }))
  .use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorResponse(c, 413, `The body is larger than ${MAX_BODY_BYTES} bytes.`),
    }),
  )
  .get('/:file', async (c) => {
    const { name, format } = split(c.req.param('file'));
    checkJurisdiction(c.req.query('jurisdiction_id'));
    const p = platform();
    if (name === 'discovery') {
      const d = discovery(readConfig().publicBaseUrl);
      return respond(c, format, d, () => discoveryXml(d));
    }
    if (name === 'services') {
      const services = await open311ServiceList(p);
      return respond(c, format, services, () => servicesXml(services));
    }
    if (name === 'requests') {
      const ids = c.req.query('service_request_id');
      const { requests, nextCursor } = await open311Requests(p, {
        serviceRequestIds: ids
          ? ids
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
        serviceCode: c.req.query('service_code') || undefined,
        start: dateParam('start_date', c.req.query('start_date')),
        end: dateParam('end_date', c.req.query('end_date')),
        statuses: statusParam(c.req.query('status')),
        pageSize: countParam('page_size', c.req.query('page_size')),
        page: countParam('page', c.req.query('page')),
        cursor: c.req.query('cursor') || undefined,
      });
      if (nextCursor) c.header('link', `<${nextPageUrl(c, nextCursor)}>; rel="next"`);
      return respond(c, format, requests, () => requestsXml(requests));
    }
    throw fail(404, `No Open311 resource ${name}.`);
  })
  .get('/services/:file', async (c) => {
    const { name, format } = split(c.req.param('file'));
    checkJurisdiction(c.req.query('jurisdiction_id'));
    const definition = await open311ServiceDefinition(platform(), name);
    return respond(c, format, definition, () => definitionXml(definition));
  })
  .get('/requests/:file', async (c) => {
    const { name, format } = split(c.req.param('file'));
    checkJurisdiction(c.req.query('jurisdiction_id'));
    const request = await open311RequestById(platform(), name);
    return respond(c, format, [request], () => requestsXml([request]));
  })
  .get('/tokens/:file', (c) => {
    split(c.req.param('file'));
    throw fail(
      404,
      'This server creates requests synchronously: POST returns the service_request_id, so there are no tokens.',
    );
  })
  .post('/:file', async (c) => {
    const { name, format } = split(c.req.param('file'));
    if (name !== 'requests') throw fail(404, `Cannot POST to ${name}.`);
    return createRequest(c, format);
  })
  .all('*', (c) => errorResponse(c, 404, `No Open311 resource at ${c.req.method} ${c.req.path}.`));

open311App.onError((err, c) => {
  if (err instanceof Open311Error) return errorResponse(c, err.status, err.message);
  if (err instanceof Refusal) return errorResponse(c, httpStatusOf(err.code), err.message);
  if (err instanceof HTTPException && err.status < 500)
    return errorResponse(c, err.status as ContentfulStatusCode, err.message || 'Bad request.');
  logger.error('open311 error', { path: c.req.path, error: err as Error });
  return errorResponse(c, 500, 'Something went wrong on our side.');
});
