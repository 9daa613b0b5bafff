/**
 * Answers that depend only on the data — measures, regions, layers, history — are cached in memory
 * under the DATA VERSION, so fifty colleagues opening the same map cost one computation.
 *
 * ## Writers: one call
 *
 * Every write to data the map shows (imports, ledger edits, household edits, settings, regions)
 * calls, inside its transaction:
 *
 *     await bumpDataVersion(tx);        // tx: the drizzle transaction (or the Database's db)
 *
 * It increments the counter in the settings table (key 'data_version') in the same transaction, so
 * the new version becomes visible exactly when the data does, on every server process. This process
 * sees it at once; other processes (several servers on one DATABASE_URL) within
 * `versionTtlMs` (1 s). Cached answers of older versions are never served again and age out.
 *
 * ## Readers
 *
 * `cachedAnswer(database, key, compute)`: the key names the route, its normalised parameters and the
 * reader's disclosure scope (never a session id). On a miss, identical concurrent requests share one
 * computation (single flight) and the computation runs through a bounded gate (server/http/gate.ts):
 * when too much work is queued the request gets 503 with Retry-After instead of hanging.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { Gate } from './gate.ts';
import { onPrimary } from '../db/replicas.ts';

const versionKey = 'data_version';

/** A drizzle transaction or database: anything with `execute`. */
interface Executor {
  execute(query: ReturnType<typeof sql>): Promise<unknown>;
}

/** Versions this process has bumped, per database object, so its own reads see a write at once. */
const localBumps = new Set<() => void>();

/**
 * Increment the data version inside the writer's transaction. THE call for every writer of map data.
 */
export async function bumpDataVersion(tx: Executor): Promise<void> {
  await tx.execute(sql`
    INSERT INTO settings (key, value) VALUES (${versionKey}, to_jsonb(1))
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb(coalesce((settings.value #>> '{}')::bigint, 0) + 1)`);
  for (const expire of localBumps) expire();
}

export interface AnswerCacheOptions {
  /** Most characters of cached answers (≈ bytes of JSON); least recently used go first. */
  maxChars: number;
  /** How long a read data version is trusted before it is read again. */
  versionTtlMs: number;
  gate: { concurrency: number; queue: number; maxWaitMs: number };
}

export const defaultCacheOptions = (kind: Database['kind']): AnswerCacheOptions => ({
  maxChars: 96 * 1024 * 1024,
  versionTtlMs: 1000,
  // The embedded database runs one query at a time: more concurrency only lengthens every wait.
  gate: kind === 'embedded' ? { concurrency: 2, queue: 32, maxWaitMs: 20_000 } : { concurrency: 6, queue: 64, maxWaitMs: 20_000 },
});

interface Entry {
  version: string;
  value: unknown;
  chars: number;
}

export class AnswerCache {
  readonly gate: Gate;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private chars = 0;
  private version: { value: string; at: number } | undefined;
  private versionRead: Promise<string> | undefined;
  readonly stats = { hits: 0, misses: 0, shared: 0 };

  constructor(
    private readonly database: Database,
    private readonly opts: AnswerCacheOptions,
  ) {
    this.gate = new Gate({ ...opts.gate, what: 'database work' });
    localBumps.add(() => {
      this.version = undefined;
    });
  }

  private readVersion(): Promise<string> {
    // Always the primary's version, even when asked from inside a computation on a replica.
    this.versionRead ??= onPrimary(() =>
      this.database.rows<{ v: string | null }>(sql`SELECT value #>> '{}' AS v FROM settings WHERE key = ${versionKey}`),
    )
      .then(([row]) => {
        const value = row?.v ?? '0';
        this.version = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        this.versionRead = undefined;
      });
    return this.versionRead;
  }

  /** The current data version: read at most every `versionTtlMs`; a stale one is used while it is re-read. */
  async dataVersion(): Promise<string> {
    const v = this.version;
    if (v && Date.now() - v.at < this.opts.versionTtlMs) return v.value;
    if (v) {
      // Stale-while-revalidate: never make a cached answer wait behind the database for the version.
      this.readVersion().catch(() => {});
      return v.value;
    }
    return this.readVersion();
  }

  /**
   * The cached answer for `key` at the current data version, computing it once when missing.
   * `keep` decides whether a computed value is stored (e.g. only successful answers); `sizeOf` its size.
   */
  async get<T>(key: string, compute: () => Promise<T>, keep: (v: T) => boolean = () => true, sizeOf?: (v: T) => number): Promise<T> {
    const version = await this.dataVersion();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.stats.hits++;
      return hit.value as T;
    }
    const flightKey = `${version}\u0000${key}`;
    const running = this.inflight.get(flightKey);
    if (running) {
      this.stats.shared++;
      return running as Promise<T>;
    }
    this.stats.misses++;
    const replicas = this.database.replicas;
    // With read replicas: computed on one that has replayed `version` (server/db/replicas.ts), else the primary.
    const p = this.gate
      .run(replicas ? async () => replicas.run(await replicas.pick(version), compute) : compute)
      .then((value) => {
        if (keep(value)) this.store(key, version, value, sizeOf?.(value));
        return value;
      })
      .finally(() => this.inflight.delete(flightKey));
    this.inflight.set(flightKey, p);
    return p;
  }

  private store(key: string, version: string, value: unknown, size?: number) {
    const chars = size ?? (typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0));
    if (chars > this.opts.maxChars / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.chars;
      this.entries.delete(key);
    }
    this.entries.set(key, { version, value, chars });
    this.chars += chars;
    for (const [k, e] of this.entries) {
      if (this.chars <= this.opts.maxChars) break;
      this.entries.delete(k);
      this.chars -= e.chars;
    }
  }

  /** Forget everything (tests). */
  clear() {
    this.entries.clear();
    this.chars = 0;
    this.version = undefined;
  }
}

const caches = new WeakMap<Database, AnswerCache>();

/** The answer cache of a database (one per database object, shared by every route). */
export function answerCacheOf(database: Database, opts?: Partial<AnswerCacheOptions>): AnswerCache {
  let cache = caches.get(database);
  if (!cache) {
    cache = new AnswerCache(database, { ...defaultCacheOptions(database.kind), ...opts });
    caches.set(database, cache);
  }
  return cache;
}

/** Shorthand: `answerCacheOf(database).get(key, compute)`. */
export function cachedAnswer<T>(database: Database, key: string, compute: () => Promise<T>): Promise<T> {
  return answerCacheOf(database).get(key, compute);
}
