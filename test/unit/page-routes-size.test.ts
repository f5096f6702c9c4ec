/**
 * Page routes stay thin (CONTRIBUTING: parse → one use case → render, one file per page
 * flow). The rule, checked on the source:
 * - a page route file is any file under web/ that registers a route — a call like
 *   `app.get('/…'` or `.post(\`/staff/…\`` whose first argument is a path — or is named
 *   `routes.tsx` / `*-routes.tsx`; every one is under 200 lines;
 * - under web/pages/, a file that registers routes is named `routes.tsx` or
 *   `*-routes.tsx`, so each flow's routes are found by name;
 * - no page file calls a store: what a file under web/pages/ takes from `platform()` it
 *   only hands to use cases, never `platform().<store>` or `p.<store>` (the stores are
 *   read off the Platform itself, so a new store is covered), and it imports no value
 *   from functions/store/ (types are fine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../functions/platform.js';
import type { StoreClient } from '../../functions/store/client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAX_LINES = 200;
/** A route registration: a method call whose first argument is a path literal. */
const REGISTERS_ROUTE = /\.(get|post|put|patch|delete|all|on)\(\s*['"`]\//;
const ROUTES_NAME = /(^|-)routes\.tsx?$/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return filesUnder(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const webFiles = filesUnder('web').map((file) => ({
  file,
  text: readFileSync(path.join(ROOT, file), 'utf8'),
}));
const routeFiles = webFiles.filter(
  ({ file, text }) => REGISTERS_ROUTE.test(text) || ROUTES_NAME.test(path.basename(file)),
);
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

describe('page route files', () => {
  it('finds the route files (the rule is not vacuous)', () => {
    const names = routeFiles.map((f) => f.file);
    for (const known of [
      'web/site-app.tsx',
      'web/pages/public-routes.tsx',
      'web/pages/rating/rate-routes.tsx',
      'web/pages/critiques/staff-routes.tsx',
      'web/pages/supervision/order-routes.tsx',
      'web/pages/rankings/office-routes.tsx',
    ])
      expect(names).toContain(known);
    expect(names.length).toBeGreaterThan(20);
  });

  it(`keeps every page route file under ${MAX_LINES} lines`, () => {
    const tooLong = routeFiles
      .filter(({ text }) => lineCount(text) >= MAX_LINES)
      .map(({ file, text }) => `${file}: ${lineCount(text)} lines`);
    expect(tooLong).toEqual([]);
  });

  it('names every file under web/pages that registers routes routes.tsx or *-routes.tsx', () => {
    const misnamed = webFiles
      .filter(({ file, text }) => file.startsWith('web/pages/') && REGISTERS_ROUTE.test(text))
      .filter(({ file }) => !ROUTES_NAME.test(path.basename(file)))
      .map(({ file }) => file);
    expect(misnamed).toEqual([]);
  });
});

describe('pages call use cases, not stores', () => {
  const platform: Platform = createPlatform({ tableName: 'unused' } as StoreClient);
  const stores = Object.keys(platform).filter((k) => k !== 'clock');
  const storeCall = new RegExp(`(\\bplatform\\(\\)|\\bp)\\s*\\.\\s*(${stores.join('|')})\\b`);
  const pageFiles = webFiles.filter(({ file }) => file.startsWith('web/pages/'));

  it('reads the store names off the Platform', () => {
    expect(stores).toEqual(expect.arrayContaining(['store', 'catalogue', 'cases', 'ratings', 'rankings']));
  });

  it('no page file takes a store from the platform', () => {
    const calls = pageFiles
      .filter(({ text }) => /functions\/platform\.js/.test(text))
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => storeCall.test(line))
          .map(({ line, at }) => `${at}: ${line.trim()}`),
      );
    expect(calls).toEqual([]);
  });

  it('no page file imports a value from functions/store/', () => {
    const imports = pageFiles
      .filter(({ text }) => /^import (?!type )[^;]*from '[./]*functions\/store\//m.test(text))
      .map(({ file }) => file);
    expect(imports).toEqual([]);
  });
});
