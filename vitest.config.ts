import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Loading jieba and the models per worker costs memory; two workers match the 2-core machine.
    maxWorkers: 2,
  },
});
