/**
 * The map's viewport for overlays drawn as HTML over it (e.g. the 督办 badges): the map reports each
 * frame's viewport here and only the overlays that read it re-render, not the page around the map.
 */
import { useSyncExternalStore } from 'react';
import type { MapViewport } from './types.ts';

export interface ViewportStore {
  set: (viewport: MapViewport) => void;
  get: () => MapViewport | null;
  subscribe: (listener: () => void) => () => void;
}

export function createViewportStore(): ViewportStore {
  let current: MapViewport | null = null;
  const listeners = new Set<() => void>();
  return {
    set(viewport) {
      current = viewport;
      for (const l of [...listeners]) l();
    },
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's viewport, re-rendering the caller on every change. */
export function useViewport(store: ViewportStore): MapViewport | null {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
