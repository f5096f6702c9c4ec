/**
 * What the OpenAPI document says about one route, declared beside the feature's routes
 * (`functions/api/routes/*-openapi.ts`, `functions/api/open311/openapi.ts`) and turned
 * into the document by functions/api/openapi.ts. Inputs are never described by hand:
 * `query` and `body` are the very zod schemas the route validates with, converted with
 * zod's own `toJSONSchema`, so the document cannot drift from what is accepted.
 *
 * Only types, a tag name and one identity function live here: importing this file builds nothing.
 */
import type * as z from 'zod/mini';
import type { Role } from '../domain/identity.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) written by hand, for responses. */
export type JsonSchema = Record<string, unknown>;

/** One documented response: JSON (optionally also CSV), or another media type, or none (204). */
export interface ResponseDoc {
  description: string;
  /** The JSON body's schema. */
  json?: JsonSchema;
  /** Also answers `text/csv` (Excel-friendly, see functions/api/csv.ts). */
  csv?: boolean;
  /** Other media types, each with its schema (Open311's `text/xml`, a CSV download). */
  content?: Record<string, JsonSchema>;
  example?: unknown;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

export interface RouteDoc {
  /** `METHOD pattern` exactly as Hono's `app.routes` lists it, e.g. `PUT /api/v1/departments/:id`. */
  route: string;
  /**
   * The documented path when it is not the pattern with `{name}` for `:name`: Open311's
   * `/:file` serves several resources, each documented on its own path.
   */
  path?: string;
  /** Unique across the document. */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** The roles `requireStaff(...)` lets through (any one of them); absent on public routes. */
  roles?: readonly Role[];
  /** Security requirements other than the staff JWT (Open311's api_key). */
  security?: Record<string, string[]>[];
  /** Path parameters: the zod schema that checks one, or a hand-written JSON Schema. */
  params?: Record<string, z.ZodMiniType | JsonSchema>;
  /** Descriptions of path parameters. */
  paramDescriptions?: Record<string, string>;
  /** The schema `queryOf` checks the query string with. */
  query?: z.ZodMiniType;
  /** Query parameters no zod schema checks (a rating token, `format` read by `wantsCsv`, Open311's). */
  extraQuery?: { name: string; schema: JsonSchema; required?: boolean; description?: string }[];
  /** The schema the JSON body is validated with (`jsonBody`, or `parseWith` in the use case). */
  body?: z.ZodMiniType;
  /** A body that is not JSON (the catalogue CSV import, Open311's form), described by hand. */
  rawBody?: { mediaType: string; schema: JsonSchema; example?: unknown }[];
  /** A valid body (the document test parses it with `body`). */
  bodyExample?: unknown;
  bodyDescription?: string;
  /** Success responses by status. */
  responses: Record<string, ResponseDoc>;
  /**
   * Error statuses beyond those the builder adds itself (400 for validated input, 401 and
   * 403 for staff routes, 413 for bodies).
   */
  errors?: number[];
  /** Open311 answers errors in its own format, not the contract's. */
  open311?: boolean;
}

/** The tag (and tag group) of the Open311 GeoReport v2 endpoints. */
export const OPEN311_TAG = 'Open311 GeoReport v2';

/** Declares a route's documentation (an identity function, for the type check). */
export const describeRoute = (doc: RouteDoc): RouteDoc => doc;
