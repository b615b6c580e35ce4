import { defineConfig } from 'vitest/config';

/** The unit tier: pure code only, no PostgreSQL or Redis (no global setup). Mutation testing runs this tier. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
