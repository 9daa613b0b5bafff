/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressPlugin } from './server/build/precompress.ts';
import { isDriverNullSocketWrite } from './server/db/driver-guard.ts';

// One config for the client build (client/ → dist/client) and the test runner.
// Tests: `unit` (pure code, once), `slow` (tests that start the real server as a child process or
// synthesize every boundary: minutes, not seconds, kept out of `unit` so it stays quick to run while
// editing; `npm test` and CI run it), `embedded` and `postgres` (the integration suite on each backend;
// the postgres project runs only when TEST_DATABASE_URL is set, which CI requires), `e2e` (browser).
const integration = ['tests/server/**/*.int.test.ts'];
const outage = 'tests/server/ingest/commit-outage.pg.test.ts';
const slow = ['tests/server/startup.test.ts', 'tests/server/ingest/boundaries.test.ts', 'tests/client/first-screen-bundle.test.ts'];
if (process.env.CI && !process.env.TEST_DATABASE_URL) {
  throw new Error('CI requires TEST_DATABASE_URL (a PostgreSQL + PostGIS database): the integration suite must run on both backends.');
}
export default defineConfig({
  root: 'client',
  plugins: [react(), precompressPlugin()],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  test: {
    root: '.',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // The server survives this postgres.js defect when PostgreSQL restarts mid-transaction (server/db/driver-guard.ts);
    // the in-process app of tests/server/ingest/commit-outage.pg.test.ts meets it too. Nothing else is ignored.
    onUnhandledError: (error) => !isDriverNullSocketWrite(error),
    projects: [
      {
        extends: true as const,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...integration, ...slow, 'tests/server/**/*.pg.test.ts', 'tests/e2e/**'],
        },
      },
      { extends: true as const, test: { name: 'slow', include: slow } },
      {
        extends: true as const,
        test: {
          name: 'embedded',
          include: integration,
          globalSetup: ['tests/helpers/setup-embedded.ts'],
          env: { TEST_BACKEND: 'embedded' },
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: [...integration, 'tests/server/**/*.pg.test.ts'],
                exclude: [outage],
                globalSetup: ['tests/helpers/setup-postgres.ts'],
                env: { TEST_BACKEND: 'postgres' },
              },
            },
            {
              // Stops the shared PostgreSQL server mid-commit: it runs alone, after every other project
              // (a later group), so no other suite loses its database under it.
              extends: true as const,
              test: {
                name: 'postgres-outage',
                include: [outage],
                globalSetup: ['tests/helpers/setup-postgres.ts'],
                env: { TEST_BACKEND: 'postgres' },
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/setup-e2e.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          // Browser journeys draw with software GL on a shared two-core machine; under CI a journey that
          // fails gets one more run, and the report still lists the first failure.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
