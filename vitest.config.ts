import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.spec.ts', 'scripts/**/*.spec.ts', 'web/src/**/*.spec.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: PGlite instances are memory-heavy, keep parallelism modest.
    maxWorkers: 2,
  },
});
