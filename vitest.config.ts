import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    // Native modules (better-sqlite3) and child processes are happiest in forked workers.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI also writes a JSON report; .ci/run prints its totals as the closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/vitest.json' },
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
});
