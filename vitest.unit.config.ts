import { defineConfig } from 'vitest/config';

/** The unit tier: pure code only, no PostgreSQL or Redis (no global setup). Mutation testing runs this tier. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 30_000,
    // The unit tier has no module state worth isolating; sharing workers across files makes a run a third as long,
    // which matters most to mutation testing, where every static mutant re-runs the whole tier.
    isolate: false,
  },
});
