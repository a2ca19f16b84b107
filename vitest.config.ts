import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Sized for the worst machine the suite must pass on: 2 cores, each also running a CPU-bound process, and a
    // second copy of the suite at the same time (CI runs Node 20 and 24 at once). A collect of a simulated host
    // takes about 2 s idle and up to ten times that there. Limits catch hangs; no test asserts a duration.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // 2-core CI machine: a few forks keep the suite fast without starving redis-server and fake servers.
    pool: 'forks',
    maxWorkers: 3,
  },
});
