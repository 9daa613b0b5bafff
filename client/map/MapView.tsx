/**
 * The map: a MapLibre map with an offline style, a deck.gl overlay (non-interleaved) for the data layers,
 * a scale bar and a north arrow. It knows nothing of regions or measures: callers give it layers and
 * callbacks. This module and its neighbours are the only code that touches MapLibre or deck instances.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList, PickingInfo } from 'deck.gl';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is served from our own origin (bundled by Vite), never from a CDN.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { NorthArrowControl } from './north-arrow-control.ts';
import { offlineStyle } from './offline-style.ts';
import type { LngLatBounds, MapCamera, MapViewport } from './types.ts';
import './map.css';

/** What deck.gl accepts from getTooltip: text, or html with optional style. */
export type MapTooltip = null | string | { text?: string; html?: string; className?: string; style?: Partial<CSSStyleDeclaration> };

export interface MapViewHandle {
  /** Move the camera to show `bounds`; a move with `userIntent` is reported through onCameraChange. */
  fitBounds(bounds: LngLatBounds, options?: { animate?: boolean; userIntent?: boolean }): void;
  /** Move the camera to `camera` (e.g. into a cluster); reported through onCameraChange like a user's move. */
  easeTo(camera: MapCamera, options?: { animate?: boolean }): void;
}

export interface MapViewProps {
  ref?: Ref<MapViewHandle>;
  /** deck.gl layers, bottom first. */
  layers: LayersList;
  /** Camera to open with; null to fit `initialBounds` as soon as they are known. */
  initialCamera: MapCamera | null;
  /** Camera shown until `initialBounds` arrive when there is no initial camera (default: the world). */
  placeholderCamera?: MapCamera;
  initialBounds: LngLatBounds | null;
  /** Space kept free around fitted bounds, CSS px (default 48). */
  fitPaddingPx?: number;
  /** Called after the user moved the map (drag, zoom, keyboard) or after a fit with `userIntent`. */
  onCameraChange?: (camera: MapCamera) => void;
  /** Called whenever the map comes to rest or changes size (for layout that depends on the view). */
  onViewportChange?: (viewport: MapViewport) => void;
  getTooltip?: (info: PickingInfo) => MapTooltip;
  /** The object under the pointer changed; null when the pointer left the map. */
  onHover?: (info: PickingInfo | null) => void;
  onClick?: (info: PickingInfo) => void;
  /** Letter under the north arrow (北 / N). */
  northLabel: string;
  /** Accessible name of the map region. */
  ariaLabel?: string;
}

declare global {
  interface Window {
    /** The MapLibre map, exposed only to automated browsers (navigator.webdriver) for end-to-end tests. */
    __map?: maplibregl.Map;
    /** The deck.gl overlay (pickObjects …), exposed only to automated browsers, for end-to-end tests. */
    __deckOverlay?: MapLibreOverlay;
  }
}

maplibregl.setWorkerUrl(maplibreWorkerUrl);

const viewportOf = (map: maplibregl.Map): MapViewport => {
  const c = map.getCenter();
  const canvas = map.getContainer();
  return { longitude: c.lng, latitude: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), width: canvas.clientWidth, height: canvas.clientHeight };
};

const cameraOf = (map: maplibregl.Map): MapCamera => {
  const c = map.getCenter();
  return { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
};

export function MapView({ ref, layers, initialCamera, placeholderCamera = { lng: 0, lat: 20, zoom: 1 }, initialBounds, fitPaddingPx = 48, onCameraChange, onViewportChange, getTooltip, onHover, onClick, northLabel, ariaLabel }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const northRef = useRef<NorthArrowControl | null>(null);
  const fittedRef = useRef(initialCamera !== null);
  // Latest callbacks, read by the long-lived map and overlay listeners.
  const callbacks = useRef({ onCameraChange, onViewportChange, getTooltip, onHover, onClick });
  callbacks.current = { onCameraChange, onViewportChange, getTooltip, onHover, onClick };
  const layersRef = useRef(layers);
  layersRef.current = layers;

  useEffect(() => {
    const container = containerRef.current!;
    const start = initialCamera ?? placeholderCamera;
    const map = new maplibregl.Map({
      container,
      style: offlineStyle(),
      center: [start.lng, start.lat],
      zoom: start.zoom,
      attributionControl: false,
      renderWorldCopies: false,
      // Administrative maps stay north-up: no rotation or tilt.
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      minZoom: 4,
      maxZoom: 16,
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    mapRef.current = map;

    const markRendered = () => {
      if (layersRef.current.length > 0 && map.loaded()) container.dataset.mapReady = 'true';
    };
    const overlay = new MapLibreOverlay({
      layers: layersRef.current,
      getTooltip: (info) => callbacks.current.getTooltip?.(info) ?? null,
      onClick: (info) => callbacks.current.onClick?.(info),
      onHover: (info) => {
        map.getCanvas().style.cursor = info.object ? 'pointer' : '';
        callbacks.current.onHover?.(info);
      },
      onAfterRender: markRendered,
    });
    overlayRef.current = overlay;
    map.addControl(overlay);
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    // Bottom-right, zoom buttons above the north arrow (MapLibre stacks later controls above earlier
    // ones in bottom corners); the top corners belong to the side-panel toggles and the breadcrumb.
    const north = new NorthArrowControl(northLabel);
    northRef.current = north;
    map.addControl(north, 'bottom-right');
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    map.on('idle', markRendered);
    map.on('mouseout', () => callbacks.current.onHover?.(null));
    const reportViewport = () => callbacks.current.onViewportChange?.(viewportOf(map));
    map.on('load', reportViewport);
    map.on('resize', reportViewport);
    map.on('moveend', (e: { originalEvent?: Event; userIntent?: boolean }) => {
      reportViewport();
      if (e.originalEvent || e.userIntent) callbacks.current.onCameraChange?.(cameraOf(map));
    });
    if (navigator.webdriver) {
      window.__map = map;
      window.__deckOverlay = overlay;
    }

    return () => {
      if (window.__map === map) delete window.__map;
      if (window.__deckOverlay === overlay) delete window.__deckOverlay;
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
      northRef.current = null;
    };
    // The map is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    overlayRef.current?.setProps({ layers });
    if (layers.length === 0 && containerRef.current) delete containerRef.current.dataset.mapReady;
  }, [layers]);

  useEffect(() => {
    northRef.current?.setLabel(northLabel);
  }, [northLabel]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !initialBounds || fittedRef.current) return;
    fittedRef.current = true;
    map.fitBounds(initialBounds, { padding: fitPaddingPx, animate: false });
  }, [initialBounds, fitPaddingPx]);

  useImperativeHandle(
    ref,
    () => ({
      fitBounds(bounds, options = {}) {
        mapRef.current?.fitBounds(bounds, { padding: fitPaddingPx, animate: options.animate ?? true, duration: 700, maxZoom: 13 }, { userIntent: options.userIntent ?? false });
      },
      easeTo(camera, options = {}) {
        mapRef.current?.easeTo({ center: [camera.lng, camera.lat], zoom: camera.zoom, duration: options.animate === false ? 0 : 600 }, { userIntent: true });
      },
    }),
    [fitPaddingPx],
  );

  return <div ref={containerRef} className="map-view" role="region" aria-label={ariaLabel} />;
}
