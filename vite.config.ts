/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One config for the client build (client/ → dist/client) and the test runner.
// Tests: `unit` (pure code, once), `embedded` and `postgres` (the integration suite on each backend;
// the postgres project runs only when TEST_DATABASE_URL is set, which CI requires), `e2e` (browser).
const integration = ['tests/server/**/*.int.test.ts'];
if (process.env.CI && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI requires TEST_DATABASE_URL (a PostgreSQL + PostGIS database): the integration suite must run on both backends.');
}
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  test: {
    root: '.',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    projects: [
      { extends: true as const, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...integration, 'tests/server/**/*.pg.test.ts', 'tests/e2e/**'] } },
      { extends: true as const, test: { name: 'embedded', include: integration, globalSetup: ['tests/helpers/setup-embedded.ts'], env: { TEST_BACKEND: 'embedded' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: 'postgres', include: [...integration, 'tests/server/**/*.pg.test.ts'], globalSetup: ['tests/helpers/setup-postgres.ts'], env: { TEST_BACKEND: 'postgres' } } }]
        : []),
      { extends: true as const, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/helpers/setup-e2e.ts'], fileParallelism: false, testTimeout: 180_000 } },
    ],
  },
});
