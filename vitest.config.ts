import { defineConfig } from 'vitest/config';

/**
 * Test tiers as vitest projects. `npm test` runs unit, integration, infra and e2e;
 * benchmarks run only through `npm run bench`.
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['test/support/dynamo-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          env: {
            WOODPECKER_ACCESS_LOG: 'off',
            POWERTOOLS_LOG_LEVEL: 'ERROR',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          globalSetup: ['test/support/dynamo-global-setup.ts'],
          // Every API answer of a file is checked against the OpenAPI document.
          setupFiles: ['test/support/contract-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          env: {
            WOODPECKER_ACCESS_LOG: 'off',
            POWERTOOLS_LOG_LEVEL: 'ERROR',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        },
      },
    ],
  },
});
