/** The view state of the page, kept in the address bar (history.replaceState / pushState). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatViewState, parseViewState, type ViewState } from './view-state.ts';

export interface ViewStateUpdateOptions {
  /** 'push' adds a history entry (the back button returns to the previous view); default 'replace'. */
  history?: 'push' | 'replace';
}

export type ViewStatePatch = Partial<ViewState> | ((s: ViewState) => Partial<ViewState>);
export type UpdateViewState = (patch: ViewStatePatch, options?: ViewStateUpdateOptions) => void;

/** Read the view state from the URL once, then keep the URL in step with every update. */
export function useViewState(): [ViewState, UpdateViewState] {
  const [state, setState] = useState<ViewState>(() => parseViewState(window.location.search));
  const historyMode = useRef<'push' | 'replace'>('replace');

  useEffect(() => {
    const onPop = () => setState(parseViewState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    const { pathname, search, hash } = window.location;
    // Parameters that are not part of the view state are kept as they are.
    const next = formatViewState(state, undefined, new URLSearchParams(search));
    const mode = historyMode.current;
    historyMode.current = 'replace';
    if (next === search) return;
    if (mode === 'push') window.history.pushState(null, '', `${pathname}${next}${hash}`);
    else window.history.replaceState(null, '', `${pathname}${next}${hash}`);
  }, [state]);

  const update = useCallback<UpdateViewState>((patch, options) => {
    if (options?.history === 'push') historyMode.current = 'push';
    setState((prev) => ({ ...prev, ...(typeof patch === 'function' ? patch(prev) : patch) }));
  }, []);

  return [state, update];
}
