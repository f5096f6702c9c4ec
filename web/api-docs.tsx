/**
 * `/docs/api`: the API reference, Scalar's standalone build rendering
 * `/api/v1/openapi.json`, served from this site (never a CDN). The page's CSP (render.ts)
 * keeps every request on this origin, and the configuration turns off what would call
 * out anyway: Scalar's web fonts, telemetry, its proxy and its hosted AI and MCP
 * features. Without JavaScript the page says so and links the document itself.
 *
 * The script is read from `@scalar/api-reference` locally; in Lambda the pages
 * function's bundle ships it as `assets/scalar.js` (infra/constructs/bundling-options.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';
import { html } from './render.js';

export const API_DOCS_PATH = '/docs/api';
export const API_DOCS_SCRIPT = '/docs/api/scalar.js';

/** What Scalar is told: the document, and nothing that leaves this origin. */
const configuration = {
  url: '/api/v1/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: false,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  documentDownloadType: 'json',
  defaultOpenAllTags: false,
};

const MOUNT_ID = 'api-reference-app';

let script: string | undefined;

/**
 * Scalar's standalone browser build with the call that mounts it, read once per process:
 * one script from this origin, and no inline script on the page (its CSP allows none).
 */
export function scalarStandalone(): string {
  if (script === undefined) {
    const prebuilt =
      process.env.LAMBDA_TASK_ROOT && path.join(process.env.LAMBDA_TASK_ROOT, 'assets', 'scalar.js');
    const file =
      prebuilt && existsSync(prebuilt)
        ? prebuilt
        : path.join(
            path.dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')),
            'browser',
            'standalone.js',
          );
    script = `${readFileSync(file, 'utf8')}\n;window.Scalar.createApiReference(${JSON.stringify(`#${MOUNT_ID}`)}, ${JSON.stringify(configuration)});\n`;
  }
  return script;
}

function ApiDocsPage() {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Woodpecker 啄木鸟 API 参考 · API reference</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <noscript>
          <main>
            <h1>Woodpecker 啄木鸟 API</h1>
            <p>
              本页需要 JavaScript。This reference needs JavaScript; the OpenAPI 3.1 document itself is at{' '}
              <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
            </p>
            <p>
              <a href="/">返回首页 Home</a>
            </p>
          </main>
        </noscript>
        <div id={MOUNT_ID} />
        <script src={API_DOCS_SCRIPT} />
      </body>
    </html>
  );
}

/** Mounts the reference page and its script (a `sitePages` entry, see web/site-app.tsx). */
export function registerApiDocsPages(app: Hono): void {
  app.get(API_DOCS_PATH, (c) => html(c, <ApiDocsPage />));
  app.get(API_DOCS_SCRIPT, (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=86400');
    c.header('x-content-type-options', 'nosniff');
    return c.body(scalarStandalone());
  });
}
