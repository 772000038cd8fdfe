import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The local runtime runs on Node 20; Lambda runs nodejs22.x.
    // The handlers' structured INFO lines (one per verified pièce…) would drown the report: tests keep warnings and errors.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          // A journey's polls wait for what the page loads over the network: vitest's 1 s default is too short on a
          // loaded CI machine (a journey once ticked the fiche's conditions before they were shown).
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
