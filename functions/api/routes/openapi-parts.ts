/**
 * The building blocks of the OpenAPI document (functions/api/openapi.ts and the
 * per-feature `*-openapi.ts` files beside their routes), declared once so that every
 * part of the contract spells errors, bodies, parameters and rates the same way.
 *
 * Apart from two tiny constants (`errorRef`, `staff`) every part is a function, called
 * only while `openApiDocument()` builds the document on its first request: importing
 * these files builds nothing, so they add no work to a Lambda cold start.
 */

/** The contract's error shape `{"error":{"code","message"}}` (components.schemas.Error). */
export const errorRef = { $ref: '#/components/schemas/Error' } as const;

/** One error response per status code, all of the contract's error shape. */
export const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'Error', content: { 'application/json': { schema: errorRef } } },
    ]),
  );

/** A JSON response. */
export const json = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** A response that is JSON, or CSV (Excel-friendly, see functions/api/csv.ts) with `?format=csv`. */
export const jsonOrCsv = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' } } },
});

/** A required JSON request body. */
export const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

/** The security requirement of staff routes: a bearer JWT (components.securitySchemes.bearer). */
export const staff = [{ bearer: [] }] as const;

/** A required path parameter (a string unless said otherwise). */
export const pathParam = (name: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});

/** An optional query parameter (a string unless said otherwise). */
export const queryParam = (name: string, schema: object = { type: 'string' }, description?: string) => ({
  name,
  in: 'query',
  schema,
  ...(description === undefined ? {} : { description }),
});

/** `limit` and `cursor` of the paginated lists (functions/store/cursor.ts). */
export const pageParams = () => [
  queryParam('limit', { type: 'integer', minimum: 1, maximum: 100 }),
  queryParam(
    'cursor',
    { type: 'string', maxLength: 2000, pattern: '^[A-Za-z0-9_-]+$' },
    'The `nextCursor` of the previous page of the same list, exactly as given; any other value is a 400.',
  ),
];

/** A Beijing month YYYY-MM (functions/domain/months.ts). */
const monthSchema = () => ({ type: 'string', pattern: '^\\d{4}-\\d{2}$' });

/** `from` and `to`, an inclusive range of Beijing months; `described` adds that in words. */
export const monthParams = (described = false) => [
  queryParam('from', monthSchema(), described ? 'First month, inclusive' : undefined),
  queryParam('to', monthSchema(), described ? 'Last month, inclusive' : undefined),
];

/** `?format=json|csv` of the routes that also answer in CSV. */
export const formatParam = () => queryParam('format', { type: 'string', enum: ['json', 'csv'] });

/** A Beijing month YYYY-MM or quarter YYYY-Qn, the periods of rankings and reports. */
export const periodSchema = () => ({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$' });

/** Text that must not be empty, up to `max` characters. */
export const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });

/** A number that is null where there is nothing to divide by, bounded where bounds are given. */
export const nullableNumber = (minimum?: number, maximum?: number) => ({
  type: ['number', 'null'],
  ...(minimum === undefined ? {} : { minimum }),
  ...(maximum === undefined ? {} : { maximum }),
});

/** A rate: an unrounded fraction 0..1, null without a denominator (the contract's rule). */
export const rate = () => nullableNumber(0, 1);
