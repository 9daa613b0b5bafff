/** Load something keyed by a string, keeping the last data while the next key loads; retry on error. */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loadable<T> =
  | { status: 'idle'; data: null }
  | { status: 'loading'; data: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; data: T | null; message: string };

/**
 * `key` null: nothing to load (idle). A new key starts a load; a superseded answer is ignored (not
 * aborted: an aborted request reads as a network failure in the console).
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loadable<T> & { retry: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'idle', data: null });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const lastData = useRef<T | null>(null);

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle', data: null });
      return;
    }
    let current = true;
    setState({ status: 'loading', data: lastData.current });
    loadRef.current().then(
      (data) => {
        if (!current) return;
        lastData.current = data;
        setState({ status: 'ready', data });
      },
      (err: unknown) =>
        current && setState({ status: 'error', data: lastData.current, message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
