/**
 * What every benchmark page shares: the marks (ms since navigation start, performance.now()), the
 * MapLibre map with the app's offline style fitted to 商丘市, and the hand-over to the runner through
 * window.__benchDone (created by an inline script in each page's head).
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { offlineStyle } from '../../../client/map/offline-style.ts';

export interface Marks {
  /** This module started running (bundle fetched, parsed). */
  scriptStart: number;
  fetchStart: number;
  /** Data parsed and in hand (JSON objects, or typed-array views). */
  dataInHand: number;
  /** The map's style loaded. */
  mapLoad: number;
  /** Map and data both ready: the layer (or source) was handed over. */
  ready: number;
  /** Layer-specific preparation done (e.g. the largest investment scanned, attributes built). */
  layerAdded: number;
  /** First frame with the points drawn (after the drawing callback, one requestAnimationFrame later). */
  firstFrame: number;
  /**
   * Bare MapLibre only: the first 'render' event after which the points' source is loaded (that frame
   * drew them), plus one frame — earlier than 'idle', which also waits for MapLibre to settle.
   * The deck pages draw once, so for them this is firstFrame.
   */
  drawnFrame: number;
}

export interface BenchResult {
  marks: Partial<Marks>;
  /** Points the page drew (its own count, to compare with the data). */
  points?: number;
  error?: string;
}

declare global {
  interface Window {
    __benchDone: Promise<BenchResult>;
    __benchResolve: (r: BenchResult) => void;
  }
}

maplibregl.setWorkerUrl(maplibreWorkerUrl);

const marks: Partial<Marks> = { scriptStart: performance.now() };
export const mark = (name: keyof Marks) => {
  marks[name] = performance.now();
};

export const params = new URLSearchParams(location.search);
export const pointCount = Number(params.get('n') ?? '10000');

/** 商丘市's bbox, the camera the benchmark draws. */
export const bounds: [[number, number], [number, number]] = [
  [114.8, 33.7],
  [116.7, 34.9],
];

/** The map as MapView creates it (no controls), fitted to the city; `loaded` resolves on 'load'. */
export function createMap(): { map: maplibregl.Map; loaded: Promise<void> } {
  const container = document.getElementById('map')!;
  const map = new maplibregl.Map({
    container,
    style: offlineStyle(),
    bounds,
    fitBoundsOptions: { padding: 48 },
    attributionControl: false,
    renderWorldCopies: false,
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
    minZoom: 4,
    maxZoom: 16,
  });
  const loaded = new Promise<void>((resolve) =>
    map.once('load', () => {
      mark('mapLoad');
      resolve();
    }),
  );
  return { map, loaded };
}

export async function fetchJson<T>(url: string): Promise<T> {
  mark('fetchStart');
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body = (await res.json()) as T;
  mark('dataInHand');
  return body;
}

export async function fetchBuffer(url: string): Promise<ArrayBuffer> {
  mark('fetchStart');
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body = await res.arrayBuffer();
  return body;
}

/** Called from the drawing callback: the next animation frame is the first frame; report. */
export function drawn(points: number) {
  requestAnimationFrame(() => {
    mark('firstFrame');
    window.__benchResolve({ marks, points });
  });
}

export function fail(err: unknown) {
  window.__benchResolve({ marks, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
}

addEventListener('error', (e) => fail(e.error ?? e.message));
addEventListener('unhandledrejection', (e) => fail(e.reason));
