/**
 * Load something keyed by a string, with a module-level cache of answers (so going back to a view or
 * flipping between two measures does not ask the server again) and a retry for the error state.
 */
import { useCallback, useEffect, useState } from 'react';

export type AsyncResult<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

const cache = new Map<string, unknown>();

/** `key` null: nothing to load (status 'loading' is never shown for it: callers check the key). */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncResult<T> & { retry: () => void } {
  const cached = key !== null && cache.has(key) ? ({ status: 'ready', data: cache.get(key) as T } as const) : null;
  const [result, setResult] = useState<{ key: string | null; value: AsyncResult<T> }>({ key, value: cached ?? { status: 'loading' } });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === null || cache.has(key)) return;
    let current = true;
    setResult({ key, value: { status: 'loading' } });
    load().then(
      (data) => {
        cache.set(key, data);
        if (current) setResult({ key, value: { status: 'ready', data } });
      },
      (err: unknown) =>
        current && setResult({ key, value: { status: 'error', message: err instanceof Error ? err.message : String(err) } }),
    );
    return () => {
      current = false;
    };
    // `load` is derived from `key`; the key says when to reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const value: AsyncResult<T> = cached ?? (result.key === key ? result.value : { status: 'loading' });
  return { ...value, retry };
}
