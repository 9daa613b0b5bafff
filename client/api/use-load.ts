/**
 * The one loader hook of the client: load an answer keyed by a string over the typed fetch layer
 * (`client.ts`). A new key (or a retry) aborts the request it supersedes; the hook gives loading,
 * error (an ApiError with the server's sentence, for the place the user acts) and data. Optional: a
 * bounded cache of answers (`LruCache`), keeping the last answer while the next key loads, and a
 * window event that reloads (e.g. the ledger changed on this page).
 */
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { settle, shownLoadable, unsettled, type LruCache, type Loadable, type Settled } from './load-state.ts';

export type { Loadable } from './load-state.ts';

/** What the hook gives: the load's state and `retry` (load the key again, also after an error). */
export type Loaded<T> = Loadable<T> & { retry: () => void };

export interface LoadOptions<T> {
  /**
   * Answers by key (a module-level cache shared by the hook's users): a cached key shows at once and
   * is not asked again until `retry`. Default: none.
   */
  cache?: LruCache<T>;
  /** Keep the last answer (of any key) as `data` while the next one loads or after an error. Default: false. */
  keep?: boolean;
  /** A window event that loads the key again (the last answer stays shown meanwhile). Default: none. */
  reloadOn?: string;
}

/**
 * Load `key` with `load(signal)` (key null: idle, nothing loaded). `load` is read when a load starts:
 * the key alone says when to load, so the closure may change on every render.
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, options: LoadOptions<T> = {}): Loaded<T> {
  const { cache, keep = false, reloadOn } = options;
  const [settled, setSettled] = useState<Settled<T>>(unsettled);
  const [attempt, setAttempt] = useState(0);
  const start = useEffectEvent((signal: AbortSignal) => load(signal));
  // The key and attempt of the last load started: the same key at a new attempt is a retry.
  const started = useRef<{ key: string | null; attempt: number }>({ key: null, attempt: 0 });

  useEffect(() => {
    if (key === null) return;
    const retried = started.current.key === key && started.current.attempt !== attempt;
    started.current = { key, attempt };
    if (retried) cache?.delete(key);
    else if (cache?.get(key) !== undefined) return;
    const ctl = new AbortController();
    start(ctl.signal).then(
      (data) => {
        // An answer that arrived is kept even when superseded: the way back to its key is then instant.
        cache?.set(key, data);
        if (!ctl.signal.aborted) setSettled((s) => settle(key, attempt, { data }, s.last, keep));
      },
      (error: unknown) => {
        if (!ctl.signal.aborted) setSettled((s) => settle(key, attempt, { error }, s.last, keep));
      },
    );
    return () => ctl.abort();
  }, [key, attempt, cache, keep]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!reloadOn) return;
    window.addEventListener(reloadOn, retry);
    return () => window.removeEventListener(reloadOn, retry);
  }, [reloadOn, retry]);

  // No key: what settled is over (coming back to the same key later loads it again), the last answer stays.
  if (key === null && settled.key !== null) setSettled({ ...settled, key: null, value: { status: 'idle', data: null } });
  // A cached answer becomes this hook's own at once (React's update during render), so the cache may
  // later drop it while the key is still shown.
  const cached = key === null ? undefined : cache?.peek(key);
  if (key !== null && cached !== undefined && (settled.key !== key || settled.attempt !== attempt || settled.value.data !== cached)) {
    setSettled(settle(key, attempt, { data: cached }, settled.last, keep));
  }
  return { ...shownLoadable(key, attempt, settled, cached, keep), retry };
}
