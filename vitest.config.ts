import { defineConfig } from 'vitest/config';

// Unit tests sit beside their modules; browser tests (tests/) run under node:test with Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sw/**/*.test.ts', 'server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Says so when DATABASE_URL is unset and the PostgreSQL half is skipped (issue #13).
    globalSetup: ['server/test-support/postgres-notice.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
