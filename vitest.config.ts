import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    // One database and one Redis prefix per run, created before any test file and dropped after the last.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files share one database; running files in parallel on 2 cores would just contend.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
