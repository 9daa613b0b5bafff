/**
 * Loading hooks of the ledger: sign-off states of a period and one async value keyed by its inputs,
 * both reloaded whenever the ledger changes on this page (an edit, a signature, an import).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { fetchSignoffs, type SignoffList } from '../../api/ledger-api.ts';

export type Loaded<T> =
  { status: 'loading'; data: T | null } | { status: 'ready'; data: T } | { status: 'error'; data: T | null; error: ApiError };

/** `load()` whenever `key` changes or the ledger changed; the last answer stays shown while the next loads. */
export function useLedgerLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    window.addEventListener('ledger-changed', reload);
    return () => window.removeEventListener('ledger-changed', reload);
  }, [reload]);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ status: 'loading', data: s.data }));
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (err: unknown) =>
        live && setState((s) => ({ status: 'error', data: s.data, error: err instanceof ApiError ? err : new ApiError(String(err), 0) })),
    );
    return () => {
      live = false;
    };
    // load is the caller's closure over `key`
  }, [key, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  return { ...state, reload };
}

/** Sign-off states of every county for `period` (null: not now). */
export function useSignoffs(period: string | null) {
  return useLedgerLoad<SignoffList>(period, () => fetchSignoffs(period!));
}
