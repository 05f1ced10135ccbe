import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for the packages that use it (Apollo, graphql-tools,
    // graphql-ws); Vite would give our own sources its ES module build, a second copy whose
    // schema and error classes the first does not recognise. One copy, as in production.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // e2e/: the wall in a real browser (playwright-core + Debian's Chromium, see e2e/support).
    include: [
      'server/**/*.spec.ts',
      'scripts/**/*.spec.ts',
      'web/src/**/*.spec.ts',
      'web/vite-plugins/**/*.spec.ts',
      'e2e/**/*.spec.ts',
    ],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: PGlite instances are memory-heavy, keep parallelism modest.
    maxWorkers: 2,
  },
});
