/** Load the division boundaries of one level under an area, with a retry for the error screen. */
import { useCallback, useEffect, useState } from 'react';
import { fetchRegions, type RegionCollection, type RegionQuery } from '../../api/client.ts';

export type RegionsResult =
  | { status: 'loading' }
  | { status: 'ready'; data: RegionCollection }
  | { status: 'error'; message: string };

export function useRegions(level: RegionQuery['level'], parent: string): RegionsResult & { retry: () => void } {
  const [result, setResult] = useState<RegionsResult>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // A superseded answer is ignored rather than aborted: the browser caches it (ETag) for the way
    // back, and an aborted request would read as a network failure in the console.
    let current = true;
    setResult({ status: 'loading' });
    fetchRegions({ level, parent }).then(
      (data) => current && setResult({ status: 'ready', data }),
      (err: unknown) => current && setResult({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      current = false;
    };
  }, [level, parent, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, retry };
}
