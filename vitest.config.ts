import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit` is pure code (domain, protocol decoding) and needs no service: `npx vitest run --project unit`
 * works on a laptop with nothing running. `integration` runs against real PostgreSQL and Redis: one database and one
 * Redis prefix per run, created by the global setup before any file and dropped after the last.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'] } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // A simulated enrolment makes RSA keys in pure JavaScript (node-forge): on a loaded 2-core machine a
          // whole enrol-then-wipe journey has taken 29 s, so the bound leaves room for load, not for slowness.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
