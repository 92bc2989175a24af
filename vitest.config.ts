import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources in tests (no build needed for unit tests).
    conditions: ['obslint-source'],
  },
  ssr: { resolve: { conditions: ['obslint-source'], externalConditions: ['obslint-source'] } },
  test: {
    globals: true,
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Each test file's scratch files go to a directory of its own, removed when the file is done.
    setupFiles: ['./scripts/test-tmpdir.ts'],
  },
});
