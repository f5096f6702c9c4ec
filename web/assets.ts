/**
 * Client bundles, one small module per page type, built with esbuild from
 * `web/client/*.ts` (chart.js registered with only the parts used). Built once per
 * process locally; the pages function's bundle ships the same output prebuilt.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const CLIENT_ENTRIES = ['curves', 'device'] as const;
export type ClientEntry = (typeof CLIENT_ENTRIES)[number];

const cache = new Map<string, Promise<string>>();

/**
 * In Lambda there is no esbuild: the pages function's bundle ships the client bundles
 * prebuilt in `assets/` next to its code (see infra/constructs), and they are read from
 * there. Locally they are built on first use.
 */
export function buildClientBundle(name: ClientEntry): Promise<string> {
  let built = cache.get(name);
  if (!built) {
    built = (async () => {
      const prebuilt =
        process.env.LAMBDA_TASK_ROOT && path.join(process.env.LAMBDA_TASK_ROOT, 'assets', `${name}.js`);
      if (prebuilt && existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8');
      const { build } = await import('esbuild');
      const out = await build({
        entryPoints: [path.resolve(import.meta.dirname, 'client', `${name}.ts`)],
        bundle: true,
        minify: true,
        format: 'esm',
        target: 'es2020',
        write: false,
        legalComments: 'none',
      });
      return out.outputFiles[0]!.text;
    })();
    cache.set(name, built);
  }
  return built;
}

const gzipped = new Map<string, Promise<Buffer>>();

/** The same bundle gzip-compressed (once per process), for browsers that accept it. */
export function buildClientBundleGzip(name: ClientEntry): Promise<Buffer> {
  let out = gzipped.get(name);
  if (!out) {
    out = buildClientBundle(name).then((code) => gzipSync(code, { level: 9 }));
    gzipped.set(name, out);
  }
  return out;
}
