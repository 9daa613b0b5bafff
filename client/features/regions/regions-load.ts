/**
 * Division boundaries through the one loader hook: one bounded cache of answers by level and parent
 * (each level's polygons are fetched once while they stay among the recent ones), the request of one
 * answer for `useLoad`, the per-county chunks of the province view, and the names seen so far.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchRegions, type RegionCollection, type RegionQuery } from '../../api/client.ts';
import { LruCache, loadKey, toApiError } from '../../api/load-state.ts';
import type { Loadable, LoadOptions } from '../../api/use-load.ts';
import { maxChunks } from './level-of-detail.ts';

/**
 * Boundaries by level and parent. Bounded: the province view asks for up to `maxChunks` county chunks
 * per level at each stop of the camera; the oldest answers go first (the browser still holds them, ETag).
 */
export const regionsCache = new LruCache<RegionCollection>(4 * maxChunks);

/** Names of every division loaded so far (for the breadcrumb): at most one per division of the database. */
const names = new Map<string, string>();

function remember(fc: RegionCollection): RegionCollection {
  for (const f of fc.features) names.set(f.properties.code, f.properties.name);
  return fc;
}

export function loadedRegionNames(): Map<string, string> {
  return new Map(names);
}

const regionKey = (level: RegionQuery['level'], parent: string) => loadKey('regions', level, parent);

/**
 * The arguments of `useLoad` for the divisions of `level` under `parent`:
 * `useLoad(...regionsRequest('county', rootCode()))`.
 */
export function regionsRequest(
  level: RegionQuery['level'],
  parent: string,
): [string, (signal: AbortSignal) => Promise<RegionCollection>, LoadOptions<RegionCollection>] {
  return [regionKey(level, parent), (signal) => fetchRegions({ level, parent }, { signal }).then(remember), { cache: regionsCache }];
}

/** In-flight chunk requests, so a chunk asked for twice is fetched once. */
const pending = new Map<string, Promise<RegionCollection>>();

/**
 * One chunk of boundaries (cached like `regionsRequest`). Not aborted when the camera moves on: chunks
 * are shared by every stop that shows them, and one that arrives is there for the way back.
 */
export function loadRegions(level: RegionQuery['level'], parent: string): Promise<RegionCollection> {
  const key = regionKey(level, parent);
  const hit = regionsCache.get(key);
  if (hit) return Promise.resolve(hit);
  let p = pending.get(key);
  if (!p) {
    p = fetchRegions({ level, parent })
      .then(remember)
      .then(
        (data) => {
          regionsCache.set(key, data);
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
): Loadable<RegionCollection> & { retry: () => void } {
  const [tick, setTick] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState<{ key: string; error: unknown } | null>(null);
  const wanted = parents.join(',');
  const failKey = loadKey(level, wanted, attempt);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    for (const parent of wanted.split(',')) {
      if (!parent || regionsCache.has(regionKey(level, parent))) continue;
      loadRegions(level, parent).then(
        () => current && setTick((n) => n + 1),
        (error: unknown) => current && setFailed({ key: failKey, error }),
      );
    }
    return () => {
      current = false;
    };
  }, [level, wanted, enabled, failKey]);
  const merged = useMemo(() => {
    void tick; // a chunk arrived: merge again
    const parts = wanted
      .split(',')
      .map((p) => (p ? regionsCache.get(regionKey(level, p)) : undefined))
      .filter((fc): fc is RegionCollection => fc !== undefined);
    return parts.length === 0 ? null : { type: 'FeatureCollection' as const, features: parts.flatMap((fc) => fc.features) };
  }, [level, wanted, tick]);
  // The last merged answer, shown while none of the wanted chunks is in.
  const [last, setLast] = useState<RegionCollection | null>(null);
  if (merged && merged !== last) setLast(merged);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (failed?.key === failKey && !merged) return { status: 'error', data: null, error: toApiError(failed.error), retry };
  const shown = merged ?? last;
  return shown ? { status: 'ready', data: shown, retry } : { status: 'loading', data: null, retry };
}
