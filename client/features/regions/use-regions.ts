/** Load the division boundaries of one level under an area, with a retry for the error screen. */
import { useCallback, useEffect, useState } from 'react';
import { fetchRegions, type RegionCollection, type RegionQuery } from '../../api/client.ts';

export type RegionsResult =
  | { status: 'loading' }
  | { status: 'ready'; data: RegionCollection }
  | { status: 'error'; message: string };

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
