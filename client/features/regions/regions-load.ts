/**
 * Division boundaries through the one loader hook: one bounded cache of answers by level and parent
 * (each level's polygons are fetched once while they stay among the recent ones), the request of one
 * answer for `useLoad`, the per-county chunks of the province view, and the names seen so far.
 */
import { useMemo } from 'react';
import { fetchRegions, type RegionCollection, type RegionQuery } from '../../api/client.ts';
import { LruCache, loadKey, type Loadable } from '../../api/load-state.ts';
import { ChunkPool, useChunks } from '../../api/use-chunks.ts';
import type { LoadOptions } from '../../api/use-load.ts';
import { maxChunks } from './level-of-detail.ts';

/**
 * Boundaries by level and parent. Bounded: the province view asks for up to `maxChunks` county chunks
 * per level at each stop of the camera; the oldest answers go first (asked again, they come back as 304 by ETag).
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

/** Boundary chunks of the province view: cached like `regionsRequest`, one request per chunk in flight. */
const regionChunks = new ChunkPool(regionsCache);

const joinFeatures = (parts: RegionCollection[]): RegionCollection => ({
  type: 'FeatureCollection',
  features: parts.flatMap((fc) => fc.features),
});

/**
 * The boundaries of `level` under each of `parents` (per-county chunks of the province view), merged into
 * one collection; chunks join as they arrive, the last collection stays shown meanwhile (use-chunks.ts).
 */
export function useRegionChunks(
  level: RegionQuery['level'],
  parents: readonly string[],
  enabled: boolean,
): Loadable<RegionCollection> & { retry: () => void } {
  const requests = useMemo(
    () => parents.map((parent) => [regionKey(level, parent), () => fetchRegions({ level, parent }).then(remember)] as const),
    [level, parents],
  );
  return useChunks(requests, regionChunks, joinFeatures, enabled);
}
