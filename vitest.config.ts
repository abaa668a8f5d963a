import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    // Workflow tests start servers and bundle code: generous limits, measured by `npm run bench`, not here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time keeps the Temporal servers responsive.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      // Concurrent numbering is proven only on a real server: PGlite runs one transaction at a time, so
      // it passed even with the lock removed (issue 14); there it only cost minutes and flaked.
      { extends: true, test: { name: 'pglite', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/document-numbering.test.ts'] } },
      // The database and end-to-end suites again on a real PostgreSQL server (tests/support/test-database.ts).
      { extends: true, test: { name: 'postgres', include: ['tests/db/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/crash/**/*.test.ts'], env: { GOVFLOW_TEST_DATABASE: 'postgres' } } },
    ],
  },
});
