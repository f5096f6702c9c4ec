/**
 * How every Lambda bundle is built, stated once. The CDK construct
 * (`woodpecker-function.ts`) turns these settings into NodejsFunction bundling options,
 * and the bundle benchmark (`test/bench/bundles.bench.ts`) hands the same settings to
 * esbuild's API, so what is measured is what is deployed.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Repository root (this file lives in `infra/constructs`). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The Lambda runtime, and the esbuild target of every bundle: the same major as the
 * `node` toolchain pinned in package.json and `.nvmrc`, so the tests run on what Lambda
 * runs (test/infra/node-version.test.ts holds the three together).
 */
export const lambdaRuntime = Runtime.NODEJS_22_X;
export const lambdaNodeTarget = 'node22';

/**
 * ESM output has no `require`; a few CommonJS dependencies call it for Node built-ins.
 * The banner gives the module one, bound to the bundle's own URL.
 */
export const createRequireBanner =
  "import { createRequire as __woodpeckerCreateRequire } from 'node:module'; const require = __woodpeckerCreateRequire(import.meta.url);";

/**
 * The one description of a bundle. Everything is bundled, the AWS SDK included: the
 * versions are pinned in package-lock.json and tested locally, which the SDK copy inside
 * the Lambda runtime is not, and one minified file loads faster than the runtime's
 * node_modules tree.
 */
export const bundleSettings = {
  platform: 'node',
  target: lambdaNodeTarget,
  format: 'esm',
  minify: true,
  sourcemap: false,
  /** Prefer ESM builds of dependencies so esbuild can tree-shake them. */
  mainFields: ['module', 'main'],
  banner: createRequireBanner,
  /** Nothing external: see above. */
  external: [] as string[],
  /** Lambda-only credentials (see lambda-credentials.ts). */
  alias: {
    '@aws-sdk/credential-provider-node': join(projectRoot, 'infra', 'constructs', 'lambda-credentials.ts'),
  },
  /** The repository tsconfig (JSX import source for the pages). */
  tsconfig: join(projectRoot, 'tsconfig.json'),
  /** The deployed file name NodejsFunction uses for ESM output. */
  outFileName: 'index.mjs',
} as const;

/**
 * The pages function serves the chart.js client bundles its pages load. Lambda has no
 * esbuild, so those bundles are built at synth time into `assets/` beside the handler
 * (where web/assets.ts looks for them) and esbuild itself stays out of the bundle.
 */
export const clientBundleCommand = (outputDir: string) =>
  `"${join(projectRoot, 'node_modules', '.bin', 'esbuild')}" "${join(projectRoot, 'web', 'client')}"/*.ts --bundle --minify --format=esm --target=es2020 --log-level=warning --outdir="${outputDir}/assets"`;

/**
 * The API reference page (web/api-docs.tsx) serves Scalar's standalone browser build from
 * the site; the pages function reads it from `assets/scalar.js` beside the handler.
 */
export const apiReferenceCopyCommand = (outputDir: string) =>
  `mkdir -p "${outputDir}/assets" && cp "${join(projectRoot, 'node_modules', '@scalar', 'api-reference', 'dist', 'browser', 'standalone.js')}" "${outputDir}/assets/scalar.js"`;

/**
 * SDK clients called at most once per cold start or rarely (the platform secret, an
 * SMS) are taken from the Lambda runtime's own AWS SDK and
 * loaded with a dynamic import only when used; the DynamoDB client, on every request's
 * path, stays bundled at its pinned version.
 */
export const runtimeProvidedClients = [
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-sns',
  '@aws-sdk/client-s3',
] as const;

/**
 * Modules no bundle may contain: the runtime-provided clients, and esbuild (only the
 * local server builds client bundles on the fly; in Lambda they are prebuilt, see
 * web/assets.ts).
 */
export function externalsOf(): string[] {
  return [...bundleSettings.external, ...runtimeProvidedClients, 'esbuild'];
}

/** The same settings as CDK NodejsFunction bundling options (local esbuild, never Docker). */
export function cdkBundlingOptions(group?: string): BundlingOptions {
  return {
    ...(group === 'pages'
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_inputDir: string, outputDir: string) => [
              clientBundleCommand(outputDir),
              apiReferenceCopyCommand(outputDir),
            ],
          },
        }
      : {}),
    forceDockerBundling: false,
    format: OutputFormat.ESM,
    target: bundleSettings.target,
    minify: bundleSettings.minify,
    sourceMap: bundleSettings.sourcemap,
    mainFields: [...bundleSettings.mainFields],
    banner: bundleSettings.banner,
    externalModules: externalsOf(),
    esbuildArgs: Object.fromEntries(
      Object.entries(bundleSettings.alias).map(([from, to]) => [`--alias:${from}`, to]),
    ),
    tsconfig: bundleSettings.tsconfig,
    logLevel: LogLevel.WARNING,
  };
}

/**
 * The same settings as esbuild `build()` options, for the benchmark. Typed structurally
 * so this module does not import esbuild (the CDK app does not need it at run time).
 */
export function esbuildBuildOptions(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: bundleSettings.platform,
    target: bundleSettings.target,
    format: bundleSettings.format,
    minify: bundleSettings.minify,
    sourcemap: bundleSettings.sourcemap,
    mainFields: [...bundleSettings.mainFields],
    banner: { js: bundleSettings.banner },
    external: externalsOf(),
    alias: { ...bundleSettings.alias },
    tsconfig: bundleSettings.tsconfig,
    absWorkingDir: projectRoot,
    logLevel: 'warning' as const,
  };
}

/** The function groups and their entry files, relative to the repository root. */
export const functionEntries = {
  'public-read': 'functions/handlers/public-read.ts',
  'public-write': 'functions/handlers/public-write.ts',
  staff: 'functions/handlers/staff.ts',
  'stream-aggregator': 'functions/handlers/stream-aggregator.ts',
  sweeper: 'functions/handlers/sweeper.ts',
  pages: 'functions/handlers/pages.ts',
} as const;

export type FunctionGroup = keyof typeof functionEntries;
