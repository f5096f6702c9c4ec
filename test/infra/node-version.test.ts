/**
 * The functions deploy on one Node major and every tier tests on that same major: the
 * `node` devDependency puts that Node first on the PATH of every npm script (so
 * `npm test`, `npm start` and the tools run on it, whatever Node launched npm), and
 * `.nvmrc` names it for version managers. If one of the four drifts — the Lambda
 * runtime, the bundles' esbuild target, the pinned toolchain, `.nvmrc` — code that
 * passed here could fail in Lambda, so they are held together here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lambdaNodeTarget, lambdaRuntime } from '../../infra/constructs/bundling-options.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const majorOf = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('the Node major the functions run on', () => {
  const nvmrc = readFileSync(new URL('.nvmrc', root), 'utf8').trim();
  const major = majorOf(nvmrc);

  it('is pinned exactly, in .nvmrc and in the node devDependency alike', () => {
    expect(pkg.devDependencies.node).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies.node).toBe(nvmrc);
  });

  it('is the Lambda runtime and the bundles target', () => {
    expect(lambdaRuntime.name).toBe(`nodejs${major}.x`);
    expect(lambdaNodeTarget).toBe(`node${major}`);
  });

  it('is the Node these tests run on', () => {
    expect(process.version).toBe(`v${nvmrc}`);
  });
});
