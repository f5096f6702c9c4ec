/**
 * API routes stay thin (CONTRIBUTING: parse → one use case → map), as the page routes
 * do (test/unit/page-routes-size.test.ts). The rule, checked on the source of every
 * file under functions/api/routes/ except the OpenAPI entries and request schemas
 * (`*-openapi.ts`, `*-schemas.ts`), and of the Open311 app:
 * - no route file takes a store from the platform: never `platform().<store>` or
 *   `p.<store>` (the store names are read off the Platform itself, so a new store is
 *   covered), nor a store destructured out of it;
 * - no route file imports a value from functions/store/ (types are fine).
 * What a route reads or writes goes through a use case in functions/usecases/, the same
 * one a page calls for the same read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../functions/platform.js';
import type { StoreClient } from '../../functions/store/client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUTES_DIR = 'functions/api/routes';
const EXTRA_ROUTE_FILES = ['functions/api/open311/app.ts'];
const NOT_ROUTES = /-(openapi|schemas)\.ts$/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return filesUnder(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const routeFiles = [...filesUnder(ROUTES_DIR).filter((f) => !NOT_ROUTES.test(f)), ...EXTRA_ROUTE_FILES].map(
  (file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }),
);

const platform: Platform = createPlatform({ tableName: 'unused' } as StoreClient);
const stores = Object.keys(platform).filter((k) => k !== 'clock');
const storeCall = new RegExp(`(\\bplatform\\(\\)|\\bp)\\s*\\.\\s*(${stores.join('|')})\\b`);
const storeDestructured = new RegExp(
  `\\{[^}]*\\b(${stores.join('|')})\\b[^}]*\\}\\s*=\\s*(platform\\(\\)|p\\b)`,
);

/** Each line of a file that breaks `rule`, as `file:line: text`. */
function offending(rule: RegExp): string[] {
  return routeFiles.flatMap(({ file, text }) =>
    text
      .split('\n')
      .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
      .filter(({ line }) => rule.test(line))
      .map(({ line, at }) => `${at}: ${line.trim()}`),
  );
}

/** The value imports of a file (not `import type`), resolved to paths from the root. */
function valueImports(file: string, text: string): string[] {
  return [...text.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)]
    .map((m) => m[1]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) =>
      path
        .relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))
        .split(path.sep)
        .join('/'),
    );
}

describe('API route files', () => {
  it('finds the route files (the rule is not vacuous)', () => {
    const names = routeFiles.map((f) => f.file);
    for (const known of [
      'functions/api/routes/catalogue-public.ts',
      'functions/api/routes/catalogue-staff.ts',
      'functions/api/routes/cases-staff.ts',
      'functions/api/routes/ratings-staff.ts',
      'functions/api/routes/critiques-staff.ts',
      'functions/api/routes/rankings-staff.ts',
      'functions/api/routes/calendar.ts',
      'functions/api/routes/health.ts',
      'functions/api/open311/app.ts',
    ])
      expect(names).toContain(known);
    expect(names.some((n) => NOT_ROUTES.test(n))).toBe(false);
    expect(names.length).toBeGreaterThan(15);
    expect(
      routeFiles.filter(({ text }) => /functions\/platform\.js|\.\.\/platform\.js/.test(text)).length,
    ).toBe(routeFiles.filter(({ text }) => /\bplatform\(\)/.test(text)).length);
  });

  it('reads the store names off the Platform, and would see a store call', () => {
    expect(stores).toEqual(
      expect.arrayContaining(['store', 'catalogue', 'cases', 'ratings', 'audit', 'health']),
    );
    expect(storeCall.test('const page = await platform().catalogue.listServices({')).toBe(true);
    expect(storeCall.test('await p.audit.recordAudit({')).toBe(true);
    expect(storeCall.test('const { from, to } = monthRange(c, p.clock.now());')).toBe(false);
    expect(storeCall.test('const ranking = await publishRanking(p, principalOf(c), scope);')).toBe(false);
    expect(storeDestructured.test('const { catalogue, clock } = platform();')).toBe(true);
    expect(valueImports('functions/api/routes/x.ts', "import { keys } from '../../store/keys.js';")).toEqual([
      'functions/store/keys.js',
    ]);
  });

  it('no route file takes a store from the platform', () => {
    expect([...offending(storeCall), ...offending(storeDestructured)]).toEqual([]);
  });

  it('no route file imports a value from functions/store/', () => {
    const imports = routeFiles.flatMap(({ file, text }) =>
      valueImports(file, text)
        .filter((target) => target.startsWith('functions/store/'))
        .map((target) => `${file}: ${target}`),
    );
    expect(imports).toEqual([]);
  });
});
