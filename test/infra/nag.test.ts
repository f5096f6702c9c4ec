/**
 * cdk-nag (AWS Solutions pack) over the whole app: zero unacknowledged findings, and
 * every acknowledgement carries a real reason. Run twice: as `npm run synth` does it
 * (cdk.json context only, real esbuild bundling) and as a city deploys (own domain,
 * certificate, first user, SMS on).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp, cityContext } from './woodpecker-app.js';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => {
        // Stored as { '<kind>::<rule id>': reason }.
        const data = m.data as Record<string, string>;
        const entries = Object.entries(data).map(([id, reason]) => ({ id, reason }));
        return entries.map((e) => ({ path: c.node.path, id: e.id, reason: e.reason }));
      }),
  );
}

/** Module specifiers of a minified ESM bundle's static `import … from "x"` statements. */
function staticImportsOf(code: string): string[] {
  const re = /(?:}|import\s*\*\s*as\s*[\w$]+|import\s*[\w$]+)\s*from\s*["']([^"']+)["']/g;
  return [...code.matchAll(re)].map((m) => m[1] as string);
}

function nag(options: Parameters<typeof buildApp>[0]) {
  const built = buildApp(options);
  Validations.of(built.app).addPlugins(new AwsSolutionsChecks(built.app));
  // Throws, with the report, on any unacknowledged error.
  const assembly = built.app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations?: unknown[] }[];
  };
  return { assembly, report, acks: acknowledgements(built.app) };
}

const configurations: [string, { bundle?: boolean; context?: Record<string, unknown> }][] = [
  ['as npm run synth (cdk.json context, bundled)', { bundle: true }],
  [
    'as a city deploys (domain, certificate, first user, SMS)',
    { context: { ...cityContext, sendSms: 'true' } },
  ],
];

describe.each(configurations)('cdk-nag AwsSolutions %s', (_, options) => {
  const { report, acks, assembly } = nag(options);

  it('has zero unacknowledged findings, errors or warnings', () => {
    const violations = report.pluginReports.flatMap((r) => r.violations ?? []);
    expect(violations).toEqual([]);
  });

  it('acknowledges only with a real reason', () => {
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id, a.path).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(60);
    }
  });

  it('emits no construct warnings', () => {
    const warnings = assembly.stacks.flatMap((s) =>
      Object.entries(s.manifest.metadata ?? {}).flatMap(([path, entries]) =>
        entries.filter((e) => e.type === 'aws:cdk:warning').map((e) => `${path}: ${String(e.data)}`),
      ),
    );
    expect(warnings).toEqual([]);
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
