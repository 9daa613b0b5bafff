/**
 * The deck.gl pages: the map plus a MapLibreOverlay (non-interleaved, as MapView uses it). The first
 * frame is the first onAfterRender in which the layer handed over is loaded, plus one animation frame.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from 'deck.gl';
import { createMap, drawn, mark } from './common.ts';

export function createDeckMap() {
  const { map, loaded } = createMap();
  let pending: { layer: Layer; points: number } | null = null;
  const overlay = new MapLibreOverlay({
    layers: [],
    onAfterRender: () => {
      if (pending && pending.layer.isLoaded) {
        const { points } = pending;
        pending = null;
        drawn(points);
      }
    },
  });
  map.addControl(overlay);
  return {
    map,
    loaded,
    /** Hand the layer to deck; `points` is what it should draw. */
    show(layer: Layer, points: number) {
      pending = { layer, points };
      mark('layerAdded');
      overlay.setProps({ layers: [layer] });
    },
  };
}
