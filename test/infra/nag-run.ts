/**
 * cdk-nag (AWS Solutions pack) over a whole app, synthesized once: the validation report,
 * the acknowledgements with their reasons, the assembly. Shared by the global
 * (nag.test.ts) and the mainland (china.test.ts) checks, which assert the same things.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { expect } from 'vitest';
import { buildApp } from './woodpecker-app.js';

export interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

export function acknowledgements(app: App): Acknowledgement[] {
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

export function nag(options: Parameters<typeof buildApp>[0]) {
  const built = buildApp(options);
  Validations.of(built.app).addPlugins(new AwsSolutionsChecks(built.app));
  // Throws, with the report, on any unacknowledged error.
  const assembly = built.app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations?: unknown[] }[];
  };
  return { built, assembly, report, acks: acknowledgements(built.app) };
}

/** Zero findings, a real reason for each acknowledgement, no construct warnings. */
export function expectNagClean({ report, acks, assembly }: ReturnType<typeof nag>): void {
  const violations = report.pluginReports.flatMap((r) => r.violations ?? []);
  expect(violations).toEqual([]);
  expect(acks.length).toBeGreaterThan(0);
  for (const a of acks) {
    expect(a.id, a.path).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
    expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(60);
  }
  const warnings = assembly.stacks.flatMap((s) =>
    Object.entries(s.manifest.metadata ?? {}).flatMap(([path, entries]) =>
      entries.filter((e) => e.type === 'aws:cdk:warning').map((e) => `${path}: ${String(e.data)}`),
    ),
  );
  expect(warnings).toEqual([]);
}
