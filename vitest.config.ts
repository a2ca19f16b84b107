import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/helpers/secretlint-profiler-off.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // 2-core CI machine: a few forks keep the suite fast without starving redis-server and fake servers.
    pool: 'forks',
    maxWorkers: 3,
  },
});
