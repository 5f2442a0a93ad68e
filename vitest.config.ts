import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // tfjs CPU kernels are slow on 2 cores; a method test trains 20 steps.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // At least two test files at a time. Vitest's default, cores − 1, runs one at a time on a 2-core
    // machine, and a file's tfjs CPU kernels are single-threaded JavaScript, so the second core sat
    // idle for the whole unit run; the main process only collects results. Measured on ten method
    // test files, same CPU time (126–130 s): one worker 179 s, two 123 s, on a machine already at load 4–6.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ['src/test-setup.ts'],
  },
});
