import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Workflow tests start servers and bundle code: generous limits, measured by `npm run bench`, not here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time keeps the Temporal servers responsive.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
