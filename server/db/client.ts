/**
 * The one place that knows there are two database backends: embedded PGlite + PostGIS (default,
 * persisted to a folder) and a PostgreSQL/PostGIS server (DATABASE_URL, through postgres.js).
 * Everything above this module sees one drizzle database and `rows()` for raw SQL. The embedded
 * database runs in a thread of its own and speaks the wire protocol (embedded-engine.ts), so both
 * backends go through postgres.js: one driver, one migrator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SQL } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema.ts';
import { StartupError } from '../errors.ts';
import { startEmbeddedEngine, type EmbeddedEngine } from './embedded-engine.ts';
import { ReplicaSet, routedDb } from './replicas.ts';

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
  /** Streaming replicas for the cached read-only answers (DATABASE_READ_URL; server/db/replicas.ts). */
  replicas?: ReplicaSet;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface OpenOptions {
  /** postgres:// URL of a PostgreSQL server with PostGIS; when absent the embedded database is used. */
  databaseUrl?: string;
  /** postgres:// URLs of streaming replicas of `databaseUrl` (server/db/replicas.ts). */
  readUrls?: string[];
  /** Folder of the embedded database (created when missing). */
  dataDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

/** Open the configured backend, check PostGIS and apply pending migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.readUrls?.length && !opts.databaseUrl) {
    throw new StartupError(
      'DATABASE_READ_URL needs DATABASE_URL: read replicas are copies of a PostgreSQL server, and the embedded database has none.',
    );
  }
  const database = opts.databaseUrl
    ? await openServer(opts.databaseUrl, opts.readUrls ?? [])
    : await openEmbedded(opts.dataDir ?? '.data/pglite');
  if (opts.migrate !== false) {
    try {
      await migratePostgres(database.db as never, { migrationsFolder });
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
  let engine: EmbeddedEngine;
  try {
    engine = await startEmbeddedEngine(dir);
  } catch (err) {
    throw new StartupError(
      `The embedded database in ${dir} could not be opened (${errorText(err)}). It may be damaged or half-written: delete the folder to recreate it with the demo data, or set DATA_DIR to another folder.`,
      err,
    );
  }
  // One connection: PGlite is one backend; postgres.js queues the rest (and pins it for a transaction).
  const client = postgres({ path: engine.socketPath, username: 'postgres', database: 'postgres', max: 1, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (err) {
    await engine.stop().catch(() => {});
    throw new StartupError(`The embedded database in ${dir} does not answer (${errorText(err)}).`, err);
  }
  return wrap(
    client,
    'embedded',
    async () => {
      await client.end({ timeout: 5 });
      await engine.stop();
    },
    dir,
  );
}

async function openServer(url: string, readUrls: string[]): Promise<Database> {
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
  if (readUrls.length === 0) return wrap(client, 'postgres', () => client.end({ timeout: 5 }));
  // Replicas that are down now are not an error: reads use the primary until they answer.
  const replicas = ReplicaSet.open(readUrls);
  return wrap(
    client,
    'postgres',
    async () => {
      await replicas.close();
      await client.end({ timeout: 5 });
    },
    undefined,
    replicas,
  );
}

/** Both backends are a postgres.js client: one drizzle driver, one migrator, the same queries. */
function wrap(client: postgres.Sql, kind: DbKind, close: () => Promise<void>, dataDir?: string, replicas?: ReplicaSet): Database {
  const primary = drizzlePostgres(client, { schema }) as unknown as Db;
  const db = replicas ? routedDb(primary) : primary;
  return {
    db,
    kind,
    dataDir,
    replicas,
    async rows<T>(query: SQL) {
      return [...((await db.execute(query)) as unknown as T[])];
    },
    close,
  };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== err.message ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
