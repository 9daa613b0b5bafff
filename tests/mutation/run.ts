/**
 * `npm run mutate [-- domain auth client]`: mutation testing of the pure modules, one scope after the
 * other (server/domain first), each with its own incremental file in reports/mutation/. Slow on two
 * cores (see docs/mutation-testing.md), so not part of `npm test` or CI.
 */
import { spawnSync } from 'node:child_process';

const all = ['domain', 'auth', 'client'];
const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !all.includes(s));
if (unknown.length) {
  console.error(`Unknown scope ${unknown.join(', ')}: choose from ${all.join(', ')}.`);
  process.exit(2);
}
for (const scope of asked.length ? asked : all) {
  console.log(`\n=== mutation testing: ${scope} ===`);
  const run = spawnSync('npx', ['stryker', 'run', 'tests/mutation/stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_SCOPE: scope },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
