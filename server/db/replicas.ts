/**
 * Read replicas (DATABASE_READ_URL): PostgreSQL streaming replicas carry the cached read-only answers
 * (server/http/cache.ts — measures, dates, regions, layers, projects, PV stations, briefing, the OGC
 * measure values); every other query — writes, transactions, sessions, audit, uncached reads — stays on
 * the primary (DATABASE_URL).
 *
 * ## The one rule
 *
 * An answer is computed on a replica only when that replica has replayed the DATA VERSION the answer
 * will be cached under: just before computing, the replica's own `data_version` (settings table, bumped
 * in the same transaction as every write of map data) is read and must be ≥ the primary's. Otherwise the
 * answer is computed on the primary. So:
 * - a lagging replica never puts an old answer into the cache under a newer version;
 * - a write is seen by the next read of the same server process at once (the write expires the
 *   process's known version, the next read fetches the new one from the primary, and a replica that has
 *   not replayed it is skipped) — and by other server processes within the version's 1 s trust, as
 *   without replicas;
 * - a replica that does not answer is skipped for 5 s (reads go to the primary meanwhile). A replica
 *   that stops in the middle of one computation fails that one request; the next go elsewhere.
 *
 * ## How the queries get there
 *
 * Routes keep calling `database.db` / `database.rows()`. With replicas configured, `database.db` is a
 * thin proxy that sends each call to the replica chosen for the current cached computation
 * (AsyncLocalStorage scope opened by `ReplicaSet.run`), or to the primary outside one. Replicas are
 * tried round-robin.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.ts';
import type { Db } from './client.ts';

const scope = new AsyncLocalStorage<Db>();

/** How long a replica that did not answer is left alone. */
const downMs = 5000;

export interface Replica {
  /** host:port, for logs and stats. */
  name: string;
  db: Db;
  client: postgres.Sql;
  downUntil: number;
  /** Answers computed here. */
  served: number;
}

/** `primary` routed: inside `ReplicaSet.run(replica, …)` every call goes to the replica's database. */
export function routedDb(primary: Db): Db {
  return new Proxy(primary, {
    get(target, prop) {
      const t = scope.getStore() ?? target;
      const v = Reflect.get(t, prop, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

/** Run `fn` with its queries on the primary, even inside a replica computation (e.g. reading the data version). */
export function onPrimary<T>(fn: () => T): T {
  return scope.exit(fn);
}

export class ReplicaSet {
  private next = 0;
  /** Answers computed on the primary because no replica was fresh and up. */
  readonly stats = { primary: 0, lagging: 0, down: 0 };

  constructor(readonly replicas: Replica[]) {}

  static open(urls: string[]): ReplicaSet {
    return new ReplicaSet(
      urls.map((url, i) => {
        const u = new URL(url);
        const client = postgres(url, {
          max: 8,
          onnotice: () => {},
          connect_timeout: 2,
          connection: { application_name: `fupin-read-${i + 1}` },
        });
        return {
          name: `${u.hostname}:${u.port || '5432'}`,
          client,
          db: drizzlePostgres(client, { schema }) as unknown as Db,
          downUntil: 0,
          served: 0,
        };
      }),
    );
  }

  /**
   * A replica (round-robin) that is up and has replayed data version `version` or later; undefined
   * when none is: then compute on the primary.
   */
  async pick(version: string): Promise<Replica | undefined> {
    const n = this.replicas.length;
    const wanted = BigInt(version);
    for (let i = 0; i < n; i++) {
      const at = (this.next + i) % n;
      const r = this.replicas[at]!;
      if (r.downUntil > Date.now()) continue;
      try {
        const [row] = await r.client<{ v: string | null }[]>`SELECT value #>> '{}' AS v FROM settings WHERE key = 'data_version'`;
        if (BigInt(row?.v ?? '0') >= wanted) {
          this.next = at + 1;
          return r;
        }
        this.stats.lagging++;
      } catch {
        r.downUntil = Date.now() + downMs;
        this.stats.down++;
      }
    }
    return undefined;
  }

  /** Run `compute` with its queries on `replica`, or on the primary when undefined. */
  run<T>(replica: Replica | undefined, compute: () => Promise<T>): Promise<T> {
    if (!replica) {
      this.stats.primary++;
      return scope.exit(compute);
    }
    replica.served++;
    return scope.run(replica.db, compute);
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.client.end({ timeout: 5 })));
  }
}
