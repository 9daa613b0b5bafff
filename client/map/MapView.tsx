/**
 * The map: a MapLibre map with an offline style that draws the divisions itself (fill, boundaries,
 * outlines, labels: see map-regions.ts), a scale bar and a north arrow. deck.gl (the operational
 * layers) is loaded only when the first deck layer is asked for, and drawn interleaved below the labels.
 * It knows nothing of measures: callers give it coded polygons, colours, labels, deck layers and callbacks.
 * This module and its neighbours are the only code that touches MapLibre or deck instances.
 */
import type { LayersList, PickingInfo } from 'deck.gl';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is served from our own origin (bundled by Vite), never from a CDN.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import type { DeckOverlay } from './deck-overlay.ts';
import { RegionLayers, type MapRegions } from './map-regions.ts';
import { NorthArrowControl } from './north-arrow-control.ts';
import { offlineStyle } from './offline-style.ts';
import { regionLayerIds } from './region-style-layers.ts';
import type { LngLatBounds, MapCamera, MapClick, MapViewport, ScreenPadding } from './types.ts';
import './map.css';

/** What deck.gl accepts from getTooltip: text, or html with optional style. */
export type MapTooltip = null | string | { text?: string; html?: string; className?: string; style?: Partial<CSSStyleDeclaration> };

export interface MapViewHandle {
  /** Move the camera to show `bounds`; a move with `userIntent` is reported through onCameraChange. */
  fitBounds(bounds: LngLatBounds, options?: { animate?: boolean; userIntent?: boolean; padding?: ScreenPadding }): void;
  /** Move the camera to `camera` (e.g. into a cluster); reported through onCameraChange like a user's move. */
  easeTo(camera: MapCamera, options?: { animate?: boolean }): void;
}

export interface MapViewProps {
  ref?: Ref<MapViewHandle>;
  /** The divisions to draw (MapLibre layers), or null while their boundaries load. */
  regions: MapRegions | null;
  /** deck.gl layers above the divisions and below their labels, bottom first (deck.gl loads with the first). */
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
  /** Tooltip of a deck object. */
  getTooltip?: (info: PickingInfo) => MapTooltip;
  /** Tooltip text of the division under the pointer. */
  regionTooltip?: (code: string) => string | null;
  /** The division under the pointer changed; null when there is none (or a deck object is on top). */
  onRegionHover?: (code: string | null) => void;
  /** A click: `deck` is the deck object under it (if any), `code` the division (if any), `lngLat` where. */
  onClick?: (hit: MapClick<PickingInfo>) => void;
  /** Letter under the north arrow (北 / N). */
  northLabel: string;
  /** Accessible name of the map region. */
  ariaLabel?: string;
}

declare global {
  interface Window {
    /** The MapLibre map, exposed only to automated browsers (navigator.webdriver) for end-to-end tests. */
    __map?: maplibregl.Map;
    /** The deck.gl overlay (pickObjects …), exposed only to automated browsers once deck.gl is loaded. */
    __deckOverlay?: DeckOverlay['overlay'];
  }
}

maplibregl.setWorkerUrl(maplibreWorkerUrl);

const viewportOf = (map: maplibregl.Map): MapViewport => {
  const c = map.getCenter();
  const canvas = map.getContainer();
  return {
    longitude: c.lng,
    latitude: c.lat,
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    pitch: map.getPitch(),
    width: canvas.clientWidth,
    height: canvas.clientHeight,
  };
};

const cameraOf = (map: maplibregl.Map): MapCamera => {
  const c = map.getCenter();
  return { lng: c.lng, lat: c.lat, zoom: map.getZoom() };
};

export function MapView(props: MapViewProps) {
  const {
    ref,
    regions,
    layers,
    initialCamera,
    placeholderCamera = { lng: 0, lat: 20, zoom: 1 },
    initialBounds,
    fitPaddingPx = 48,
    northLabel,
    ariaLabel,
  } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapContainerRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const regionLayersRef = useRef<RegionLayers | null>(null);
  const deckRef = useRef<DeckOverlay | null>(null);
  const deckLoading = useRef(false);
  const northRef = useRef<NorthArrowControl | null>(null);
  const fittedRef = useRef(initialCamera !== null);
  // The first fit's bounds, kept until the camera is moved on purpose: the page's panels may still be
  // settling (a sider's breakpoint, the time bar), and each resize of the map refits them.
  const autoFitRef = useRef<LngLatBounds | null>(null);
  // Latest props, read by the long-lived map listeners (updated after each render, before any listener runs again).
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const container = containerRef.current!;
    const start = initialCamera ?? placeholderCamera;
    const map = new maplibregl.Map({
      container: mapContainerRef.current!,
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

    // Ready for tests and benchmarks: the divisions drawn, and deck's layers too when there are any.
    const markRendered = () => {
      const regionLayers = regionLayersRef.current;
      const deckPending = latest.current.layers.length > 0 && !deckRef.current;
      if (regionLayers?.loaded() && map.loaded() && !deckPending) container.dataset.mapReady = 'true';
      // For the first-screen benchmark: the first frame with colours and labels (bench/first-screen).
      if (!choroplethMarked && regionLayers?.choroplethLoaded() && map.loaded()) {
        choroplethMarked = true;
        requestAnimationFrame(() => performance.mark('fupin:choropleth-frame'));
      }
    };
    let choroplethMarked = false;
    map.on('load', () => {
      regionLayersRef.current = new RegionLayers(map);
      regionLayersRef.current.update(latest.current.regions);
      reportViewport();
    });
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    // Bottom-right, zoom buttons above the north arrow (MapLibre stacks later controls above earlier
    // ones in bottom corners); the top corners belong to the side-panel toggles and the breadcrumb.
    const north = new NorthArrowControl(northLabel);
    northRef.current = north;
    map.addControl(north, 'bottom-right');
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    map.on('idle', markRendered);

    const tooltip = tooltipRef.current!;
    const hideTooltip = () => {
      tooltip.hidden = true;
    };
    let hovered: string | null = null;
    const setHovered = (code: string | null) => {
      if (code === hovered) return;
      hovered = code;
      latest.current.onRegionHover?.(code);
    };
    map.on('mousemove', (e) => {
      const deckHit = deckRef.current?.pick(e.point) ?? null;
      const code = deckHit?.object ? null : (regionLayersRef.current?.codeAt(e.point) ?? null);
      map.getCanvas().style.cursor = deckHit?.object || code ? 'pointer' : '';
      setHovered(code);
      const text = code ? latest.current.regionTooltip?.(code) : null;
      if (!text) return hideTooltip();
      tooltip.textContent = text;
      tooltip.hidden = false;
      const { clientWidth: w, clientHeight: h } = container;
      // Beside the pointer, kept inside the map.
      const x = Math.min(e.point.x + 14, w - tooltip.offsetWidth - 4);
      const y = e.point.y + 14 + tooltip.offsetHeight > h ? e.point.y - tooltip.offsetHeight - 10 : e.point.y + 14;
      tooltip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
    });
    map.on('mouseout', () => {
      setHovered(null);
      hideTooltip();
    });
    map.on('click', (e) => {
      const deckHit = deckRef.current?.pick(e.point) ?? null;
      const code = regionLayersRef.current?.codeAt(e.point) ?? null;
      latest.current.onClick?.({ deck: deckHit?.object ? deckHit : null, code, lngLat: [e.lngLat.lng, e.lngLat.lat] });
    });
    const reportViewport = () => latest.current.onViewportChange?.(viewportOf(map));
    map.on('resize', () => {
      const bounds = autoFitRef.current;
      if (bounds) map.fitBounds(bounds, { padding: latest.current.fitPaddingPx ?? 48, animate: false });
      reportViewport();
    });
    map.on('movestart', (e: { originalEvent?: Event }) => {
      if (e.originalEvent) autoFitRef.current = null;
    });
    map.on('moveend', (e: { originalEvent?: Event; userIntent?: boolean }) => {
      reportViewport();
      if (e.originalEvent || e.userIntent) latest.current.onCameraChange?.(cameraOf(map));
    });
    if (navigator.webdriver) window.__map = map;

    return () => {
      if (window.__map === map) delete window.__map;
      if (deckRef.current && window.__deckOverlay === deckRef.current.overlay) delete window.__deckOverlay;
      map.remove();
      mapRef.current = null;
      regionLayersRef.current = null;
      deckRef.current = null;
      northRef.current = null;
    };
    // The map is created once; later prop changes are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    regionLayersRef.current?.update(regions);
    if (!regions && containerRef.current) delete containerRef.current.dataset.mapReady;
  }, [regions]);

  // deck.gl is fetched with the first deck layer, then kept for the session.
  useEffect(() => {
    if (deckRef.current) {
      deckRef.current.setLayers(layers);
      return;
    }
    if (layers.length === 0 || deckLoading.current) return;
    deckLoading.current = true;
    if (containerRef.current) delete containerRef.current.dataset.mapReady;
    void import('./deck-overlay.ts').then(({ createDeckOverlay }) => {
      const map = mapRef.current;
      if (!map) return;
      const attach = () => {
        const deck = createDeckOverlay(map, regionLayerIds.labels, {
          getTooltip: (info) => latest.current.getTooltip?.(info) ?? null,
          onAfterRender: () => {
            const container = containerRef.current;
            if (container && regionLayersRef.current?.loaded() && map.loaded()) container.dataset.mapReady = 'true';
          },
        });
        deckRef.current = deck;
        deck.setLayers(latest.current.layers);
        if (navigator.webdriver) window.__deckOverlay = deck.overlay;
      };
      if (regionLayersRef.current) attach();
      else map.once('load', attach);
    });
  }, [layers]);

  useEffect(() => {
    northRef.current?.setLabel(northLabel);
  }, [northLabel]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !initialBounds || fittedRef.current) return;
    fittedRef.current = true;
    autoFitRef.current = initialBounds;
    map.fitBounds(initialBounds, { padding: fitPaddingPx, animate: false });
  }, [initialBounds, fitPaddingPx]);

  useImperativeHandle(
    ref,
    () => ({
      fitBounds(bounds, options = {}) {
        autoFitRef.current = null;
        // MapLibre knows its container's size only from its last resize, which its observer reports a frame or
        // more late: a fit right after the page's layout changed (entering the presenter hides the side panels)
        // was computed for the old width and left the area in a sliver of the screen. Read the size now.
        mapRef.current?.resize();
        mapRef.current?.fitBounds(
          bounds,
          { padding: options.padding ?? fitPaddingPx, animate: options.animate ?? true, duration: 700, maxZoom: 13 },
          { userIntent: options.userIntent ?? false },
        );
      },
      easeTo(camera, options = {}) {
        autoFitRef.current = null;
        mapRef.current?.easeTo(
          { center: [camera.lng, camera.lat], zoom: camera.zoom, duration: options.animate === false ? 0 : 600 },
          { userIntent: true },
        );
      },
    }),
    [fitPaddingPx],
  );

  return (
    <div ref={containerRef} className="map-view" role="region" aria-label={ariaLabel}>
      <div ref={mapContainerRef} className="map-view__map" />
      <div ref={tooltipRef} className="map-tooltip" role="tooltip" hidden />
    </div>
  );
}
