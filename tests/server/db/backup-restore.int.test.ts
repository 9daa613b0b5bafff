/**
 * Backup and restore as the README describes them, on both backends: PostgreSQL with pg_dump -Fc →
 * pg_restore into a fresh database; the embedded database by copying its data folder while it is closed.
 * The restored database holds the same rows (ledger, households, accounts, audit log, import batches).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { withDatabase } from '../../helpers/templates.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { commitBatch, openImportHarness, uploadFixture, type ImportHarness } from '../ingest/import-harness.ts';

const tables: [string, string][] = [
  ['regions', 'code'],
  ['projects', 'code'],
  ['households', 'id'],
  ['users', 'id'],
  ['audit_log', 'id'],
  ['import_batches', 'id'],
];
const digestSql = `SELECT ${tables
  .map(([t, key]) => `(SELECT count(*)::int || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x.${key}), '')) FROM ${t} x) AS "${t}"`)
  .join(', ')}`;

let h: ImportHarness;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));

beforeAll(async () => {
  h = await openImportHarness();
  const report = (await uploadFixture(h, h.admin, 'projects', 'projects-messy-1900.xlsx')).json();
  expect((await commitBatch(h.admin, report.batchId)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await h?.dispose().catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
});

const digestOf = async (database: Pick<Database, 'rows'>) => (await database.rows(sql.raw(digestSql)))[0];

it(`a backup restored into a fresh database has the same rows (${testBackend})`, async () => {
  const before = await digestOf(h.database);
  expect(before.projects).toMatch(/^3:/);
  expect(before.households).toMatch(/^5:/);
  if (testBackend === 'postgres') {
    const url = h.database.url!;
    const dump = path.join(work, 'fupin.dump');
    // As an operator would: the custom format, restored without owners into an empty database.
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, url], { stdio: 'pipe' });
    const fresh = `${new URL(url).pathname.slice(1)}_restored`;
    const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`CREATE DATABASE "${fresh}" TEMPLATE template0`);
      execFileSync('pg_restore', ['--no-owner', `--dbname=${withDatabase(url, fresh)}`, dump], { stdio: 'pipe' });
      const restored = await openDatabase({ databaseUrl: withDatabase(url, fresh), migrate: false });
      try {
        expect(await digestOf(restored)).toEqual(before);
        // Still a working database: migrations are recorded, PostGIS answers.
        const [row] = await restored.rows<{ ok: boolean }>(sql`SELECT ST_IsValid(ST_MakePoint(115, 34)) AS ok`);
        expect(row.ok).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
      await admin.end();
    }
  } else {
    // The embedded database: close it (stop the server), copy the data folder, open the copy.
    const source = h.database.dataDir!;
    await h.database.close();
    const copy = path.join(work, 'pglite');
    fs.cpSync(source, copy, { recursive: true });
    const restored = await openDatabase({ dataDir: copy, migrate: false });
    try {
      expect(await digestOf(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    // The original opens again as well.
    const again = await openDatabase({ dataDir: source, migrate: false });
    expect(await digestOf(again)).toEqual(before);
    await again.close();
    fs.rmSync(source, { recursive: true, force: true });
    h.database.dispose = async () => {};
  }
}, 180_000);
