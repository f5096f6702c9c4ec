/**
 * The one check of a live response against the OpenAPI document (functions/api/openapi.ts):
 * Ajv 2020 compiles the generated document, and a response departs when its route is not
 * documented, its status is not, its media type is not, or its JSON body does not match the
 * documented schema. CSV and HTML answers are checked by media type only. Used by
 * test/integration/openapi.test.ts for its own calls and by the e2e test server
 * (test/support/test-server.ts) for every API answer the journeys produce.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type OpenApiDocument, openApiDocument } from '../../functions/api/openapi.js';

/** JSON Pointer escaping of one segment. */
export const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The document's operations as `METHOD path`. */
export function operations(d: OpenApiDocument) {
  return Object.entries(d.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op })),
  );
}

/** One live answer, as the checker reads it. */
export interface LiveResponse {
  method: string;
  /** Path with or without its query string. */
  url: string;
  status: number;
  /** The `content-type` header, empty when there is none. */
  contentType: string;
  /** The parsed JSON body; any other body as text. */
  body: unknown;
}

export interface ContractChecker {
  /** The compiled document, under the id `openapi`, for checks of request bodies. */
  ajv: Ajv2020;
  /** Why a live response is not what the document says: empty when it is. */
  departures: (response: LiveResponse) => string[];
}

/** A checker of live responses against a document (by default the one the API serves). */
export function createContractChecker(doc: OpenApiDocument = openApiDocument()): ContractChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(JSON.stringify(doc)), 'openapi');
  const ops = operations(doc);

  /** The documented operation a request reaches: Open311's `/:file` by its resource name. */
  function operationFor(method: string, url: string) {
    const pathOnly = url.split('?')[0]!;
    const matching = ops.filter(({ method: m, path }) => {
      if (m !== method.toLowerCase()) return false;
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[A-Za-z_]+\}/g, '[^/]+?');
      return new RegExp(`^${source}$`).test(pathOnly);
    });
    // A literal segment wins over a parameter (`/critiques/awards` before `/critiques/{code}`).
    const params = (path: string) => path.split('{').length;
    return matching.sort((a, b) => params(a.path) - params(b.path))[0];
  }

  function departure({ method, url, status, contentType, body }: LiveResponse): string | undefined {
    const found = operationFor(method, url);
    if (!found) return `${method} ${url.split('?')[0]}: no documented operation`;
    const where = `${method} ${found.path} ${status}`;
    const op = doc.paths[found.path]![found.method]!;
    const response = op.responses[String(status)];
    if (!response) return `${where}: status ${status} is not documented`;
    const base = response.$ref
      ? response.$ref.slice(1)
      : `/paths/${esc(found.path)}/${found.method}/responses/${status}`;
    const resolved = response.$ref
      ? (doc.components.responses as Record<string, { content?: Record<string, unknown> }>)[
          response.$ref.split('/').pop()!
        ]!
      : response;
    if (status === 204) return resolved.content ? `${where}: 204 with content` : undefined;
    const mediaType = contentType.split(';')[0]!.trim();
    if (!resolved.content?.[mediaType])
      return `${where}: ${mediaType || 'no content-type'} is not documented`;
    if (mediaType !== 'application/json') return undefined;
    const check = ajv.getSchema(`openapi#${base}/content/${esc(mediaType)}/schema`);
    if (!check) return `${where}: no schema`;
    return check(body)
      ? undefined
      : `${where}: ${ajv.errorsText(check.errors)} in ${JSON.stringify(body).slice(0, 300)}`;
  }

  return {
    ajv,
    departures: (response) => {
      const problem = departure(response);
      return problem ? [problem] : [];
    },
  };
}

/** The paths whose answers the document describes: the API and Open311. */
export const isApiPath = (pathname: string) =>
  pathname.startsWith('/api/v1/') || pathname.startsWith('/open311/');

/**
 * Records answers to API requests and checks each against the document. Bodies are read
 * from a clone, so the caller gets its response untouched; `departures()` waits for the
 * reads still under way. A body that cannot be read is itself a departure.
 */
export class ContractRecorder {
  private readonly found: string[] = [];
  private readonly pending = new Set<Promise<void>>();
  /** API answers recorded so far. */
  seen = 0;

  constructor(private readonly checker: () => ContractChecker = sharedChecker) {}

  /** Record one answer, if its request was to the API; other paths are ignored. */
  record(request: Request, response: Response): void {
    const url = new URL(request.url);
    if (!isApiPath(url.pathname)) return;
    this.seen++;
    const method = request.method;
    const target = `${url.pathname}${url.search}`;
    const read = (async () => {
      try {
        const text = await response.clone().text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        this.add(method, target, response.status, response.headers.get('content-type') ?? '', body);
      } catch (error) {
        this.found.push(`${method} ${target} → ${response.status}: body unreadable (${String(error)})`);
      }
    })();
    this.pending.add(read);
    void read.finally(() => this.pending.delete(read));
  }

  /** Check one answer given as parts. */
  add(method: string, url: string, status: number, contentType: string, body: unknown): void {
    for (const d of this.checker().departures({ method, url, status, contentType, body }))
      this.found.push(`${method} ${url} → ${status}: ${d}`);
  }

  /** Every departure recorded so far, once the bodies under way are read; clears the list. */
  async take(): Promise<string[]> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    return this.found.splice(0);
  }
}

let checker: ContractChecker | undefined;
/** The checker of the served document, compiled once per test file. */
function sharedChecker(): ContractChecker {
  checker ??= createContractChecker();
  return checker;
}
