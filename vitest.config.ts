import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Rebuild dist/ (when src/ changed) before any test: tests spawn bin/selfeval.js, which runs dist/.
    globalSetup: ['test/build-dist.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // PGlite instances are large (~450 MB each); keep parallelism modest on a 2-core machine.
    maxWorkers: 2,
  },
});
