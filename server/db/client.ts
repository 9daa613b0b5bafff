/**
 * The one place that knows there are two database backends: embedded PGlite + PostGIS (default,
 * persisted to a folder) and a PostgreSQL/PostGIS server (DATABASE_URL, through postgres.js).
 * Everything above this module sees one drizzle database and `rows()` for raw SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema.ts';
import { StartupError } from '../errors.ts';

export type DbKind = 'embedded' | 'postgres';
// Both drivers produce a PgDatabase; the query-result HKT differs, so it is left open here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<any, typeof schema>;

export interface Database {
  db: Db;
  kind: DbKind;
  /** Run raw SQL (built with drizzle's `sql` tag, so values are always parameters) and return rows. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
  /** Where the embedded database lives (undefined for a server). */
  dataDir?: string;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface OpenOptions {
  /** postgres:// URL of a PostgreSQL server with PostGIS; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (created when missing). */
  dataDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/** Open the configured backend, check PostGIS and apply pending migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.databaseUrl ? await openServer(opts.databaseUrl) : await openEmbedded(opts.dataDir ?? '.data/pglite');
  if (opts.migrate !== false) {
    try {
      if (database.kind === 'embedded') await migratePglite(database.db as never, { migrationsFolder });
      else await migratePostgres(database.db as never, { migrationsFolder });
    } catch (err) {
      await database.close().catch(() => {});
      const msg = errorText(err);
      if (/postgis|extension/i.test(msg)) {
        throw new StartupError(
          `PostGIS is not available in this database (${msg}). Install PostGIS on the server (e.g. apt-get install postgresql-15-postgis-3) and have an administrator run CREATE EXTENSION postgis in it, or unset DATABASE_URL to use the embedded database.`,
          err,
        );
      }
      throw new StartupError(`Applying the database migrations failed: ${msg}`, err);
    }
  }
  return database;
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const existed = fs.existsSync(path.join(dir, 'PG_VERSION'));
  if (fs.existsSync(dir) && !existed && fs.readdirSync(dir).length > 0) {
    throw new StartupError(
      `The folder ${dir} is not an embedded database (no PG_VERSION file) but is not empty either. Point DATA_DIR at an empty or missing folder, or delete this one to start fresh.`,
    );
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir, { extensions: { postgis } });
    await client.query('select 1');
  } catch (err) {
    throw new StartupError(
      `The embedded database in ${dir} could not be opened (${errorText(err)}). It may be damaged or half-written: delete the folder to recreate it with the demo data, or set DATA_DIR to another folder.`,
      err,
    );
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    dataDir: dir,
    async rows<T>(query: SQL) {
      const res = (await db.execute(query)) as unknown as { rows: T[] };
      return res.rows;
    },
    close: () => client.close(),
  };
}

async function openServer(url: string): Promise<Database> {
  const client = postgres(url, { max: 8, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select 1`;
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new StartupError(
      `Cannot connect to the PostgreSQL server in DATABASE_URL (${errorText(err)}). Check that it is running and the URL is right, or unset DATABASE_URL to use the embedded database.`,
      err,
    );
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async rows<T>(query: SQL) {
      return [...((await db.execute(query)) as unknown as T[])];
    },
    close: () => client.end({ timeout: 5 }),
  };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== err.message ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
