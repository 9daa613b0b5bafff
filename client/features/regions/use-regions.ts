/** Load the division boundaries of one level under an area, with a retry for the error screen. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchRegions, type RegionCollection, type RegionQuery } from '../../api/client.ts';

export type RegionsResult = { status: 'loading' } | { status: 'ready'; data: RegionCollection } | { status: 'error'; message: string };

/** Boundaries already loaded, by level and parent: each level's polygons are fetched once per session. */
const loaded = new Map<string, RegionCollection>();

/** Names of every division loaded so far (for the breadcrumb). */
export function loadedRegionNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const fc of loaded.values()) for (const f of fc.features) names.set(f.properties.code, f.properties.name);
  return names;
}

export function useRegions(level: RegionQuery['level'], parent: string): RegionsResult & { retry: () => void } {
  const key = `${level}/${parent}`;
  const [result, setResult] = useState<RegionsResult & { key?: string }>(() => {
    const hit = loaded.get(key);
    return hit ? { status: 'ready', data: hit, key } : { status: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // A superseded answer is ignored rather than aborted: the browser caches it (ETag) for the way
    // back, and an aborted request would read as a network failure in the console.
    let current = true;
    const hit = loaded.get(`${level}/${parent}`);
    if (hit) {
      setResult({ status: 'ready', data: hit, key: `${level}/${parent}` });
      return;
    }
    setResult({ status: 'loading' });
    fetchRegions({ level, parent }).then(
      (data) => {
        loaded.set(`${level}/${parent}`, data);
        if (current) setResult({ status: 'ready', data, key: `${level}/${parent}` });
      },
      (err: unknown) => current && setResult({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      current = false;
    };
  }, [level, parent, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // A ready answer for another level/parent is stale: show loading until the effect catches up.
  if (result.status === 'ready' && result.key !== key) {
    const hit = loaded.get(key);
    return hit ? { status: 'ready', data: hit, retry } : { status: 'loading', retry };
  }
  return { ...result, retry };
}

/** In-flight chunk requests, so a chunk asked for twice is fetched once. */
const pending = new Map<string, Promise<RegionCollection>>();

/** One chunk of boundaries (cached for the session like `useRegions`). */
export function loadRegions(level: RegionQuery['level'], parent: string): Promise<RegionCollection> {
  const key = `${level}/${parent}`;
  const hit = loaded.get(key);
  if (hit) return Promise.resolve(hit);
  let p = pending.get(key);
  if (!p) {
    p = fetchRegions({ level, parent }).then(
      (data) => {
        loaded.set(key, data);
        pending.delete(key);
        return data;
      },
      (err: unknown) => {
        pending.delete(key);
        throw err;
      },
    );
    pending.set(key, p);
  }
  return p;
}

/**
 * The boundaries of `level` under each of `parents` (per-county chunks of the province view), merged into
 * one collection. Chunks already in show at once; the others join as they arrive; while none of the
 * wanted chunks is in, the last merged answer stays shown (no blank map while panning).
 */
export function useRegionChunks(
  level: RegionQuery['level'],
  parents: readonly string[],
  enabled: boolean,
): RegionsResult & { retry: () => void } {
  const [tick, setTick] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = parents.join(',');
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setFailed(null);
    for (const parent of parents) {
      if (loaded.has(`${level}/${parent}`)) continue;
      loadRegions(level, parent).then(
        () => current && setTick((n) => n + 1),
        (err: unknown) => current && setFailed(err instanceof Error ? err.message : String(err)),
      );
    }
    return () => {
      current = false;
    };
    // parents: by value (key)
  }, [level, key, enabled, attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  const last = useRef<RegionCollection | null>(null);
  const merged = useMemo(() => {
    const parts = parents.map((p) => loaded.get(`${level}/${p}`)).filter((fc): fc is RegionCollection => fc !== undefined);
    return parts.length === 0 ? null : { type: 'FeatureCollection' as const, features: parts.flatMap((fc) => fc.features) };
  }, [level, key, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  if (merged) last.current = merged;
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (failed && !merged) return { status: 'error', message: failed, retry };
  const shown = merged ?? last.current;
  return shown ? { status: 'ready', data: shown, retry } : { status: 'loading', retry };
}
