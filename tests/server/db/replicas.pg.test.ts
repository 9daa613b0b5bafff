/**
 * Read replicas (DATABASE_READ_URL, server/db/replicas.ts) against a real PostgreSQL 15 streaming replica
 * of the test server, made by tests/helpers/replica.sh (as root) and removed at the end: cached read
 * routes are computed on the replica, a write on the primary is seen through it, a lagging replica
 * (replay paused) never answers for — nor poisons the cache with — a newer data version, and reads fall
 * back to the primary when the replica is stopped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { bumpDataVersion } from '../../../server/http/cache.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { withDatabase } from '../../helpers/templates.ts';

const script = path.resolve(import.meta.dirname, '../../helpers/replica.sh');
const missing =
  process.getuid?.() !== 0
    ? 'the replica test runs as root (it starts a PostgreSQL cluster as the postgres user)'
    : !fs.existsSync('/usr/lib/postgresql/15/bin/pg_basebackup')
      ? 'PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin) are missing'
      : undefined;
// Under CI nothing may be skipped: a missing prerequisite fails the test instead.
const run = missing && !process.env.CI ? it.skip : it;

let testDb: TestDatabase;
let database: Database;
let replicaDir: string | undefined;
let replica: postgres.Sql;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  if (missing) return;
  testDb = await openTestDatabase({ demo: true });
  // The base backup copies the whole server, the new test database included.
  const [port, dir] = execFileSync(script, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .trim()
    .split(' ');
  replicaDir = dir;
  const replicaUrl = withDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, new URL(testDb.url!).pathname.slice(1));
  replica = postgres(replicaUrl, { max: 1, onnotice: () => {} });
  database = await openDatabase({ databaseUrl: testDb.url, readUrls: [replicaUrl], migrate: false });
  app = createApp({ database });
}, 120_000);

afterAll(async () => {
  await replica?.end({ timeout: 1 }).catch(() => {});
  await database?.close().catch(() => {});
  if (replicaDir) execFileSync(script, ['stop', replicaDir], { stdio: 'ignore' });
  await testDb?.dispose();
}, 60_000);

const url = '/api/measures/spend_rate?level=township&parent=411421';

/** Every project of the county gets `spent` 万元 spent, and the data version moves on (on the primary). */
async function write(spent: number) {
  await testDb.db.transaction(async (tx) => {
    await tx.execute(
      sql`UPDATE project_progress SET spent_wan = ${spent} WHERE project_code IN (SELECT code FROM projects WHERE county_code = '411421')`,
    );
    await bumpDataVersion(tx);
  });
}

const versionOn = async (db: postgres.Sql) =>
  (await db<{ v: string }[]>`SELECT value #>> '{}' AS v FROM settings WHERE key = 'data_version'`)[0]?.v ?? '0';

/** Wait until the replica has replayed the primary's current data version. */
async function caughtUp() {
  const primary = postgres(testDb.url!, { max: 1, onnotice: () => {} });
  try {
    const want = await versionOn(primary);
    for (let i = 0; i < 200; i++) {
      if ((await versionOn(replica)) === want) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [lsn] =
      await replica`SELECT pg_last_wal_replay_lsn()::text AS replay, pg_is_wal_replay_paused() AS paused, current_database() AS db`;
    throw new Error(
      `the replica did not replay data version ${want} within 20 s: it has ${await versionOn(replica)} (${JSON.stringify(lsn)})`,
    );
  } finally {
    await primary.end();
  }
}

async function spent(): Promise<number> {
  const res = await app.request(url);
  expect(res.status).toBe(200);
  const rows = (await res.json()).rows as { numerator: number }[];
  return rows.reduce((s, r) => s + r.numerator, 0);
}

run(
  'reads go to the streaming replica, see the primary’s writes, and fall back when it lags or stops',
  async () => {
    if (missing) throw new Error(`Cannot test read replicas: ${missing}.`);
    const set = database.replicas!;
    const r = set.replicas[0]!;
    expect((await replica<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r).toBe(true);
    expect((await testDb.rows<{ r: boolean }>(sql`SELECT pg_is_in_recovery() AS r`))[0]!.r).toBe(false);

    // A write on the primary, replayed: the read route is computed on the replica and shows it.
    await write(0);
    await caughtUp();
    const served = r.served;
    expect(await spent()).toBe(0);
    expect(r.served).toBe(served + 1);
    const [activity] = await replica<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'fupin-read-1' AND datname = current_database()`;
    expect(activity!.n).toBeGreaterThan(0);

    // Replay paused: the replica lags behind the next write. The answer comes from the primary (fresh),
    // and is what the cache keeps for that version.
    await replica`SELECT pg_wal_replay_pause()`;
    await write(1);
    const lagging = set.stats.lagging;
    const fresh = await spent();
    expect(fresh).toBeGreaterThan(0);
    expect(r.served).toBe(served + 1);
    expect(set.stats.lagging).toBe(lagging + 1);
    const hit = await app.request(url);
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect((await hit.json()).rows.reduce((s: number, x: { numerator: number }) => s + x.numerator, 0)).toBe(fresh);
    await replica`SELECT pg_wal_replay_resume()`;
    await write(0);
    await caughtUp();
    expect(await spent()).toBe(0);
    expect(r.served).toBe(served + 2);

    // The replica stopped: reads fall back to the primary.
    await replica.end({ timeout: 1 });
    execFileSync(script, ['pause', replicaDir!], { stdio: 'ignore' });
    await write(1);
    const down = set.stats.down;
    expect(await spent()).toBe(fresh);
    expect(set.stats.down).toBe(down + 1);
    expect(r.served).toBe(served + 2);
  },
  60_000,
);
