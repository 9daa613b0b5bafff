/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

/**
 * The unit tests that mutation testing (`npm run mutate`, tests/mutation/stryker.config.mjs) runs: only the fast,
 * pure tests of the scope being mutated (MUTATE_SCOPE = domain | auth | client), no database, no
 * browser, no server start-up. Not used by `npm test`.
 */
const scopes: Record<string, string[]> = {
  domain: ['tests/server/domain/**/*.test.ts'],
  auth: ['tests/server/auth/*.test.ts'],
  client: ['tests/client/**/*.test.ts'],
};
const scope = process.env.MUTATE_SCOPE ?? 'domain';
if (!scopes[scope]) throw new Error(`MUTATE_SCOPE must be one of ${Object.keys(scopes).join(', ')}, got ${scope}`);

export default defineConfig({
  test: {
    root: '.',
    include: scopes[scope],
    exclude: ['**/*.int.test.ts', '**/*.pg.test.ts', 'tests/e2e/**', 'tests/client/e2e-pixels.test.ts'],
    testTimeout: 60_000,
    // Scale tests (50,000 values) prove speed, not behaviour; instrumented by Stryker they take most of each run.
    testNamePattern: /^(?!.*\b50,000 values)/,
  },
});
