/**
 * The PostgreSQL server stops mid-commit (`pg_ctlcluster … stop -m immediate` at a random moment while a
 * 20,000-row import is inserting) and starts again: the projects are all there or none, never some; the
 * API answers 503 with Retry-After while the server is down and recovers by itself; the retried commit
 * (same Idempotency-Key) finishes the import once.
 *
 * It stops the whole test cluster for a few seconds, so in a dev run it runs only when asked
 * (TEST_PG_OUTAGE=1, as root); under CI it always runs (nothing may be skipped there). The cluster is
 * started again in a `finally`, whatever happens.
 */
import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bigLedgerCsv } from '../../fixtures/big-ledger.ts';
import { withDatabase } from '../../helpers/templates.ts';
import { commitBatch, openImportHarness, uploadFixture, type ImportHarness } from './import-harness.ts';

const enabled = Boolean(process.env.CI || process.env.TEST_PG_OUTAGE);
const run = enabled ? it : it.skip;
const ROWS = 20_000;
function cluster(action: 'stop' | 'start', ...more: string[]) {
  try {
    // From /: pg_ctlcluster runs as the postgres user, who may not enter the test's folder.
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', action, ...more], {
      stdio: 'pipe',
      cwd: '/',
      timeout: 60_000,
    });
  } catch (err) {
    throw new Error(`pg_ctlcluster ${action} failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`, { cause: err });
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let h: ImportHarness;
beforeAll(async () => {
  if (enabled) h = await openImportHarness();
}, 120_000);
afterAll(() => h?.dispose(), 60_000);

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const bigCount = async () => {
  const [{ n }] = await h.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects WHERE code LIKE 'BIG-%'`);
  return n;
};

run(
  'stopping PostgreSQL mid-commit leaves 0 or all rows; 503 meanwhile; the API recovers by itself and the retry commits once',
  async () => {
    const places = [{ county: '民权县', township: '城关镇', village: '西村' }];
    const report = (await uploadFixture(h, h.admin, 'projects', 'big.csv', bigLedgerCsv(ROWS, places))).json();
    expect(report.issues).toEqual([]);
    expect(report.counts.add).toBe(ROWS);
    const dbName = new URL(h.database.url!).pathname.slice(1);
    const watcher = postgres(withDatabase(h.database.url!, 'postgres'), { max: 1, onnotice: () => {} });
    await watcher`CHECKPOINT`; // little WAL to replay: the restart after the immediate stop is quick
    const committing = commitBatch(h.admin, report.batchId, 'outage-key-0001');
    let during: Awaited<ReturnType<typeof commitBatch>>;
    let first: Awaited<ReturnType<typeof commitBatch>>;
    try {
      // Wait until the commit's transaction is inserting, then a random moment more.
      await until(
        'the commit to insert',
        async () =>
          (
            await watcher`SELECT 1 FROM pg_stat_activity WHERE datname = ${dbName} AND state IN ('active', 'idle in transaction')
              AND query ILIKE 'insert into "projects"%'`
          ).length > 0 || undefined,
        60_000,
      );
      await watcher.end({ timeout: 1 });
      await sleep(Math.floor(Math.random() * 300));
      cluster('stop', '-m', 'immediate');
      first = await committing;
      during = await h.admin.request('GET', '/api/exports/projects?format=csv');
    } finally {
      await watcher.end({ timeout: 1 }).catch(() => {});
      cluster('start');
    }
    // The commit either finished just before the stop or was cut off: then 503, never a 500.
    expect([200, 503], first.text).toContain(first.status);
    expect(during.status, during.text).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.json().error.message).toMatch(/数据库暂时不可用/);
    // Recovers by itself: the same client, no restart of the app.
    await until(
      'the API to answer again',
      async () => ((await h.admin.request('GET', '/api/exports/projects?format=csv')).status === 200 ? true : undefined),
      60_000,
    );
    const after = await bigCount();
    expect([0, ROWS]).toContain(after);
    expect(after).toBe(first.status === 200 ? ROWS : 0);
    const retry = await commitBatch(h.admin, report.batchId, 'outage-key-0001');
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json()).toMatchObject({ added: ROWS, replayed: first.status === 200 });
    expect(await bigCount()).toBe(ROWS);
  },
  240_000,
);
