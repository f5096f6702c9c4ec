/**
 * Shared fixture for the infra tests: the whole Woodpecker app built from the same
 * context as `cdk.json`, plus test overrides, synthesized once per test file.
 * Asset bundling is skipped here (`aws:cdk:bundling-stacks: []`); the cdk-nag test
 * bundles for real once, exactly as `npm run synth` does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import { projectRoot } from '../../infra/constructs/bundling-options.js';
import type { EdgeStack } from '../../infra/stacks/edge-stack.js';
import { defineWoodpecker, type WoodpeckerStacks } from '../../infra/stacks/woodpecker.js';

export const testDomain = 'woodpecker.example.gov.cn';
export const testSiteOrigin = `https://${testDomain}`;
export const testOfficeEmail = 'office@example.gov.cn';
export const testCertificateArn =
  'arn:aws:acm:us-east-1:000000000000:certificate/11111111-2222-3333-4444-555555555555';

/** The context a city would deploy with: its own domain, certificate and first user. */
export const cityContext = {
  domainName: testDomain,
  certificateArn: testCertificateArn,
  officeEmail: testOfficeEmail,
};

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/** Cloud assemblies of this test file, removed when it ends (registered at import time). */
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface BuiltApp {
  app: App;
  stacks: WoodpeckerStacks;
  template: (stack: Stack) => Template;
}

export function buildApp(options: { context?: Record<string, unknown>; bundle?: boolean } = {}): BuiltApp {
  const outdir = mkdtempSync(join(tmpdir(), 'woodpecker-cdk-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = defineWoodpecker(app);
  const cache = new Map<Stack, Template>();
  return {
    app,
    stacks,
    template: (stack) => {
      let t = cache.get(stack);
      if (!t) {
        t = Template.fromStack(stack);
        cache.set(stack, t);
      }
      return t;
    },
  };
}

/** The global partition's us-east-1 stack (AWS China has none). */
export function edgeOf(built: BuiltApp): EdgeStack {
  const edge = built.stacks.edge;
  if (!edge) throw new Error(`No edge stack in partition ${built.stacks.config.partition}.`);
  return edge;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; [k: string]: unknown }>;

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The logical id of a construct's CloudFormation resource within its stack. */
export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}
