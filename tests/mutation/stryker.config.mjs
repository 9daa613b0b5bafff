// Mutation testing (StrykerJS + its vitest runner): `npm run mutate` (every scope, server/domain first)
// or `npm run mutate -- domain|auth|client`. Each scope mutates pure modules only and runs only their
// unit tests (tests/mutation/vitest.config.ts). Incremental: results are kept in reports/mutation/ and only
// changed code or tests are mutated again. Scores and how to read them: docs/mutation-testing.md.
const scopes = {
  domain: ['server/domain/**/*.ts'],
  auth: [
    'server/auth/csrf.ts',
    'server/auth/mask.ts',
    'server/auth/password-policy.ts',
    'server/auth/password.ts',
    'server/auth/permissions.ts',
    'server/auth/rate-limit.ts',
  ],
  client: [
    'client/**/*.ts',
    '!client/api/**',
    '!client/map/**',
    '!client/main.tsx',
    '!client/**/use-*.ts',
    '!client/i18n/**',
    'client/i18n/messages.ts',
    '!client/features/**/*-i18n.ts',
    '!client/features/**/*-context.ts',
  ],
};
const scope = process.env.MUTATE_SCOPE ?? 'domain';
if (!scopes[scope]) throw new Error(`MUTATE_SCOPE must be one of ${Object.keys(scopes).join(', ')}`);
// `npm run mutate -- <scope> --files <glob>[,<glob>…]` narrows a run to some modules; its results go to their own
// files so that the scope's incremental file and report keep every module.
const files = process.env.MUTATE_FILES?.split(',').filter(Boolean);
const report = files?.length ? `${scope}-files` : scope;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/mutation/vitest.config.ts' },
  mutate: files?.length ? files : scopes[scope],
  // The shared machine has two cores: one or two test processes at most.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables: the measure catalogue, colour ramps) each need every test of
  // the scope in a fresh module: most of a run's time. MUTATE_STATIC=on includes them (slow).
  ignoreStatic: process.env.MUTATE_STATIC !== 'on',
  incremental: true,
  incrementalFile: `reports/mutation/${report}-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 85, low: 70, break: null },
  ignorePatterns: ['data', 'dist', '.data', 'bench', 'migrations', 'reports', 'docs'],
  tempDirName: '.stryker-tmp',
  timeoutMS: 10_000,
};
