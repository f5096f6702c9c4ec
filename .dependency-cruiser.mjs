/**
 * The layer rules of docs/architecture.md, checked by dependency-cruiser in `npm run lint`
 * (`npm run lint:layers`): which folder may import which, where DynamoDB is spoken, and no
 * import cycles. Type-only imports count (`tsPreCompilationDeps`): a type pulled from the
 * wrong layer still couples the layers, and a cycle through types is still a cycle.
 *
 * Paths in the rules are relative to the folder the check runs in. The real tree is checked
 * from the repository root; test/unit/layer-rules.test.ts runs the same file from inside each
 * violation fixture under test/fixtures/layers/ (they mirror `functions/...` paths), so the
 * fixtures prove these very rules fire.
 */
import { join } from 'node:path';

/** Packages that tie code to AWS, HTTP or Lambda: none of them belongs in the domain. */
const RUNTIME_PACKAGES =
  '(^|/)node_modules/(@types/)?(@aws-sdk/|@middy/|@aws-lambda-powertools/|hono/|aws-lambda/|@hono/)';

/** The DynamoDB clients: commands are built in functions/store only. */
const DYNAMODB_PACKAGES = '(^|/)node_modules/@aws-sdk/(client-dynamodb|lib-dynamodb)/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'functions/domain is pure TypeScript: it imports no store, use case, HTTP, page, handler, ' +
        'platform, shared (config, Powertools) or infra code.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { path: '^(functions/(store|usecases|api|handlers|shared)/|functions/platform\\.ts$|web/|infra/)' },
    },
    {
      name: 'domain-no-runtime-packages',
      comment: 'functions/domain imports no AWS SDK, Hono, Lambda, middy or Powertools package.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { path: RUNTIME_PACKAGES },
    },
    {
      name: 'shared-below-store',
      comment:
        'functions/shared (config, secrets, Powertools) is used by every layer above the domain, so it imports none of them.',
      severity: 'error',
      from: { path: '^functions/shared/' },
      to: { path: '^(functions/(store|usecases|api|handlers)/|functions/platform\\.ts$|web/|infra/)' },
    },
    {
      name: 'store-below-usecases',
      comment:
        'functions/store serves the use cases: it imports no use case, HTTP, page, handler or infra code.',
      severity: 'error',
      from: { path: '^functions/store/' },
      to: { path: '^(functions/(usecases|api|handlers)/|web/|infra/)' },
    },
    {
      name: 'usecases-below-api',
      comment:
        'functions/usecases knows nothing of HTTP or pages: it imports no functions/api, web, handler or infra code.',
      severity: 'error',
      from: { path: '^functions/usecases/' },
      to: { path: '^(functions/(api|handlers)/|web/|infra/)' },
    },
    {
      name: 'api-and-web-below-handlers',
      comment: 'functions/api and web are wrapped by the handlers and the infra: they import neither.',
      severity: 'error',
      from: { path: '^(functions/api|web)/' },
      to: { path: '^(functions/handlers|infra)/' },
    },
    {
      name: 'api-not-web',
      comment:
        'The API groups serve JSON, not pages: functions/api imports nothing from web (web may use api auth and CSV).',
      severity: 'error',
      from: { path: '^functions/api/' },
      to: { path: '^web/' },
    },
    {
      name: 'dynamodb-only-in-store',
      comment:
        'DynamoDB commands are built in functions/store only; everything else asks a store. ' +
        'infra/local, the tests and the benchmarks are wiring and exempt.',
      severity: 'error',
      from: { path: '^(functions|web)/', pathNot: '^functions/store/' },
      to: { path: DYNAMODB_PACKAGES },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included: a cycle makes two modules one.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves: an import the check cannot follow is an edge no rule above can see.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: join(import.meta.dirname, 'tsconfig.json') },
    doNotFollow: { path: '(^|/)node_modules/' },
    // Generated output and the deliberate violations of the fixtures; every source folder is checked.
    exclude: { path: '^(test/fixtures/layers|cdk\\.out|\\.data|\\.bench|dist|test-results)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'node', 'default', 'require'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
