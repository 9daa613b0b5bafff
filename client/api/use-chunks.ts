/**
 * Answers in chunks (the province view's per-county boundaries and values): one request per chunk key,
 * shared while in flight, kept in a bounded cache. Chunks already in show at once, the others join as
 * they arrive; while none of the wanted chunks is in, the last answer stays shown (no blank map while
 * panning). Chunk requests are not aborted when the camera moves on: a chunk is shared by every stop
 * that shows it, and one that arrives is there for the way back.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { loadKey, toApiError, type LruCache, type Loadable } from './load-state.ts';

/** A chunk's cache key and how to fetch it. */
export type ChunkRequest<T> = readonly [key: string, fetch: () => Promise<T>];

/** Chunks kept in `cache`, with the requests in flight: a chunk asked for twice is fetched once. */
export class ChunkPool<T> {
  private readonly pending = new Map<string, Promise<T>>();
  constructor(readonly cache: LruCache<T>) {}

  load([key, fetchOne]: ChunkRequest<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    let p = this.pending.get(key);
    if (!p) {
      p = fetchOne().then(
        (data) => {
          this.cache.set(key, data);
          this.pending.delete(key);
          return data;
        },
        (err: unknown) => {
          this.pending.delete(key);
          throw err;
        },
      );
      this.pending.set(key, p);
    }
    return p;
  }
}

/**
 * The chunks of `requests` joined by `join` (called with the chunks in, in request order, never with
 * none; keep it stable: a new `join` joins again). Disabled: idle.
 */
export function useChunks<T, R>(
  requests: readonly ChunkRequest<T>[],
  pool: ChunkPool<T>,
  join: (parts: T[]) => R,
  enabled: boolean,
): Loadable<R> & { retry: () => void } {
  const [tick, setTick] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState<{ key: string; error: unknown } | null>(null);
  const wanted = requests.map(([key]) => key).join('\n');
  const failKey = loadKey(wanted, attempt);
  const loadAll = useEffectEvent((isCurrent: () => boolean) => {
    for (const request of requests) {
      if (pool.cache.has(request[0])) continue;
      pool.load(request).then(
        () => isCurrent() && setTick((n) => n + 1),
        (error: unknown) => isCurrent() && setFailed({ key: failKey, error }),
      );
    }
  });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    loadAll(() => current);
    return () => {
      current = false;
    };
  }, [wanted, enabled, failKey]);
  const joined = useMemo(() => {
    void tick; // a chunk arrived: join again
    const parts = wanted
      .split('\n')
      .map((k) => (k ? pool.cache.peek(k) : undefined))
      .filter((x): x is T => x !== undefined);
    return parts.length === 0 ? null : join(parts);
  }, [wanted, tick, pool, join]);
  // The last joined answer, shown while none of the wanted chunks is in.
  const [last, setLast] = useState<R | null>(null);
  if (enabled && joined !== null && joined !== last) setLast(joined);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (!enabled) return { status: 'idle', data: null, retry };
  if (failed?.key === failKey && joined === null) return { status: 'error', data: null, error: toApiError(failed.error), retry };
  const shown = joined ?? last;
  return shown !== null ? { status: 'ready', data: shown, retry } : { status: 'loading', data: null, retry };
}
