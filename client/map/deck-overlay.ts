/**
 * The deck.gl overlay for the operational layers, loaded (with deck.gl) only when a layer is first
 * turned on: the first screen draws the divisions with MapLibre alone. Interleaved, so deck's layers
 * go between the division outlines and the labels (`beforeId`): names and values stay on top.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList, PickingInfo } from 'deck.gl';
import type { Map as MapLibreMap } from 'maplibre-gl';

export type { PickingInfo };

export interface DeckOverlayCallbacks {
  getTooltip: (
    info: PickingInfo,
  ) => null | string | { text?: string; html?: string; className?: string; style?: Partial<CSSStyleDeclaration> };
  onAfterRender: () => void;
}

export interface DeckOverlay {
  overlay: MapLibreOverlay;
  setLayers(layers: LayersList): void;
  /** The top pickable deck object at a screen point (CSS px), or null. */
  pick(point: { x: number; y: number }): PickingInfo | null;
  remove(): void;
}

export function createDeckOverlay(map: MapLibreMap, beforeId: string, callbacks: DeckOverlayCallbacks): DeckOverlay {
  const withBefore = (layers: LayersList) =>
    layers.map((l) => (l && typeof l === 'object' && 'clone' in l ? l.clone({ beforeId } as never) : l)) as LayersList;
  const overlay = new MapLibreOverlay({
    interleaved: true,
    layers: [],
    getTooltip: callbacks.getTooltip as never,
    onAfterRender: callbacks.onAfterRender,
  });
  map.addControl(overlay);
  let current: LayersList = [];
  const apply = () => overlay.setProps({ layers: current });
  return {
    overlay,
    setLayers: (layers) => {
      current = withBefore(layers);
      apply();
      // deck places its layers in MapLibre's layer order only while no source is loading; else once the map is idle.
      if (!map.isStyleLoaded()) map.once('idle', apply);
    },
    pick: (point) => (overlay.pickObject({ x: point.x, y: point.y, radius: 2 }) as PickingInfo | null) ?? null,
    remove: () => map.removeControl(overlay),
  };
}
