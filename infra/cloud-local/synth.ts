/**
 * Synthesize the cloud app with its bundled function assets, as `npm run synth` does, into
 * a folder inside the project's `node_modules/.cache` — inside, so that a bundle's
 * runtime-provided modules (the AWS SDK clients Lambda's Node runtime carries) resolve
 * from the project's `node_modules` as they would from the runtime's.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { projectRoot } from '../constructs/bundling-options.js';
import { defineWoodpecker } from '../stacks/woodpecker.js';

/** Where assemblies of the cloud topology go. */
export const assemblyCacheDir = path.join(projectRoot, 'node_modules', '.cache', 'woodpecker-cloud');

export function synthesizeAssembly(name: string, context: Record<string, unknown> = {}): string {
  const outdir = path.join(assemblyCacheDir, name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  // cdk.json's context, as the CLI would pass it, then the caller's.
  const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  // Asset metadata (`aws:asset:path` on each function) is what the CLI turns on.
  const app = new App({
    outdir,
    context: { ...cdkJson.context, 'aws:cdk:enable-asset-metadata': true, ...context },
  });
  defineWoodpecker(app);
  app.synth();
  return outdir;
}
