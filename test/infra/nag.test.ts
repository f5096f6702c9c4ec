/**
 * cdk-nag (AWS Solutions pack) over the whole app: zero unacknowledged findings, and
 * every acknowledgement carries a real reason. Run twice: as `npm run synth` does it
 * (cdk.json context only, real esbuild bundling) and as a city deploys (own domain,
 * certificate, first user, SMS on). The mainland partition's run is china.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGlobalOnlyParts } from '../../infra/stacks/global-only-parts.js';
import { expectNagClean, nag } from './nag-run.js';
import { cityContext } from './woodpecker-app.js';

/** Module specifiers of a minified ESM bundle's static `import … from "x"` statements. */
function staticImportsOf(code: string): string[] {
  const re = /(?:}|import\s*\*\s*as\s*[\w$]+|import\s*[\w$]+)\s*from\s*["']([^"']+)["']/g;
  return [...code.matchAll(re)].map((m) => m[1] as string);
}

const configurations: [string, { bundle?: boolean; context?: Record<string, unknown> }][] = [
  ['as npm run synth (cdk.json context, bundled)', { bundle: true }],
  [
    'as a city deploys (domain, certificate, first user, SMS)',
    { context: { ...cityContext, sendSms: 'true' } },
  ],
];

describe.each(configurations)('cdk-nag AwsSolutions %s', (_, options) => {
  const run = nag(options);
  const { assembly } = run;

  it('has zero unacknowledged findings, acknowledgements with real reasons, no construct warnings', () => {
    expectNagClean(run);
  });

  it('uses what AWS China lacks (the mainland list is not vacuous: global-only-parts.ts)', () => {
    const parts = new Set(findGlobalOnlyParts(assembly.stacks).map((f) => f.part));
    expect([...parts].join('\n')).toMatch(/us-east-1/);
    expect([...parts].join('\n')).toMatch(/CLOUDFRONT-scope/);
    expect([...parts].join('\n')).toMatch(/Cognito user pool/);
    if (options.context?.sendSms === 'true') expect([...parts].join('\n')).toMatch(/SNS SMS/);
  });

  if (options.bundle) {
    it('bundles each function to one minified ESM file with the createRequire banner', () => {
      const bundles = readdirSync(assembly.directory)
        .filter((d) => d.startsWith('asset.') && existsSync(join(assembly.directory, d, 'index.mjs')))
        .map((d) => readFileSync(join(assembly.directory, d, 'index.mjs'), 'utf8'));
      // Six groups; identical bundles would share one asset, so at least five files.
      expect(bundles.length).toBeGreaterThanOrEqual(5);
      for (const code of bundles) {
        expect(
          code.startsWith("import { createRequire as __woodpeckerCreateRequire } from 'node:module';"),
        ).toBe(true);
        // Minified: long lines (a readable bundle averages well under 100 characters).
        expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
        expect(code).not.toContain('sourceMappingURL');
        // Static imports are hoisted and run at every cold start: only Node built-ins may
        // be imported statically; runtime-provided SDK clients only with import().
        expect(staticImportsOf(code).filter((m) => !m.startsWith('node:'))).toEqual([]);
      }
    });
  }
});
