// The consortium fault drills (test/consortium/faults.test.ts) run alone, after the rest of
// `npm test`: they start 7 processes and time recovery, which other test files running beside
// them on a 2-core machine would distort.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/consortium/faults.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
