/**
 * `npm run mutate [-- domain auth client] [--files <glob>[,<glob>…]]`: mutation testing of the pure modules,
 * one scope after the other (server/domain first), each with its own incremental file in reports/mutation/.
 * `--files` narrows a run to some modules of the scope (e.g. `--files server/domain/briefing.ts`) while
 * working on their tests; such a run keeps its results apart (`<scope>-files-incremental.json`, `<scope>-files.html`)
 * so the scope's own report stays whole. Slow on two cores (see docs/mutation-testing.md), so not part of
 * `npm test` or CI.
 */
import { spawnSync } from 'node:child_process';

const all = ['domain', 'auth', 'client'];
const args = process.argv.slice(2);
const filesAt = args.indexOf('--files');
const files = filesAt >= 0 ? args[filesAt + 1] : undefined;
if (filesAt >= 0 && !files) {
  console.error('--files needs a file or glob, e.g. --files server/domain/briefing.ts');
  process.exit(2);
}
const asked = filesAt >= 0 ? args.filter((_, i) => i !== filesAt && i !== filesAt + 1) : args;
const unknown = asked.filter((s) => !all.includes(s));
if (unknown.length) {
  console.error(`Unknown scope ${unknown.join(', ')}: choose from ${all.join(', ')}.`);
  process.exit(2);
}
for (const scope of asked.length ? asked : all) {
  console.log(`\n=== mutation testing: ${scope}${files ? ` (${files})` : ''} ===`);
  const run = spawnSync('npx', ['stryker', 'run', 'tests/mutation/stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_SCOPE: scope, ...(files ? { MUTATE_FILES: files } : {}) },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
